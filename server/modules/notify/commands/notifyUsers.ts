import type { DbOrTx } from '../../../core/db.ts';

export interface NewNotification {
  userIds: number[];
  /** What happened, for icons and filters (`issue.assigned`, …). */
  kind: string;
  issueId?: number | null;
  title: string;
  body: string;
  /** A path inside the web app to open from the notification. */
  link?: string | null;
  at: string;
}

/**
 * Puts a notification in the inbox of each user, once per user however often the id is given. Call it inside
 * the transaction of the change it announces, so nobody is told about a change that was rolled back.
 */
export async function notifyUsers(tx: DbOrTx, n: NewNotification): Promise<void> {
  const userIds = [...new Set(n.userIds)].filter((id) => Number.isInteger(id) && id > 0);
  if (userIds.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(userIds.map((userId) => ({ user_id: userId, kind: n.kind, issue_id: n.issueId ?? null, title: n.title, body: n.body, link: n.link ?? null, created_at: n.at, read_at: null })))
    .execute();
}
