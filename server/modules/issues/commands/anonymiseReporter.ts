import type { Tx } from '../../../core/db.ts';
import { indexIssues } from '../searchDocs.ts';

export interface ReporterErasure {
  /** The issues the person reported. */
  issueIds: readonly number[];
  /** The person's accounts: their steps in any timeline carry the pseudonym afterwards. */
  userIds: readonly number[];
  pseudonym: string;
  /** What the reporter name becomes; the pseudonym unless given (null: no name at all). */
  reporterName?: string | null;
  /** Takes the person's name and numbers out of a free text. */
  scrub: (text: string) => string;
}

const IN_CHUNK = 500;
const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / IN_CHUNK) }, (_, i) => items.slice(i * IN_CHUNK, (i + 1) * IN_CHUNK));

/**
 * Strips a reporter's personal data from their reports (删除权, PIPL art. 47, and the end of a retention period)
 * while the issues, their status, category, place and every event of their history stay: the reporter's name
 * becomes the pseudonym, their phone and the link to their account are removed, and their name and numbers are
 * taken out of the titles, descriptions, replies, comments and notes. Versions do not change (nothing happened to
 * the problem itself). Runs in the caller's transaction and writes no audit row: the caller records one.
 * Returns how many rows changed.
 */
export async function anonymiseReporter(tx: Tx, e: ReporterErasure): Promise<{ issues: number; events: number }> {
  const scrub = (t: string | null): string | null => (t === null ? null : e.scrub(t));
  let issues = 0;
  let events = 0;
  for (const ids of chunks(e.issueIds)) {
    const rows = await tx.selectFrom('issues').select(['id', 'title', 'body', 'place_note', 'reporter_name', 'reply', 'reject_reason', 'rating_comment']).where('id', 'in', ids).execute();
    for (const r of rows) {
      await tx
        .updateTable('issues')
        .set({
          title: e.scrub(r.title),
          body: e.scrub(r.body),
          place_note: scrub(r.place_note),
          reporter_name: r.reporter_name === null ? null : e.reporterName === undefined ? e.pseudonym : e.reporterName,
          // The link to an account would still tie the report to the person.
          reporter_user_id: null,
          reporter_phone_enc: null,
          reporter_phone_masked: null,
          show_name: 0,
          reply: scrub(r.reply),
          reject_reason: scrub(r.reject_reason),
          rating_comment: scrub(r.rating_comment),
        })
        .where('id', '=', r.id)
        .execute();
      issues += 1;
    }
    const timeline = await tx.selectFrom('issue_events').select(['id', 'actor_user_id', 'actor_name', 'comment', 'note', 'data_json']).where('issue_id', 'in', ids).execute();
    for (const ev of timeline) {
      const own = ev.actor_user_id !== null && e.userIds.includes(ev.actor_user_id);
      await tx
        .updateTable('issue_events')
        .set({ actor_name: own ? e.pseudonym : e.scrub(ev.actor_name), comment: scrub(ev.comment), note: scrub(ev.note), data_json: scrub(ev.data_json) })
        .where('id', '=', ev.id)
        .execute();
      events += 1;
    }
    // The search index was built from the texts before they were scrubbed: build it again from what is left.
    await indexIssues(tx, await tx.selectFrom('issues').select(['id', 'title', 'body', 'place_note', 'external_no', 'path']).where('id', 'in', ids).execute());
    // The meeting agenda reads the title from its event; it carries the scrubbed title too.
    const domain = await tx.selectFrom('domain_events').select(['id', 'payload_json']).where('subject_id', 'in', ids).where('type', 'like', 'issue.%').execute();
    for (const d of domain) await tx.updateTable('domain_events').set({ payload_json: e.scrub(d.payload_json) }).where('id', '=', d.id).execute();
  }
  // Steps the person took on issues they did not report (a rating through a shared account, a comment).
  for (const ids of chunks(e.userIds)) {
    const result = await tx.updateTable('issue_events').set({ actor_name: e.pseudonym }).where('actor_user_id', 'in', ids).where('actor_name', '!=', e.pseudonym).executeTakeFirst();
    events += Number(result.numUpdatedRows);
  }
  return { issues, events };
}
