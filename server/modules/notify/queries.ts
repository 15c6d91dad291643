import type { Selectable } from 'kysely';
import { withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { NotificationTable, WebhookDeliveryTable } from '../../db/schema.ts';

// Reads for notifications and webhooks. No rules here: callers authorise first.

export type NotificationRow = Selectable<NotificationTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

/** One user's notifications, newest first, after an id cursor. */
export function listNotifications(db: DbOrTx, f: { userId: number; unreadOnly: boolean; beforeId: number | null; limit: number }): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', f.userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  if (f.beforeId !== null) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export async function countUnread(db: DbOrTx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A notification of this user; someone else's is as good as missing. */
export function getOwnNotification(db: DbOrTx, userId: number, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

const webhookColumns = ['w.id', 'w.unit_id', 'w.path', 'w.name', 'w.url', 'w.events', 'w.enabled', 'w.created_at', 'w.updated_at', 'u.name as unit_name'] as const;

export function getWebhook(db: DbOrTx, id: number) {
  return db.selectFrom('webhooks as w').innerJoin('org_units as u', 'u.id', 'w.unit_id').select(webhookColumns).where('w.id', '=', id).executeTakeFirst();
}
export type WebhookRow = NonNullable<Awaited<ReturnType<typeof getWebhook>>>;

/** Webhooks set up within the given subtrees, in (path, id) order. */
export function listWebhooks(db: DbOrTx, f: { scopes: string[]; cursor: PathCursor | null; limit: number }): Promise<WebhookRow[]> {
  let q = db.selectFrom('webhooks as w').innerJoin('org_units as u', 'u.id', 'w.unit_id').select(webhookColumns).where((eb) => withinAny(eb, 'w.path', f.scopes));
  if (f.cursor) q = q.where(afterCursor('w.path', 'w.id', f.cursor));
  return q.orderBy('w.path').orderBy('w.id').limit(f.limit + 1).execute();
}

/** Enabled webhooks sitting exactly on one of these nodes. */
export function enabledWebhooksAt(db: DbOrTx, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('webhooks').select(['id', 'events']).where('path', 'in', paths).where('enabled', '=', 1).orderBy('id').execute();
}

/** A webhook's deliveries, newest first, after an id cursor. */
export function listDeliveries(db: DbOrTx, f: { webhookId: number; beforeId: number | null; limit: number }): Promise<DeliveryRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', f.webhookId);
  if (f.beforeId !== null) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export function getDelivery(db: DbOrTx, id: number): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pending deliveries whose time has come and that nobody is sending right now, oldest due first. */
export function dueDeliveryIds(db: DbOrTx, now: string, limit: number): Promise<{ id: number }[]> {
  return db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
