import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen. Search indexes over issues and residents, filled from the rows already there, and the indexes that
// let every documented list filter read an index range in the list's order.
//
// Each search document has three fields: `main` (an issue's title, a resident's name), `rest` (an issue's body,
// place, hotline order number and id; a resident's compound, building, unit and room) and `scope` (the ids of
// the row's tree path as u<id>). The tokens are computed by the application (server/core/search.ts); this file
// holds its own copy of that rule as it was when the migration was written, because migrations never import
// application code. SQLite: contentless FTS5 tables (rowid = the row's id; `detail=column`, as the tokens need
// no positions; the ascii tokenizer splits on the spaces between tokens). PostgreSQL: a tsvector per row built
// from the tokens as they are (weights A, B, C for the three fields), with a GIN index.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
type Db = Kysely<any>;

const TABLES = ['issue_search', 'resident_search'] as const;

// ---- the tokenizer, frozen (see server/core/search.ts for the rule) ----
const HAN = /\p{Script=Han}/u;
const tibetanWord = (cp: number) => cp === 0x0f00 || (cp >= 0x0f18 && cp <= 0x0f39) || (cp >= 0x0f3e && cp <= 0x0fcf) || (cp >= 0x0fdb && cp <= 0x0fff);
const WORD = /[\p{L}\p{N}\p{M}]/u;

function tokens(...texts: (string | number | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const value of texts) {
    if (value === null || value === undefined || value === '') continue;
    let run = '';
    let kind: string | null = null;
    const flush = () => {
      if (!run) return;
      if (kind === 'han') {
        const chars = [...run];
        for (let i = 0; i < chars.length; i++) {
          out.add(chars[i] as string);
          if (i + 1 < chars.length) out.add(`${chars[i] as string}${chars[i + 1] as string}`);
        }
      } else out.add(run);
      run = '';
    };
    for (const ch of String(value).normalize('NFC').toLowerCase()) {
      const cp = ch.codePointAt(0) ?? 0;
      const k = HAN.test(ch) ? 'han' : tibetanWord(cp) ? 'bo' : cp >= 0x0f00 && cp <= 0x0fff ? null : WORD.test(ch) ? 'word' : null;
      if (k !== kind) flush();
      kind = k;
      if (k !== null) run += ch;
    }
    flush();
  }
  return [...out].filter((t) => /^[^\s'"\\]+$/u.test(t));
}

const scope = (path: string) => path.split('/').filter(Boolean).map((id) => `u${id}`);

type Doc = { id: number; main: string[]; rest: string[]; path: string };

function tsvector(d: Doc): string {
  const pos = new Map<string, string[]>();
  const add = (list: string[], p: string) => {
    for (const t of list) {
      const l = pos.get(t) ?? [];
      if (!l.includes(p)) l.push(p);
      pos.set(t, l);
    }
  };
  add(d.main, '1A');
  add(d.rest, '2B');
  add(scope(d.path), '3C');
  return [...pos].map(([t, p]) => `'${t}':${p.join(',')}`).join(' ');
}

async function write(db: Db, pg: boolean, table: string, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    const values = pg
      ? chunk.map((d) => sql`(${d.id}, ${tsvector(d)}::tsvector)`)
      : chunk.map((d) => sql`(${d.id}, ${d.main.join(' ')}, ${d.rest.join(' ')}, ${scope(d.path).join(' ')})`);
    await sql`insert into ${sql.table(table)} (${sql.raw(pg ? 'id, doc' : 'rowid, main, rest, scope')}) values ${sql.join(values)}`.execute(db);
  }
}

const BATCH = 5000;

async function backfillIssues(db: Db, pg: boolean): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; title: string; body: string; place_note: string | null; external_no: string | null; path: string }[] = await db
      .selectFrom('issues')
      .select(['id', 'title', 'body', 'place_note', 'external_no', 'path'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await write(db, pg, 'issue_search', rows.map((r) => ({ id: r.id, main: tokens(r.title), rest: tokens(r.body, r.place_note, r.external_no, r.id), path: r.path })));
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

async function backfillResidents(db: Db, pg: boolean): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; name: string; path: string; unit_no: number | null; room: string | null; building: string | null; compound: string | null }[] = await db
      .selectFrom('residents as r')
      .leftJoin('households as h', 'h.id', 'r.household_id')
      .leftJoin('org_units as b', 'b.id', 'h.building_id')
      .leftJoin('org_units as c', 'c.id', 'b.parent_id')
      .select(['r.id', 'r.name', 'r.path', 'h.unit_no', 'h.room', 'b.name as building', 'c.name as compound'])
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await write(db, pg, 'resident_search', rows.map((r) => ({ id: r.id, main: tokens(r.name), rest: tokens(r.compound, r.building, r.unit_no, r.room), path: r.path })));
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of TABLES) {
    if (pg) {
      await sql`create table ${sql.table(table)} (id integer primary key, doc tsvector not null)`.execute(db);
      await sql`create index ${sql.raw(`${table}_doc`)} on ${sql.table(table)} using gin (doc)`.execute(db);
    } else {
      await sql`create virtual table ${sql.table(table)} using fts5(main, rest, scope, content='', contentless_delete=1, detail=column, tokenize='ascii')`.execute(db);
    }
  }
  await backfillIssues(db, pg);
  await backfillResidents(db, pg);

  // List filters as index ranges in the lists' (path, id) order, so that no documented filter reads a
  // subtree's rows one by one or sorts them: a category, a status or a handling level within a subtree; an
  // account's own reports; the issues under supervision (a partial index: few rows are); a household's
  // residents and a resident by phone or ID number within a subtree (replacing the single-column indexes,
  // whose lookups these serve as well).
  await db.schema.createIndex('issues_category_path').on('issues').columns(['category_id', 'path', 'id']).execute();
  await db.schema.createIndex('issues_status_path').on('issues').columns(['status', 'path', 'id']).execute();
  await db.schema.createIndex('issues_level_path').on('issues').columns(['level', 'path', 'id']).execute();
  await db.schema.createIndex('issues_reporter_path').on('issues').columns(['reporter_user_id', 'path', 'id']).execute();
  await sql`create index issues_supervised on issues (path, id) where supervision > 0`.execute(db);
  for (const [old, column] of [['residents_household', 'household_id'], ['residents_phone_hash', 'phone_hash'], ['residents_id_no_hash', 'id_no_hash']] as const) {
    await db.schema.dropIndex(old).execute();
    await db.schema.createIndex(`${old}_path`).on('residents').columns([column, 'path', 'id']).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('008_search cannot be reverted');
}
