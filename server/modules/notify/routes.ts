import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { decodeCursor, decodeIdCursor, DEFAULT_PAGE, toIdPage, toPage } from '../../core/pagination.ts';
import { listScopes, unitAllowing } from '../../core/scopes.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { getUnit } from '../org/index.ts';
import { webhookFor } from './access.ts';
import { deleteWebhook } from './commands/deleteWebhook.ts';
import { deliverOne } from './commands/deliverWebhooks.ts';
import { queueTestDelivery } from './commands/queueWebhooks.ts';
import { markAllRead, markRead } from './commands/readNotifications.ts';
import { createWebhook, updateWebhook } from './commands/saveWebhook.ts';
import { notifyPolicy } from './policy.ts';
import { presentDelivery, presentNotification, presentWebhook } from './present.ts';
import * as q from './queries.ts';
import * as s from './schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const MANAGE = notifyPolicy['webhooks.manage'];

export const notifyRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  /** The webhook as it is now, for answers after a change. */
  async function freshWebhook(request: Parameters<typeof ctxOf>[1], id: number) {
    const ctx = ctxOf(app, request);
    const hook = await q.getWebhook(ctx.db, id);
    if (!hook) throw notFound('webhook');
    return presentWebhook(hook, ctx.actor);
  }

  {
    const tags = ['notifications'];

    app.get('/notifications', { schema: { tags, summary: 'The caller’s notifications, newest first; unread=1 for unread ones only', querystring: s.NotificationsQuery, response: { 200: PageOf(s.NotificationT), ...errors } } }, async (request) => {
      const ctx = ctxOf(app, request);
      const { unread, cursor, limit = DEFAULT_PAGE } = request.query;
      const rows = await q.listNotifications(ctx.db, { userId: ctx.actor.userId, unreadOnly: unread === '1', beforeId: decodeIdCursor(cursor), limit });
      return toIdPage(rows, limit, presentNotification);
    });

    app.get('/notifications/unread-count', { schema: { tags, summary: 'How many of the caller’s notifications are unread', response: { 200: s.UnreadCount, ...errors } } }, async (request) => {
      const ctx = ctxOf(app, request);
      return { count: await q.countUnread(ctx.db, ctx.actor.userId) };
    });

    app.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one of the caller’s notifications read', params: IdParams, response: { 200: s.NotificationT, ...errors } } }, async (request) => {
      return presentNotification(await markRead(ctxOf(app, request), request.params.id));
    });

    app.post('/notifications/read-all', { schema: { tags, summary: 'Mark all of the caller’s notifications read', response: { 200: s.ReadAllResult, ...errors } } }, async (request) => {
      return { marked: await markAllRead(ctxOf(app, request)) };
    });
  }

  {
    const tags = ['webhooks'];

    app.get('/webhooks', { schema: { tags, summary: 'Outgoing webhooks within a unit (or all the caller manages)', querystring: s.WebhooksQuery, response: { 200: PageOf(s.WebhookT), ...errors } } }, async (request) => {
      const ctx = ctxOf(app, request);
      const { unitId, cursor, limit = DEFAULT_PAGE } = request.query;
      const scopes = await listScopes(ctx, MANAGE, unitId, getUnit);
      const rows = await q.listWebhooks(ctx.db, { scopes, cursor: decodeCursor(cursor), limit });
      return toPage(rows, limit, (w) => presentWebhook(w, ctx.actor));
    });

    app.post('/webhooks', { schema: { tags, summary: 'Set up a webhook on a unit: events there and below are posted to the address', body: s.CreateWebhookBody, response: { 201: s.WebhookT, ...errors } } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { unitId, ...input } = request.body;
      const unit = await unitAllowing(ctx, MANAGE, unitId, getUnit);
      const id = await createWebhook(ctx, unit, input);
      return reply.status(201).send(await freshWebhook(request, id));
    });

    app.post('/webhooks/:id', { schema: { tags, summary: 'Change a webhook’s name, address, events, or switch it on or off', params: IdParams, body: s.UpdateWebhookBody, response: { 200: s.WebhookT, ...errors } } }, async (request) => {
      const ctx = ctxOf(app, request);
      const hook = await webhookFor(ctx, request.params.id, 'webhooks.manage');
      await updateWebhook(ctx, hook, request.body);
      return freshWebhook(request, hook.id);
    });

    app.delete('/webhooks/:id', { schema: { tags, summary: 'Delete a webhook with its delivery log; nothing more is sent to its address', params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      await deleteWebhook(ctx, await webhookFor(ctx, request.params.id, 'webhooks.manage'));
      return reply.status(204).send(null);
    });

    app.post('/webhooks/:id/test', { schema: { tags, summary: 'Send a test message now; the answer is the delivery with its outcome', params: IdParams, response: { 201: s.DeliveryT, ...errors } } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const hook = await webhookFor(ctx, request.params.id, 'webhooks.manage');
      const id = await queueTestDelivery(ctx, hook);
      await deliverOne(app.services, id);
      const delivery = await q.getDelivery(ctx.db, id);
      if (!delivery) throw notFound('delivery');
      return reply.status(201).send(presentDelivery(delivery));
    });

    app.get('/webhooks/:id/deliveries', { schema: { tags, summary: 'The delivery log of a webhook, newest first', params: IdParams, querystring: s.DeliveriesQuery, response: { 200: PageOf(s.DeliveryT), ...errors } } }, async (request) => {
      const ctx = ctxOf(app, request);
      const hook = await webhookFor(ctx, request.params.id, 'webhooks.manage');
      const { cursor, limit = DEFAULT_PAGE } = request.query;
      const rows = await q.listDeliveries(ctx.db, { webhookId: hook.id, beforeId: decodeIdCursor(cursor), limit });
      return toIdPage(rows, limit, presentDelivery);
    });
  }
};
