import type { Selectable } from 'kysely';
import { within, withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { ApiKeyTable } from '../../db/schema.ts';
import { allCategories, type IssueRow } from '../issues/index.ts';
import type { CategoryFacts, RequestsFilter } from './rules/georeport.ts';

// Reads for Open311. No rules here: callers pass the subtree of the client's key to read within.

export type KeyRow = Selectable<ApiKeyTable> & { unit_name: string };

function keys(db: DbOrTx) {
  return db.selectFrom('api_keys as k').innerJoin('org_units as u', 'u.id', 'k.unit_id').selectAll('k').select('u.name as unit_name');
}

export function getKey(db: DbOrTx, id: number): Promise<KeyRow | undefined> {
  return keys(db).where('k.id', '=', id).executeTakeFirst();
}

/** The key with this hash, if it has not been revoked. */
export function activeKeyByHash(db: DbOrTx, hash: string): Promise<KeyRow | undefined> {
  return keys(db).where('k.key_hash', '=', hash).where('k.revoked_at', 'is', null).executeTakeFirst();
}

export function listKeys(db: DbOrTx, f: { scopes: string[]; cursor: PathCursor | null; limit: number }): Promise<KeyRow[]> {
  let q = keys(db).where((eb) => withinAny(eb, 'k.path', f.scopes));
  if (f.cursor) q = q.where(afterCursor('k.path', 'k.id', f.cursor));
  return q.orderBy('k.path').orderBy('k.id').limit(f.limit + 1).execute();
}

/** The category tree, as the services are made from it. */
export async function categoryFacts(db: DbOrTx): Promise<CategoryFacts[]> {
  return (await allCategories(db)).map((c) => ({ id: c.id, parentId: c.parent_id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, nameBo: c.name_bo, active: c.active === 1 }));
}

/** An issue as a service request: the issue row with the names its address is made of. */
export type RequestRow = IssueRow & { compound_name: string };

function requests(db: DbOrTx, path: string) {
  return db
    .selectFrom('issues')
    .innerJoin('org_units as u', 'u.id', 'issues.unit_id')
    .innerJoin('org_units as c', 'c.id', 'issues.compound_id')
    .leftJoin('bodies as b', 'b.id', 'issues.handler_body_id')
    .selectAll('issues')
    .select(['u.name as unit_name', 'c.name as compound_name', 'b.kind as handler_body_kind'])
    .where((eb) => within(eb, 'issues.path', path));
}

export function requestById(db: DbOrTx, path: string, id: number): Promise<RequestRow | undefined> {
  return requests(db, path).where('issues.id', '=', id).executeTakeFirst() as Promise<RequestRow | undefined>;
}

export function requestByToken(db: DbOrTx, path: string, token: string): Promise<RequestRow | undefined> {
  return requests(db, path).where('issues.public_token', '=', token).executeTakeFirst() as Promise<RequestRow | undefined>;
}

/** Service requests within a subtree, newest first. */
export function listRequests(db: DbOrTx, path: string, f: RequestsFilter & { categoryIds: number[] | null; limit: number }): Promise<RequestRow[]> {
  let q = requests(db, path);
  if (f.ids) q = q.where('issues.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.categoryIds) q = q.where('issues.category_id', 'in', f.categoryIds.length ? f.categoryIds : [0]);
  if (f.from) q = q.where('issues.created_at', '>=', f.from);
  if (f.to) q = q.where('issues.created_at', '<=', f.to);
  // `open` is kept by the issues module: 1 while someone still has to act on the problem.
  if (f.statuses && f.statuses.length === 1) q = q.where('issues.open', '=', f.statuses[0] === 'open' ? 1 : 0);
  return q.orderBy('issues.created_at', 'desc').orderBy('issues.id', 'desc').limit(f.limit).execute() as Promise<RequestRow[]>;
}

const CHUNK = 500;

/** The timelines of several issues, each in order. */
export async function eventsOfMany(db: DbOrTx, issueIds: readonly number[]) {
  const byIssue = new Map<number, Awaited<ReturnType<typeof eventRows>>>();
  for (let i = 0; i < issueIds.length; i += CHUNK) {
    for (const e of await eventRows(db, issueIds.slice(i, i + CHUNK))) {
      const list = byIssue.get(e.issue_id) ?? [];
      list.push(e);
      byIssue.set(e.issue_id, list);
    }
  }
  return byIssue;
}

function eventRows(db: DbOrTx, ids: readonly number[]) {
  return db.selectFrom('issue_events').selectAll().where('issue_id', 'in', ids).orderBy('issue_id').orderBy('id').execute();
}
