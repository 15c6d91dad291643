import type { DbOrTx } from '../../core/db.ts';
import { documentTokens } from '../../core/search.ts';
import { writeSearchDocs, type SearchDoc } from '../../core/searchIndex.ts';

// What an issue is found by (migration 008 builds the same documents for the rows that were there): the title
// first; then the body, the place note, the 12345 hotline's order number and the issue's own number.

export interface IssueSearchFields {
  id: number;
  title: string;
  body: string;
  place_note: string | null;
  external_no: string | null;
  path: string;
}

export function issueSearchDoc(i: IssueSearchFields): SearchDoc {
  return { id: i.id, primary: documentTokens(i.title), secondary: documentTokens(i.body, i.place_note, i.external_no, String(i.id)), path: i.path };
}

/** Indexes issues as they now are, in the caller's transaction (every write of these fields calls it); `fresh`: rows just inserted. */
export function indexIssues(db: DbOrTx, issues: readonly IssueSearchFields[], opts: { fresh?: boolean } = {}): Promise<void> {
  return writeSearchDocs(db, 'issue_search', issues.map(issueSearchDoc), opts);
}

/** Indexes every issue again from the rows (for data written without the application, e.g. a bulk load). */
export async function reindexAllIssues(db: DbOrTx): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await db.selectFrom('issues').select(['id', 'title', 'body', 'place_note', 'external_no', 'path']).where('id', '>', after).orderBy('id').limit(5000).execute();
    const last = rows[rows.length - 1];
    if (!last) return n;
    await indexIssues(db, rows);
    n += rows.length;
    after = last.id;
  }
}
