import { sql } from 'kysely';
import { openDatabase } from '../server/core/db.ts';
import { documentTokens } from '../server/core/search.ts';
import type { Dataset } from './generate.ts';
import { seededRandom } from '../server/modules/org/seed.ts';

// Keys that rarely repeat, drawn from the dataset itself, for the "random keys" targets and the mixed working
// day: issues (for cursors, detail pages and search words), residents (for cursors), the units of the tree
// and the accounts that work in them. Drawn once per run with a fixed seed, so runs are comparable.

export interface IssueKey {
  id: number;
  path: string;
  open: boolean;
  /** Two- to four-character Chinese words of its title and body, as a person would type them. */
  words: string[];
}

export interface Unit {
  id: number;
  path: string;
  level: 'street' | 'community' | 'compound' | 'building';
}

export interface Keys {
  issues: IssueKey[];
  residents: { id: number; path: string }[];
  units: Unit[];
  categoryIds: number[];
  reportCategoryIds: number[];
}

/** The demo's seeded generator (mulberry32): the same keys in the same order on every run. */
export const seeded = seededRandom;

export const pick = <T>(rand: () => number, list: readonly T[]): T => {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
};

/** Chinese words a person would search for in a text: runs of two to four characters of its Han runs. */
function wordsOf(text: string, rand: () => number): string[] {
  const runs = text.match(/\p{Script=Han}{2,}/gu) ?? [];
  const out = new Set<string>();
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i < 2 && chars.length >= 2; i++) {
      const len = 2 + Math.floor(rand() * Math.min(3, chars.length - 1));
      const at = Math.floor(rand() * (chars.length - len + 1));
      out.add(chars.slice(at, at + len).join(''));
    }
  }
  return [...out].filter((w) => documentTokens(w).length > 0);
}

