import type { Ctx } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { getOwnNotification, type NotificationRow } from '../queries.ts';

// Read marks are the reader's own bookkeeping, not a change to anything others rely on: no audit row.

/** Marks one of the actor's notifications read (again is harmless). Throws NOT_FOUND for anyone else's. */
export async function markRead(ctx: Ctx, id: number): Promise<NotificationRow> {
  const own = await getOwnNotification(ctx.db, ctx.actor.userId, id);
  if (!own) throw notFound('notification');
  if (own.read_at !== null) return own;
  const readAt = ctx.clock.now().toISOString();
  await ctx.db.updateTable('notifications').set({ read_at: readAt }).where('id', '=', id).where('user_id', '=', ctx.actor.userId).where('read_at', 'is', null).execute();
  return { ...own, read_at: readAt };
}

/** Marks all of the actor's unread notifications read; returns how many. */
export async function markAllRead(ctx: Ctx): Promise<number> {
  const result = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock.now().toISOString() })
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
