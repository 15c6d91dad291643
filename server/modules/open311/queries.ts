import type { Selectable } from 'kysely';
import { withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { ApiKeyTable } from '../../db/schema.ts';
import { allCategories, listAddressedIssuesWithin, type AddressedIssueRow } from '../issues/index.ts';
import type { CategoryFacts, RequestsFilter } from './rules/georeport.ts';

// Reads for Open311. No rules here: callers pass the subtree of the client's key to read within. Issues are read
// through the issues module.

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
export type RequestRow = AddressedIssueRow;

/** Service requests within a subtree, newest first; the issues module reads them. */
export function listRequests(db: DbOrTx, path: string, f: RequestsFilter & { categoryIds: number[] | null; limit: number }): Promise<RequestRow[]> {
  // GeoReport's open/closed is the issue's `open`: true while someone still has to act on the problem.
  const open = f.statuses && f.statuses.length === 1 ? f.statuses[0] === 'open' : null;
  return listAddressedIssuesWithin(db, path, { ids: f.ids, categoryIds: f.categoryIds, from: f.from, to: f.to, open, limit: f.limit });
}
