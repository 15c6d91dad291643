import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { decodeCursor, DEFAULT_PAGE, toPage } from '../../core/pagination.ts';
import { authorize } from '../../core/policy.ts';
import { listScopes, unitAllowing } from '../../core/scopes.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { issuesPolicy } from '../issues/index.ts';
import { getUnit } from '../org/index.ts';
import { createKey, revokeKey } from './commands/keys.ts';
import { presentKey } from './present.ts';
import * as q from './queries.ts';
import * as s from './schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const MANAGE = issuesPolicy['open311.keys'];

/** Loads a key for someone who manages keys there; outside the actor's tree it does not exist (404). */
async function keyFor(ctx: Ctx, id: number): Promise<q.KeyRow> {
  const key = await q.getKey(ctx.db, id);
  if (!key) throw notFound('API key');
  authorize(ctx.actor, MANAGE, key.path, 'API key');
  return key;
}

// The keys Open311 clients present, managed by community and street staff in the platform's own API.
export const open311KeyRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];

  app.get('/open311/keys', { schema: { tags, summary: 'Open311 keys within a unit (or all the caller manages)', querystring: s.KeysQuery, response: { 200: PageOf(s.ApiKeyT), ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { unitId, cursor, limit = DEFAULT_PAGE } = request.query;
    const scopes = await listScopes(ctx, MANAGE, unitId, getUnit);
    return toPage(await q.listKeys(ctx.db, { scopes, cursor: decodeCursor(cursor), limit }), limit, (k) => presentKey(k, ctx.actor));
  });

  app.post('/open311/keys', { schema: { tags, summary: 'Issue a key for an Open311 client, scoped to a unit; the key is shown only in this answer', body: s.CreateKeyBody, response: { 201: s.NewApiKey, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitAllowing(ctx, MANAGE, request.body.unitId, getUnit);
    const made = await createKey(ctx, unit, request.body.name);
    return reply.status(201).send({ ...presentKey(await keyFor(ctx, made.id), ctx.actor), key: made.key });
  });

  app.post('/open311/keys/:id/revoke', { schema: { tags, summary: 'Revoke a key: it stops working at once', params: IdParams, response: { 200: s.ApiKeyT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    await revokeKey(ctx, await keyFor(ctx, request.params.id));
    return presentKey(await keyFor(ctx, request.params.id), ctx.actor);
  });
};
