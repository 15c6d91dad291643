import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../core/pagination.ts';
import { Id, Nullable } from '../../core/schemas.ts';
import { ALL_EVENTS, WEBHOOK_EVENTS } from './rules/webhooks.ts';

export const NotificationT = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  issueId: Nullable(Type.Integer()),
  title: Type.String(),
  body: Type.String(),
  /** A path inside the web app to open, or null. */
  link: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});
export type NotificationT = Static<typeof NotificationT>;

export const NotificationsQuery = Type.Composite([PageQuery, Type.Object({ unread: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) })]);
export const UnreadCount = Type.Object({ count: Type.Integer() });
export const ReadAllResult = Type.Object({ marked: Type.Integer() });

const EventT = Type.Union([...WEBHOOK_EVENTS.map((e) => Type.Literal(e)), Type.Literal(ALL_EVENTS)]);
const webhookFields = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  url: Type.String({ minLength: 1, maxLength: 1000 }),
  events: Type.Array(EventT, { minItems: 1, maxItems: WEBHOOK_EVENTS.length + 1, uniqueItems: true }),
};

export const WebhookT = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** What the caller may do with this webhook. */
  actions: Type.Array(Type.String()),
});
export type WebhookT = Static<typeof WebhookT>;

export const WebhooksQuery = Type.Composite([PageQuery, Type.Object({ unitId: Type.Optional(Id) })]);

export const CreateWebhookBody = Type.Object({ unitId: Id, ...webhookFields }, { additionalProperties: false });
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Partial(Type.Object({ ...webhookFields, enabled: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const DeliveryT = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  event: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  /** When the next attempt is due (meaningful while pending). */
  nextAttemptAt: Type.String(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
});
export type DeliveryT = Static<typeof DeliveryT>;

export const DeliveriesQuery = PageQuery;
