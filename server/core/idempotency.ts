import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256 } from './crypto.ts';
import { DomainError } from './errors.ts';

const HEADER = 'idempotency-key';
// A claim whose request never finished (the process died) stops blocking retries after this long.
const ABANDONED_MS = 60_000;
/** Rows of callers without an account: user ids start at 1, and the caller is told apart inside the key. */
const NO_USER = 0;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { key: string; userId: number } | null;
  }
}

/** Callers without a session who said who they are, by request. */
const callers = new WeakMap<FastifyRequest, string>();

/**
 * Names the caller of a request that has no session, e.g. `open311-key:7` for the Open311 client holding key 7.
 * Call it before the preHandler stage (in a route's preValidation, where the credential is checked): that caller's
 * Idempotency-Keys are then its own, as a signed-in user's are, and no other client's key can replay its answers.
 */
export function identifyCaller(request: FastifyRequest, caller: string): void {
  callers.set(request, caller);
}

/**
 * Where an Idempotency-Key lives: (user_id, key) rows, with callers that have no user id folded into the key.
 * A signed-in user: their id. A caller that was named (`identifyCaller`): that name. Anyone else (the public QR
 * page) cannot be told apart from other people, so their key only matches the very same request: the same route
 * (with its public token) and the same body. A phone retrying after a lost answer sends exactly that; two people
 * who happen to send the same key with different reports each get their own, and nobody gets another's answer
 * without sending what that person sent.
 */
function keySpace(request: FastifyRequest, route: string, key: string): { userId: number; key: string } {
  if (request.actor) return { userId: request.actor.userId, key };
  const caller = callers.get(request);
  if (caller) return { userId: NO_USER, key: `${caller}|${key}` };
  const sameRequest = sha256(`${route}\n${JSON.stringify(request.body ?? null)}`);
  return { userId: NO_USER, key: `anonymous:${sameRequest}|${key}` };
}

/**
 * `Idempotency-Key` on a POST: the first request claims the key, later ones with the same key by the same
 * caller (see `keySpace`) get the first answer replayed (or 409 while the first is still running). A phone that
 * retries after a lost response therefore writes exactly once.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const given = request.headers[HEADER];
    if (request.method !== 'POST' || typeof given !== 'string' || given === '') return;
    if (given.length > 200) throw new DomainError('invalid', 'VALIDATION_FAILED', 'Idempotency-Key is longer than 200 characters');
    const { db, clock } = app.services;
    const route = `${request.method} ${request.url}`;
    const { userId, key } = keySpace(request, route, given);
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
    // Answers are JSON, but for the XML format of Open311 (…/requests.xml): the route names which.
    const type = /\.xml(?:\?|$)/.test(existing.route) ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8';
    reply.header('idempotent-replayed', 'true').header('content-type', type);
    return reply.status(existing.status).send(existing.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    const { db } = app.services;
    const q = db.updateTable('idempotency_keys').where('user_id', '=', claim.userId).where('key', '=', claim.key);
    if (reply.statusCode >= 500 || reply.statusCode === 429 || typeof payload !== 'string') {
      // A failed or refused attempt (429: too many, try later) wrote nothing; let the retry run again.
      await db.deleteFrom('idempotency_keys').where('user_id', '=', claim.userId).where('key', '=', claim.key).execute();
    } else {
      await q.set({ status: reply.statusCode, body: payload }).execute();
    }
    return payload;
  });
}
