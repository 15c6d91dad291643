import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { decodeIdCursor, toIdPage } from '../../core/pagination.ts';
import { authorize, requireAnywhere, scopesFor, type Actor } from '../../core/policy.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { getUnit } from '../org/index.ts';
import { accountFor } from './access.ts';
import { createAccount } from './commands/createAccount.ts';
import { grantRole, revokeRole } from './commands/grants.ts';
import { updateAccount } from './commands/updateAccount.ts';
import { accountsPolicy } from './policy.ts';
import { presentAccount } from './present.ts';
import { getAccount, grantsOf, listAccounts } from './queries.ts';
import * as s from './schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const MANAGE = accountsPolicy['accounts.manage'];

export const accountsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['accounts'];

  async function fresh(actor: Actor, id: number) {
    const account = await getAccount(app.services.db, id);
    if (!account) throw notFound('account');
    return presentAccount(actor, account, await grantsOf(app.services.db, [id]));
  }

  app.get('/accounts', { schema: { tags, summary: 'Accounts the caller manages', querystring: s.AccountsQuery, response: { 200: PageOf(s.AccountT), ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, MANAGE);
    const scopes = scopesFor(ctx.actor, MANAGE);
    const { q, limit = 50, cursor } = request.query;
    const rows = await listAccounts(ctx.db, { scopes, q, afterId: decodeIdCursor(cursor), limit });
    const grants = await grantsOf(ctx.db, rows.map((r) => r.id));
    return toIdPage(rows, limit, (r) => presentAccount(ctx.actor, r, grants));
  });

  app.post('/accounts', { schema: { tags, summary: 'Create an account', body: s.CreateAccountBody, response: { 201: s.AccountT, ...errors, 409: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, MANAGE);
    const unitId = request.body.unitId ?? ctx.actor.grants.find((g) => MANAGE.includes(g.role))?.unitId ?? 0;
    const unit = await getUnit(ctx.db, unitId);
    if (!unit) throw notFound('unit');
    authorize(ctx.actor, MANAGE, unit.path, 'unit');
    const id = await createAccount(ctx, unit, request.body);
    return reply.status(201).send(await fresh(ctx.actor, id));
  });

  app.patch('/accounts/:id', { schema: { tags, summary: 'Rename, reset password, disable or enable', params: IdParams, body: s.UpdateAccountBody, response: { 200: s.AccountT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { account } = await accountFor(ctx, request.params.id);
    await updateAccount(ctx, account, request.body);
    return fresh(ctx.actor, account.id);
  });

  app.post('/accounts/:id/grants', { schema: { tags, summary: 'Grant a role at a node', params: IdParams, body: s.GrantBody, response: { 201: s.AccountT, ...errors, 409: ErrorResponse, 422: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { account, grants } = await accountFor(ctx, request.params.id);
    const unit = await getUnit(ctx.db, request.body.unitId);
    if (!unit) throw notFound('unit');
    authorize(ctx.actor, MANAGE, unit.path, 'unit');
    await grantRole(ctx, account, grants, request.body.role, unit);
    return reply.status(201).send(await fresh(ctx.actor, account.id));
  });

  app.delete('/accounts/:id/grants/:grantId', { schema: { tags, summary: 'Revoke a role', params: s.GrantParams, response: { 200: s.AccountT, ...errors, 422: ErrorResponse } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { account, grants } = await accountFor(ctx, request.params.id);
    await revokeRole(ctx, account, grants, request.params.grantId);
    return fresh(ctx.actor, account.id);
  });
};
