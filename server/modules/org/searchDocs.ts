import type { DbOrTx } from '../../core/db.ts';
import { documentTokens } from '../../core/search.ts';
import { writeSearchDocs } from '../../core/searchIndex.ts';

// What a resident is found by (migration 008 builds the same documents for the rows that were there): the name
// first; then the address: compound, building, unit and room of the household. Units are never renamed, so a
// resident's document changes only with the resident or the household.

/** Indexes residents as they now are, in the caller's transaction (every write of a resident or household calls it). */
export async function indexResidents(db: DbOrTx, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('residents as r')
      .leftJoin('households as h', 'h.id', 'r.household_id')
      .leftJoin('org_units as b', 'b.id', 'h.building_id')
      .leftJoin('org_units as c', 'c.id', 'b.parent_id')
      .select(['r.id', 'r.name', 'r.path', 'h.unit_no', 'h.room', 'b.name as building', 'c.name as compound'])
      .where('r.id', 'in', ids.slice(i, i + 500))
      .execute();
    await writeSearchDocs(
      db,
      'resident_search',
      rows.map((r) => ({ id: r.id, primary: documentTokens(r.name), secondary: documentTokens(r.compound, r.building, r.unit_no === null ? null : String(r.unit_no), r.room), path: r.path })),
    );
  }
}

/** Indexes the residents of some households again (their unit or room changed). */
export async function indexHouseholdResidents(db: DbOrTx, householdIds: readonly number[]): Promise<void> {
  if (householdIds.length === 0) return;
  const rows = await db.selectFrom('residents').select('id').where('household_id', 'in', householdIds).execute();
  await indexResidents(db, rows.map((r) => r.id));
}

/** Indexes every resident again (for data written without the application, e.g. a bulk load or the demo seed). */
export async function reindexAllResidents(db: DbOrTx): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await db.selectFrom('residents').select('id').where('id', '>', after).orderBy('id').limit(5000).execute();
    const last = rows[rows.length - 1];
    if (!last) return n;
    await indexResidents(db, rows.map((r) => r.id));
    n += rows.length;
    after = last.id;
  }
}
