import type { Tx } from '../../../core/db.ts';

/**
 * Takes a person's name and numbers out of the inbox messages about their issues, and empties the inboxes of
 * their own accounts that are being closed (删除权, PIPL art. 47). Webhook messages already sent to chat groups
 * are outside the platform and cannot be called back. Runs in the caller's transaction; returns how many
 * messages changed or went.
 */
export async function scrubNotifications(tx: Tx, e: { issueIds: readonly number[]; closedUserIds: readonly number[]; scrub: (text: string) => string }): Promise<number> {
  let changed = 0;
  if (e.closedUserIds.length) changed += Number((await tx.deleteFrom('notifications').where('user_id', 'in', e.closedUserIds).executeTakeFirst()).numDeletedRows);
  for (let i = 0; i < e.issueIds.length; i += 500) {
    const rows = await tx.selectFrom('notifications').select(['id', 'title', 'body']).where('issue_id', 'in', e.issueIds.slice(i, i + 500)).execute();
    for (const n of rows) {
      const title = e.scrub(n.title);
      const body = e.scrub(n.body);
      if (title === n.title && body === n.body) continue;
      await tx.updateTable('notifications').set({ title, body }).where('id', '=', n.id).execute();
      changed += 1;
    }
  }
  return changed;
}
