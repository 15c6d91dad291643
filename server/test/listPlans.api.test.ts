import { CompiledQuery, sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathCursor } from '../core/pagination.ts';
import { parseQuery, type SearchQuery } from '../core/search.ts';
import { issuesAmong, listIssuesQuery, type QueueView } from '../modules/issues/queries.ts';
import { listResidentsQuery, residentsAmong } from '../modules/org/queries.ts';
import { startTestApp, unitIdOf, type TestApp } from './harness.ts';

// Every documented filter of the work queues and the resident list, with and without a cursor, reads an index
// range in the list's order: no full scan of issues or residents and no sort of their rows, whatever the size
// of the subtree. Checked on the plan each database chooses (`EXPLAIN QUERY PLAN` on SQLite; `EXPLAIN` on
// PostgreSQL with sequential scans and sorts priced out, so that the plan shows whether an index can serve
// the query, which the planner of a table this small would otherwise not bother to use).

let t: TestApp;
let compoundPath = '';
const ISSUE_VIEWS: QueueView[] = ['mine', 'open', 'overdue', 'supervision', 'all', 'reported'];
const ISSUE_FILTERS: Record<string, { status?: string; categoryId?: number; size?: 'small' | 'major' | 'hard'; level?: string }> = {
  none: {},
  status: { status: 'accepted' },
  category: { categoryId: 3 },
  size: { size: 'major' },
  level: { level: 'compound' },
  'status+category': { status: 'accepted', categoryId: 3 },
  'category+level+size': { categoryId: 3, level: 'compound', size: 'major' },
};

beforeAll(async () => {
  t = await startTestApp();
  const id = await unitIdOf(t.services, '天峰祥和苑');
  const row = await t.services.db.selectFrom('org_units').select('path').where('id', '=', id).executeTakeFirstOrThrow();
  compoundPath = row.path;
});
afterAll(async () => t.close());

/** The plan of a query, one line per step. */
async function planOf(query: Compilable<unknown>): Promise<string[]> {
  const c = query.compile();
  if (t.kind === 'sqlite') {
    const r = await t.services.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
    return r.rows.map((x) => x.detail);
  }
  return t.services.db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    await sql`set local enable_sort = off`.execute(tx);
    const r = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]));
    return r.rows.map((x) => x['QUERY PLAN']);
  });
}

/** The steps that read every row of a table or sort rows: what a list must never need. */
function badSteps(plan: string[], tables: string[]): string[] {
  return plan.filter((step) => {
    if (t.kind === 'sqlite') return /TEMP B-TREE/.test(step) || tables.some((name) => new RegExp(`^SCAN ${name}\\b`).test(step.trim()));
    // enable_sort = off prices a sort out rather than forbidding it: a Sort still in the plan means no index could avoid it.
    return /\bSort\b/.test(step) || tables.some((name) => new RegExp(`Seq Scan on ${name}\\b`).test(step));
  }).concat(t.kind === 'postgres' ? unboundedIndexScans(plan, tables) : []);
}

/** PostgreSQL: an index scan of one of the tables without an Index Cond reads the whole index (a full scan in order). */
function unboundedIndexScans(plan: string[], tables: string[]): string[] {
  const out: string[] = [];
  plan.forEach((step, i) => {
    if (!/Index (Only )?Scan/.test(step) || !tables.some((name) => new RegExp(` on ${name}\\b`).test(step))) return;
    const indent = step.search(/\S/);
    let bounded = false;
    for (let j = i + 1; j < plan.length; j++) {
      const next = plan[j] ?? '';
      if (next.search(/\S/) <= indent || next.includes('->')) break;
      if (/Index Cond:/.test(next)) bounded = true;
    }
    if (!bounded) out.push(step);
  });
  return out;
}

const cursors: Record<string, PathCursor | null> = { first: null, cursor: { path: '', id: 0 } };

describe('work queues read an index range in their order', () => {
  for (const view of ISSUE_VIEWS) {
    for (const [name, filter] of Object.entries(ISSUE_FILTERS)) {
      for (const [c, cursor] of Object.entries(cursors)) {
        it(`${view}, ${name}, ${c}`, async () => {
          const q = listIssuesQuery(t.services.db, {
            view,
            scopes: [compoundPath],
            userId: 5,
            bodyIds: [1, 2],
            nodePaths: [compoundPath],
            ...filter,
            cursor: cursor ? { path: `${compoundPath}9/`, id: 7 } : null,
            limit: 20,
          });
          const plan = await planOf(q);
          if (process.env.SHOW_PLANS) console.log(view, name, c, '\n' + plan.join('\n'));
          expect(badSteps(plan, ['issues']), plan.join('\n')).toEqual([]);
        });
      }
    }
  }

  it('a page of search candidates is read by primary key', async () => {
    const query = parseQuery('漏水') as SearchQuery;
    for (const view of ISSUE_VIEWS) {
      const plan = await planOf(issuesAmong(t.services.db, { view, scopes: [compoundPath], userId: 5, bodyIds: [1], nodePaths: [compoundPath], categoryId: 3, query }, [1, 2, 3]));
      expect(badSteps(plan, ['issues']), plan.join('\n')).toEqual([]);

    }
  });
});

describe('the resident list reads an index range in its order', () => {
  const filters: Record<string, { householdId?: number; phoneHash?: string; idNumberHash?: string }> = {
    none: {},
    household: { householdId: 3 },
    phone: { phoneHash: 'x' },
    idNumber: { idNumberHash: 'x' },
  };
  for (const [name, filter] of Object.entries(filters)) {
    for (const [c, cursor] of Object.entries(cursors)) {
      it(`${name}, ${c}`, async () => {
        const plan = await planOf(listResidentsQuery(t.services.db, { scopes: [compoundPath], ...filter, cursor: cursor ? { path: `${compoundPath}9/`, id: 7 } : null, limit: 20 }));
        expect(badSteps(plan, ['residents', 'r']), plan.join('\n')).toEqual([]);
      });
    }
  }

  it('a page of search candidates is read by primary key', async () => {
    const plan = await planOf(residentsAmong(t.services.db, { scopes: [compoundPath], query: parseQuery('扎西德勒') as SearchQuery }, [1, 2, 3]));
    expect(badSteps(plan, ['residents', 'r']), plan.join('\n')).toEqual([]);
  });
});
