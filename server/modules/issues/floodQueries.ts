import { withinAny, type DbOrTx } from '../../core/db.ts';
import type { IssueRow } from './queries.ts';

// Reads for seeing a flood of anonymous reports, kept apart from queries.ts (its lists and search are not
// touched). Anonymous means from the building QR page: no account, the resident page as the source.
// No rules here: callers authorise first and pass the scopes to read within.

export interface FloodOrigin {
  /** A keyed hash of the client network, never the address; null for reports from before it was recorded. */
  origin: string | null;
  reports: number;
  open: number;
  firstAt: string;
  lastAt: string;
}

export interface FloodGroup {
  unitId: number;
  unitName: string;
  reports: number;
  open: number;
  firstAt: string;
  lastAt: string;
  /** The addresses the reports came from, most reports first. */
  origins: FloodOrigin[];
}

/**
 * The places with at least `minReports` anonymous reports since `since`, within the scopes, most reports first;
 * each with the addresses (as keyed hashes) they came from. Found by time first (issues_created).
 */
export async function anonymousFloods(db: DbOrTx, scopes: readonly string[], since: string, minReports: number): Promise<FloodGroup[]> {
  const rows = await db
    .selectFrom('issues')
    .innerJoin('org_units as u', 'u.id', 'issues.unit_id')
    .select((eb) => [
      'issues.unit_id as unitId',
      'u.name as unitName',
      'issues.origin_hash as origin',
      eb.fn.countAll<number>().as('reports'),
      eb.fn.sum<number>('issues.open').as('open'),
      eb.fn.min<string>('issues.created_at').as('firstAt'),
      eb.fn.max<string>('issues.created_at').as('lastAt'),
    ])
    .where('issues.created_at', '>=', since)
    .where('issues.reporter_user_id', 'is', null)
    .where('issues.source', '=', 'resident_app')
    .where((eb) => withinAny(eb, 'issues.path', scopes))
    .groupBy(['issues.unit_id', 'u.name', 'issues.origin_hash'])
    .execute();
  const byUnit = new Map<number, FloodGroup>();
  for (const r of rows) {
    const origin: FloodOrigin = { origin: r.origin, reports: Number(r.reports), open: Number(r.open ?? 0), firstAt: r.firstAt, lastAt: r.lastAt };
    const g = byUnit.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, reports: 0, open: 0, firstAt: r.firstAt, lastAt: r.lastAt, origins: [] };
    g.reports += origin.reports;
    g.open += origin.open;
    if (origin.firstAt < g.firstAt) g.firstAt = origin.firstAt;
    if (origin.lastAt > g.lastAt) g.lastAt = origin.lastAt;
    g.origins.push(origin);
    byUnit.set(r.unitId, g);
  }
  return [...byUnit.values()]
    .filter((g) => g.reports >= minReports)
    .map((g) => ({ ...g, origins: g.origins.sort((a, b) => b.reports - a.reports || a.firstAt.localeCompare(b.firstAt)) }))
    .sort((a, b) => b.reports - a.reports || a.unitId - b.unitId);
}

/**
 * The anonymous reports of one place since `since`, optionally only those from one origin, newest first, at most
 * `limit`: what staff select from to reject or merge a flood.
 */
export async function floodIssues(db: DbOrTx, f: { scopes: readonly string[]; unitId: number; origin: string | null | undefined; since: string; limit: number }): Promise<IssueRow[]> {
  let q = db
    .selectFrom('issues')
    .innerJoin('org_units as u', 'u.id', 'issues.unit_id')
    .leftJoin('bodies as b', 'b.id', 'issues.handler_body_id')
    .selectAll('issues')
    .select(['u.name as unit_name', 'b.kind as handler_body_kind'])
    .where('issues.unit_id', '=', f.unitId)
    .where('issues.created_at', '>=', f.since)
    .where('issues.reporter_user_id', 'is', null)
    .where('issues.source', '=', 'resident_app')
    .where((eb) => withinAny(eb, 'issues.path', f.scopes));
  if (f.origin) q = q.where('issues.origin_hash', '=', f.origin);
  return q.orderBy('issues.id', 'desc').limit(f.limit).execute();
}