/** Draws the keys from the dataset (by random ids: no scan of the million issues). */
export async function drawKeys(dataset: Dataset, opts: { issues: number; residents: number; seed?: number }): Promise<Keys> {
  const rand = seeded(opts.seed ?? 20260115);
  const handle = openDatabase(dataset.url);
  try {
    const db = handle.db;
    const maxOf = async (table: 'issues' | 'residents') => Number((await sql<{ n: number }>`select max(id) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
    const randomIds = (max: number, n: number) => [...new Set(Array.from({ length: n }, () => 1 + Math.floor(rand() * max)))];
    const issues: IssueKey[] = [];
    const ids = randomIds(await maxOf('issues'), opts.issues);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('issues').select(['id', 'path', 'open', 'title', 'body']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) issues.push({ id: r.id, path: r.path, open: r.open === 1, words: wordsOf(`${r.title} ${r.body}`, rand) });
    }
    const residents: { id: number; path: string }[] = [];
    const rids = randomIds(await maxOf('residents'), opts.residents);
    for (let i = 0; i < rids.length; i += 500) residents.push(...(await db.selectFrom('residents').select(['id', 'path']).where('id', 'in', rids.slice(i, i + 500)).execute()));
    const units = (await db.selectFrom('org_units').select(['id', 'path', 'level']).where('level', 'in', ['street', 'community', 'compound', 'building']).execute()) as Unit[];
    const categories = await db.selectFrom('issue_categories').select(['id', 'default_size']).execute();
    return {
      issues,
      residents,
      units,
      categoryIds: categories.map((c) => c.id),
      // Reports from the field in the mix are 小事 (a building leader's own business): routed to a leader.
      reportCategoryIds: categories.filter((c) => c.default_size === 'small').map((c) => c.id),
    };
  } finally {
    await handle.close();
  }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A list cursor at an issue or resident: the page after it (the server's own encoding, pagination.ts). */
export const cursorAt = (row: { path: string; id: number }) => b64([row.path, row.id]);

const within = <T extends { path: string }>(rows: readonly T[], scope: string) => rows.filter((r) => r.path.startsWith(scope));

/** Someone at work: their scope in the tree and what they can ask for in it. */
export interface Worker {
  username: string;
  unit: Unit;
}

export type RequestKind = 'queue' | 'detail' | 'search' | 'residents' | 'report';

/** The share of each kind of request in the working day (the issue's mix). */
export const MIX: readonly [RequestKind, number][] = [
  ['queue', 0.6],
  ['detail', 0.2],
  ['search', 0.1],
  ['residents', 0.05],
  ['report', 0.05],
];

export interface NextRequest {
  kind: RequestKind;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const VIEWS = ['open', 'open', 'open', 'mine', 'mine', 'all', 'overdue', 'supervision'] as const;
const STATUSES = ['assigned', 'accepted', 'in_progress', 'resolved', 'closed'] as const;
const SIZES = ['small', 'major', 'hard'] as const;
const LEVELS = ['building', 'compound', 'meeting', 'community'] as const;

/**
 * The requests of one worker, endlessly: queue pages with random filters and cursors, issue details, searches
 * for words of the issues' own text, resident lists, reports. Each worker has their own seeded sequence.
 */
export function workerRequests(keys: Keys, worker: Worker, seed: number, only?: RequestKind): () => NextRequest {
  const rand = seeded(seed);
  const scope = worker.unit.path;
  const myIssues = within(keys.issues, scope);
  const issuesHere = myIssues.length > 0 ? myIssues : keys.issues.filter((i) => i.path.startsWith(scope.split('/').slice(0, 3).join('/') + '/'));
  const openHere = issuesHere.filter((i) => i.open);
  const residentsHere = within(keys.residents, scope);
  const buildingsHere = keys.units.filter((u) => u.level === 'building' && u.path.startsWith(scope));
  const searchable = issuesHere.filter((i) => i.words.length > 0);
  const kinds = (): RequestKind => {
    if (only) return only;
    let r = rand();
    for (const [kind, share] of MIX) {
      if ((r -= share) < 0) return kind;
    }
    return 'queue';
  };
  return () => {
    const kind = kinds();
    switch (kind) {
      case 'queue': {
        const view = pick(rand, VIEWS);
        const q = new URLSearchParams({ view });
        if (view !== 'mine') q.set('unitId', String(worker.unit.id));
        const f = rand();
        if (f < 0.2) q.set('categoryId', String(pick(rand, keys.categoryIds)));
        else if (f < 0.3 && view === 'all') q.set('status', pick(rand, STATUSES));
        else if (f < 0.4) q.set('size', pick(rand, SIZES));
        else if (f < 0.45) q.set('level', pick(rand, LEVELS));
        if (rand() < 0.3) q.set('limit', '50');
        // Most pages follow a cursor: somewhere in the middle of the queue.
        const from = view === 'all' ? issuesHere : openHere;
        if (rand() < 0.7 && from.length > 0) q.set('cursor', cursorAt(pick(rand, from)));
        return { kind, method: 'GET', path: `/api/v1/issues?${q.toString()}` };
      }
      case 'detail':
        return { kind, method: 'GET', path: `/api/v1/issues/${pick(rand, issuesHere).id}` };
      case 'search': {
        const issue = pick(rand, searchable.length > 0 ? searchable : keys.issues.filter((i) => i.words.length > 0));
        const q = new URLSearchParams({ view: 'all', unitId: String(worker.unit.id), q: pick(rand, issue.words) });
        return { kind, method: 'GET', path: `/api/v1/issues?${q.toString()}` };
      }
      case 'residents': {
        const q = new URLSearchParams({ unitId: String(worker.unit.id) });
        if (rand() < 0.7 && residentsHere.length > 0) q.set('cursor', cursorAt(pick(rand, residentsHere)));
        return { kind, method: 'GET', path: `/api/v1/org/residents?${q.toString()}` };
      }
      case 'report': {
        const building = buildingsHere.length > 0 ? pick(rand, buildingsHere) : worker.unit;
        return {
          kind,
          method: 'POST',
          path: '/api/v1/issues',
          body: { title: '楼道堆放杂物', body: '楼道里堆着纸箱和旧家具，影响通行，请帮忙清理', categoryId: pick(rand, keys.reportCategoryIds), nature: 'help', unitId: building.id, placeKind: 'building' },
        };
      }
    }
  };
}

/**
 * Fifty people at work, each their own account: building leaders and property managers across the street,
 * the compound and community staff of the bench accounts.
 */
export function chooseWorkers(keys: Keys, dataset: Dataset, n: number): Worker[] {
  const rand = seeded(7);
  const unit = (id: number) => {
    const u = keys.units.find((x) => x.id === id);
    if (!u) throw new Error(`unit ${id} is not in the dataset`);
    return u;
  };
  const workers: Worker[] = [
    { username: 'bench-community', unit: unit(dataset.communityId) },
    { username: 'bench-compound', unit: unit(dataset.compoundId) },
    { username: 'bench-property', unit: unit(dataset.compoundId) },
    { username: 'bench-leader', unit: unit(dataset.buildingId) },
  ];
  const compounds = keys.units.filter((u) => u.level === 'compound' && u.id !== dataset.compoundId);
  const buildings = keys.units.filter((u) => u.level === 'building' && u.id !== dataset.buildingId);
  const used = new Set<number>();
  const fresh = (list: Unit[]) => {
    for (;;) {
      const u = pick(rand, list);
      if (!used.has(u.id)) {
        used.add(u.id);
        return u;
      }
    }
  };
  while (workers.length < n) {
    if (workers.length % 5 < 2) {
      const c = fresh(compounds);
      workers.push({ username: `property-${c.id}`, unit: c });
    } else {
      const b = fresh(buildings);
      workers.push({ username: `leader-${b.id}`, unit: b });
    }
  }
  return workers;
}
