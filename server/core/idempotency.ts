import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors.ts';

const HEADER = 'idempotency-key';
// A claim whose request never finished (the process died) stops blocking retries after this long.
const ABANDONED_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { key: string; userId: number } | null;
  }
}

/**
 * `Idempotency-Key` on a POST: the first request claims the key, later ones with the same key by the same
 * user get the first answer replayed (or 409 while the first is still running). A phone that retries after a
 * lost response therefore writes exactly once.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return;
    if (key.length > 200) throw new DomainError('invalid', 'VALIDATION_FAILED', 'Idempotency-Key is longer than 200 characters');
    const { db, clock } = app.services;
    const userId = request.actor?.userId ?? 0;
    const route = `${request.method} ${request.url}`;
    const now = clock.now();
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ key, user_id: userId, route, status: 0, body: '', created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 1) {
      request.idempotency = { key, userId };
      return;
    }
    const existing = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
    if (!existing) throw new DomainError('conflict', 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
    if (existing.route !== route) {
      throw new DomainError('rule', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another request');
    }
    if (existing.status === 0) {
      if (now.getTime() - Date.parse(existing.created_at) < ABANDONED_MS) {
        throw new DomainError('conflict', 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
      }
      await db.updateTable('idempotency_keys').set({ created_at: now.toISOString() }).where('user_id', '=', userId).where('key', '=', key).execute();
      request.idempotency = { key, userId };
      return;
    }
    reply.header('idempotent-replayed', 'true').header('content-type', 'application/json; charset=utf-8');
    return reply.status(existing.status).send(existing.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    const { db } = app.services;
    const q = db.updateTable('idempotency_keys').where('user_id', '=', claim.userId).where('key', '=', claim.key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // A failed attempt wrote nothing; let the retry run again.
      await db.deleteFrom('idempotency_keys').where('user_id', '=', claim.userId).where('key', '=', claim.key).execute();
    } else {
      await q.set({ status: reply.statusCode, body: payload }).execute();
    }
    return payload;
  });
}
