import { PostgresAdapter, sql } from 'kysely';
import type { DbOrTx } from './db.ts';
import { documentTokens, scopeToken, scopeTokens, type SearchQuery, type SearchTerm } from './search.ts';

// The search indexes (migration 008) as the modules use them. One document per row, in three fields:
// - primary: what a match ranks first for (an issue's title, a resident's name);
// - secondary: the rest that is searched (an issue's body, place, order and reference numbers; a resident's
//   building, compound, unit and room);
// - scope: the ids of the tree path (u1 u7 u23), so the index itself narrows a search to the caller's subtrees.
// SQLite: a contentless FTS5 table (rowid = the row's id, `detail=column`: no positions, which the application's
// tokens do not need) over the space-separated tokens, split by the ascii tokenizer (spaces only, as no token
// holds ASCII punctuation). PostgreSQL: a tsvector built from the tokens as they are (weight A primary, B
// secondary, C scope), not through a text parser, with a GIN index; queries are tsquery literals.

export type SearchTable = 'issue_search' | 'resident_search';

export interface SearchDoc {
  id: number;
  primary: readonly string[];
  secondary: readonly string[];
  path: string;
}

/** Which field a phase of a search matches in: first the primary field, then the rest. */
export type SearchPhase = 'primary' | 'secondary';

function isPostgres(db: DbOrTx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Tokens never hold quotes, backslashes or spaces (search.ts makes them of letters, digits and marks), so they
// can be written into FTS5 strings and tsvector/tsquery literals as they are; anything else is dropped as a
// guard, never escaped wrongly.
const SAFE = /^[^\s'"\\]+$/u;
const safe = (tokens: readonly string[]) => tokens.filter((t) => SAFE.test(t));

function tsvectorOf(doc: SearchDoc): string {
  const weights = new Map<string, string[]>();
  const add = (tokens: readonly string[], pos: string) => {
    for (const t of safe(tokens)) {
      const list = weights.get(t) ?? [];
      if (!list.includes(pos)) list.push(pos);
      weights.set(t, list);
    }
  };
  add(doc.primary, '1A');
  add(doc.secondary, '2B');
  add(scopeTokens(doc.path), '3C');
  return [...weights].map(([t, pos]) => `'${t}':${pos.join(',')}`).join(' ');
}

/** Writes (or, unless the rows are new, rewrites) the documents of some rows, in the caller's transaction. */
export async function writeSearchDocs(db: DbOrTx, table: SearchTable, docs: readonly SearchDoc[], opts: { fresh?: boolean } = {}): Promise<void> {
  if (docs.length === 0) return;
  if (!opts.fresh) await removeSearchDocs(db, table, docs.map((d) => d.id));
  if (isPostgres(db)) {
    for (let i = 0; i < docs.length; i += 500) {
      const values = docs.slice(i, i + 500).map((d) => sql`(${d.id}, ${tsvectorOf(d)}::tsvector)`);
      await sql`insert into ${sql.table(table)} (id, doc) values ${sql.join(values)}`.execute(db);
    }
    return;
  }
  for (let i = 0; i < docs.length; i += 200) {
    const values = docs.slice(i, i + 200).map((d) => sql`(${d.id}, ${safe(d.primary).join(' ')}, ${safe(d.secondary).join(' ')}, ${scopeTokens(d.path).join(' ')})`);
    await sql`insert into ${sql.table(table)} (rowid, main, rest, scope) values ${sql.join(values)}`.execute(db);
  }
}

export async function removeSearchDocs(db: DbOrTx, table: SearchTable, ids: readonly number[]): Promise<void> {
  const column = isPostgres(db) ? sql.ref('id') : sql.ref('rowid');
  for (let i = 0; i < ids.length; i += 500) {
    await sql`delete from ${sql.table(table)} where ${column} in (${sql.join(ids.slice(i, i + 500))})`.execute(db);
  }
}

// ---- queries ----

const fts = (t: string) => `"${t}"`;

function ftsTerm(term: SearchTerm): string {
  const parts = term.tokens.map(fts);
  if (term.prefix) parts.push(`${fts(term.prefix)}*`);
  return parts.join(' AND ');
}

/** The FTS5 match expression of a query in one phase, within the scopes (null: anywhere). */
export function ftsMatch(query: SearchQuery, phase: SearchPhase, scopes: readonly string[] | null): string {
  const all = query.terms.map(ftsTerm).filter(Boolean).join(' AND ');
  // The second phase reads every match; searchPage drops those the first phase gave (a NOT here would make
  // FTS5 walk all the first phase's matches to exclude them).
  const text = phase === 'primary' ? `{main} : (${all})` : `{main rest} : (${all})`;
  if (scopes === null) return text;
  return `${text} AND scope : (${scopes.map((s) => fts(scopeToken(s))).join(' OR ')})`;
}

function tsTerm(term: SearchTerm, weights: string): string {
  const parts = term.tokens.map((t) => `'${t}':${weights}`);
  if (term.prefix) parts.push(`'${term.prefix}':*${weights}`);
  return parts.join(' & ');
}

/** The tsquery of a query in one phase, within the scopes (null: anywhere). */
export function tsQuery(query: SearchQuery, phase: SearchPhase, scopes: readonly string[] | null): string {
  const terms = (w: string) => query.terms.map((t) => tsTerm(t, w)).filter(Boolean).join(' & ');
  const text = phase === 'primary' ? `(${terms('A')})` : `(${terms('AB')})`;
  if (scopes === null) return text;
  return `${text} & (${scopes.map((s) => `'${scopeToken(s)}':C`).join(' | ')})`;
}

/**
 * Ids of matching rows below `before` (null: from the newest), newest first, at most `limit`: an index lookup
 * that reads the matches of the tokens and stops at the limit, whatever the size of the table.
 */
export async function searchCandidates(
  db: DbOrTx,
  table: SearchTable,
  query: SearchQuery,
  phase: SearchPhase,
  scopes: readonly string[] | null,
  before: number | null,
  limit: number,
): Promise<number[]> {
  if (scopes !== null && scopes.length === 0) return [];
  if (isPostgres(db)) {
    const below = before === null ? sql`` : sql` and id < ${before}`;
    const r = await sql<{ id: number }>`select id from ${sql.table(table)} where doc @@ ${tsQuery(query, phase, scopes)}::tsquery${below} order by id desc limit ${limit}`.execute(db);
    return r.rows.map((row) => row.id);
  }
  const below = before === null ? sql`` : sql` and rowid < ${before}`;
  const r = await sql<{ id: number }>`select rowid as id from ${sql.table(table)} where ${sql.table(table)} match ${ftsMatch(query, phase, scopes)}${below} order by rowid desc limit ${limit}`.execute(db);
  return r.rows.map((row) => row.id);
}

/** Where a search page continues: the phase and the last id examined in it. */
export interface SearchCursor {
  phase: SearchPhase;
  before: number | null;
}

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(['s', c.phase === 'primary' ? 0 : 1, c.before])).toString('base64url');
}

