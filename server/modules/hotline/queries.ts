import type { Selectable } from 'kysely';
import { within, withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { HotlineSourceTable } from '../../db/schema.ts';
import type { PlaceCandidate } from './rules/places.ts';

// Reads for the hotline. No rules here: callers authorise first and pass the scopes to read within. The issues an
// import made are read through the issues module (hotlineOrdersTaken, hotlineReplies).

export type SourceRow = Selectable<HotlineSourceTable> & { unit_name: string };

function sources(db: DbOrTx) {
  return db.selectFrom('hotline_sources as s').innerJoin('org_units as u', 'u.id', 's.unit_id').selectAll('s').select('u.name as unit_name');
}

export function getSource(db: DbOrTx, id: number): Promise<SourceRow | undefined> {
  return sources(db).where('s.id', '=', id).executeTakeFirst();
}

export function listSources(db: DbOrTx, f: { scopes: string[]; cursor: PathCursor | null; limit: number }): Promise<SourceRow[]> {
  let q = sources(db).where((eb) => withinAny(eb, 's.path', f.scopes));
  if (f.cursor) q = q.where(afterCursor('s.path', 's.id', f.cursor));
  return q.orderBy('s.path').orderBy('s.id').limit(f.limit + 1).execute();
}

/** The compounds and buildings of a subtree, for reading addresses. */
export async function placesWithin(db: DbOrTx, path: string): Promise<PlaceCandidate[]> {
  const rows = await db
    .selectFrom('org_units')
    .select(['id', 'level', 'name', 'parent_id'])
    .where('level', 'in', ['compound', 'building'])
    .where((eb) => within(eb, 'org_units.path', path))
    .execute();
  return rows.flatMap((r) => (r.level === 'compound' || r.level === 'building' ? [{ id: r.id, level: r.level, name: r.name, parentId: r.parent_id }] : []));
}