/** A search cursor, or null when the text is not one (the caller treats that as a bad cursor). */
export function decodeSearchCursor(text: string): SearchCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === 's' && (v[1] === 0 || v[1] === 1) && (v[2] === null || Number.isInteger(v[2]))) {
      return { phase: v[1] === 0 ? 'primary' : 'secondary', before: v[2] === null ? null : Number(v[2]) };
    }
  } catch {
    // not a cursor
  }
  return null;
}

/**
 * Rows examined per request at most. The filters that the index does not hold (status, category, a view) are
 * checked on the candidates; when few candidates pass them, a page ends early with a cursor to go on from,
 * rather than reading every match of a common word.
 */
export const MAX_EXAMINED = 500;

/** Whether a text's own tokens hold every term of the query (what the primary phase matched on). */
export function matchesAll(query: SearchQuery, text: string): boolean {
  const tokens = documentTokens(text);
  const set = new Set(tokens);
  return query.terms.every((t) => t.tokens.every((tok) => set.has(tok)) && (t.prefix === null || tokens.some((tok) => tok.startsWith(t.prefix ?? ''))));
}

/**
 * One page of a search: candidates from the index in batches, newest first, title (primary) matches before the
 * others, each batch passed through `load` (which applies the remaining filters and returns the rows that
 * pass). The second phase skips the rows whose primary text (`primaryOf`) matched in the first. Ends at
 * `limit` rows, at the end of the matches, or after MAX_EXAMINED candidates.
 */
export async function searchPage<R extends { id: number }>(
  db: DbOrTx,
  table: SearchTable,
  query: SearchQuery,
  scopes: readonly string[] | null,
  cursor: SearchCursor | null,
  limit: number,
  load: (ids: number[]) => Promise<R[]>,
  primaryOf: (row: R) => string,
): Promise<{ rows: R[]; next: SearchCursor | null }> {
  const rows: R[] = [];
  let phase: SearchPhase = cursor?.phase ?? 'primary';
  let before = cursor?.before ?? null;
  let examined = 0;
  let batch = Math.max(limit + 1, 50);
  for (;;) {
    const ids = await searchCandidates(db, table, query, phase, scopes, before, batch);
    examined += ids.length;
    const loaded = ids.length ? await load(ids) : [];
    const byId = new Map(loaded.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      before = id;
      if (!row || (phase === 'secondary' && matchesAll(query, primaryOf(row)))) continue;
      rows.push(row);
      if (rows.length === limit) {
        const last = ids[ids.length - 1];
        // More may follow: this batch's rest, this phase's next batches, or the next phase.
        const more = id !== last || ids.length === batch || phase === 'primary';
        return { rows, next: more ? { phase, before: id } : null };
      }
    }
    if (ids.length < batch) {
      if (phase === 'secondary') return { rows, next: null };
      phase = 'secondary';
      before = null;
    }
    if (examined >= MAX_EXAMINED) return { rows, next: { phase, before } };
    batch = Math.min(batch * 4, MAX_EXAMINED - examined);
  }
}
