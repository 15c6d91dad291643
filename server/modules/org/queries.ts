import { contains, within, withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { SearchQuery } from '../../core/search.ts';
import { searchPage, type SearchCursor } from '../../core/searchIndex.ts';
import type { BodyKind, Level } from '../../db/schema.ts';

// Reads of the organisation tree. No rules here: callers authorise first and pass the scopes to read within.

export type UnitRow = { id: number; parent_id: number | null; level: Level; name: string; path: string; sort: number };

export function getUnit(db: DbOrTx, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('org_units').select(['id', 'parent_id', 'level', 'name', 'path', 'sort']).where('id', '=', id).executeTakeFirst();
}

/** The ids on a path, root first ("/1/7/23/" → [1, 7, 23]). */
export function idsOfPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

export async function unitsByIds(db: DbOrTx, ids: number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('org_units').select(['id', 'parent_id', 'level', 'name', 'path', 'sort']).where('id', 'in', ids).execute();
}

export function childUnits(db: DbOrTx, parentId: number): Promise<UnitRow[]> {
  return db.selectFrom('org_units').select(['id', 'parent_id', 'level', 'name', 'path', 'sort']).where('parent_id', '=', parentId).orderBy('sort').orderBy('id').execute();
}

/** Every unit inside the given subtrees, ordered so parents come before children. */
export function unitsWithin(db: DbOrTx, scopes: string[]): Promise<UnitRow[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'parent_id', 'level', 'name', 'path', 'sort'])
    .where((eb) => withinAny(eb, 'org_units.path', scopes))
    .orderBy('path')
    .execute();
}

async function countWithin(db: DbOrTx, table: 'households' | 'residents' | 'party_members' | 'central_households' | 'building_leaders', path: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => within(eb, `${table}.path`, path))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Summary {
  buildings: number;
  households: number;
  residents: number;
  partyMembers: number;
  centralHouseholds: number;
  buildingLeaders: number;
}

export async function summaryOf(db: DbOrTx, path: string): Promise<Summary> {
  const buildings = await db
    .selectFrom('org_units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', 'building')
    .where((eb) => within(eb, 'org_units.path', path))
    .executeTakeFirstOrThrow();
  return {
    buildings: Number(buildings.n),
    households: await countWithin(db, 'households', path),
    residents: await countWithin(db, 'residents', path),
    partyMembers: await countWithin(db, 'party_members', path),
    centralHouseholds: await countWithin(db, 'central_households', path),
    buildingLeaders: await countWithin(db, 'building_leaders', path),
  };
}

export async function countsByKey(db: DbOrTx, path: string, column: 'ethnicity' | 'gender'): Promise<{ key: string; count: number }[]> {
  const rows = await db
    .selectFrom('residents')
    .select([`residents.${column} as key`, (eb) => eb.fn.countAll<number>().as('count')])
    .where((eb) => within(eb, 'residents.path', path))
    .groupBy(`residents.${column}`)
    .orderBy('count', 'desc')
    .execute();
  return rows.map((r) => ({ key: String(r.key), count: Number(r.count) }));
}

/** Residents born after `from` and on or before `to` (ISO dates); either bound may be open. */
export async function countBornBetween(db: DbOrTx, path: string, after: string | null, onOrBefore: string | null): Promise<number> {
  let q = db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => within(eb, 'residents.path', path))
    .where('birth_date', 'is not', null);
  if (after) q = q.where('birth_date', '>', after);
  if (onOrBefore) q = q.where('birth_date', '<=', onOrBefore);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export function bodiesOfUnit(db: DbOrTx, unitId: number) {
  return db.selectFrom('bodies').selectAll().where('unit_id', '=', unitId).orderBy('id').execute();
}

export function bodiesWithin(db: DbOrTx, path: string) {
  return db.selectFrom('bodies').selectAll().where((eb) => within(eb, 'bodies.path', path)).orderBy('path').orderBy('id').execute();
}

export function getBody(db: DbOrTx, id: number) {
  return db.selectFrom('bodies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function membersOfBodies(db: DbOrTx, bodyIds: number[]) {
  if (bodyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('body_members').selectAll().where('body_id', 'in', bodyIds).orderBy('sort').orderBy('id').execute();
}

export function findBodyOfKind(db: DbOrTx, unitId: number, kind: BodyKind) {
  return db.selectFrom('bodies').selectAll().where('unit_id', '=', unitId).where('kind', '=', kind).executeTakeFirst();
}

/** Display names of the people holding staff roles at a node (the 社区 side of the four-party platform). */
export function staffAtUnit(db: DbOrTx, unitId: number) {
  return db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.display_name as name', 'role_grants.role'])
    .where('role_grants.unit_id', '=', unitId)
    .where('role_grants.role', 'in', ['community_staff', 'grid_worker'])
    .where('users.disabled', '=', 0)
    .orderBy('role_grants.id')
    .execute();
}

export async function buildingsWithCounts(db: DbOrTx, compoundId: number) {
  const buildings = await db
    .selectFrom('org_units as b')
    .select([
      'b.id',
      'b.name',
      'b.path',
      (eb) => eb.selectFrom('households as h').select((e) => e.fn.countAll<number>().as('n')).whereRef('h.building_id', '=', 'b.id').as('households'),
      (eb) =>
        eb
          .selectFrom('residents as r')
          .innerJoin('households as h', 'h.id', 'r.household_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('h.building_id', '=', 'b.id')
          .as('residents'),
    ])
    .where('b.parent_id', '=', compoundId)
    .where('b.level', '=', 'building')
    .orderBy('b.sort')
    .orderBy('b.id')
    .execute();
  const leaders = await leadersOfBuildings(db, buildings.map((b) => b.id));
  return buildings.map((b) => ({ ...b, households: Number(b.households ?? 0), residents: Number(b.residents ?? 0), leader: leaders.get(b.id) ?? null }));
}

export async function leadersOfBuildings(db: DbOrTx, buildingIds: number[]): Promise<Map<number, string>> {
  if (buildingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('building_leaders as l')
    .innerJoin('residents as r', 'r.id', 'l.resident_id')
    .select(['l.building_id', 'r.name'])
    .where('l.building_id', 'in', buildingIds)
    .orderBy('l.id')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (!out.has(r.building_id)) out.set(r.building_id, r.name);
  return out;
}

const householdColumns = [
  'h.id',
  'h.path',
  'h.building_id',
  'b.name as building_name',
  'c.name as compound_name',
  'h.unit_no',
  'h.floor',
  'h.room',
  'h.area',
] as const;

export type HouseholdRow = Awaited<ReturnType<typeof householdsOfBuilding>>[number];

function householdBase(db: DbOrTx) {
  return db
    .selectFrom('households as h')
    .innerJoin('org_units as b', 'b.id', 'h.building_id')
    .innerJoin('org_units as c', 'c.id', 'b.parent_id')
    .select([...householdColumns, (eb) => eb.selectFrom('residents as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.household_id', '=', 'h.id').as('residents')]);
}

export function householdsOfBuilding(db: DbOrTx, buildingId: number) {
  return householdBase(db).where('h.building_id', '=', buildingId).orderBy('h.unit_no').orderBy('h.floor', 'desc').orderBy('h.room').execute();
}

export function getHousehold(db: DbOrTx, id: number) {
  return householdBase(db).where('h.id', '=', id).executeTakeFirst();
}

export function listHouseholds(db: DbOrTx, opts: { scopes: string[]; q?: string; cursor: PathCursor | null; limit: number }) {
  let q = householdBase(db).where((eb) => withinAny(eb, 'h.path', opts.scopes));
  if (opts.q) {
    const text = opts.q;
    q = q.where((eb) => eb.or([contains('h.room', text), contains('b.name', text)]));
  }
  if (opts.cursor) q = q.where(afterCursor('h.path', 'h.id', opts.cursor));
  return q.orderBy('h.path').orderBy('h.id').limit(opts.limit + 1).execute();
}

const residentColumns = [
  'r.id',
  'r.path',
  'r.household_id',
  'r.unit_id',
  'r.name',
  'r.gender',
  'r.ethnicity',
  'r.birth_date',
  'r.relation',
  'r.phone_masked',
  'r.id_no_masked',
  'h.unit_no',
  'h.room',
  'b.name as building_name',
] as const;

/** A resident as lists show it: masked, without the encrypted fields. */
function residentBase(db: DbOrTx) {
  return db
    .selectFrom('residents as r')
    .leftJoin('households as h', 'h.id', 'r.household_id')
    .leftJoin('org_units as b', 'b.id', 'h.building_id')
    // A join on the unique resident_id rather than EXISTS: PostgreSQL plans EXISTS here as a scan.
    .leftJoin('party_members as pm', 'pm.resident_id', 'r.id')
    .select([...residentColumns, 'pm.id as party_member_id']);
}

export type ResidentListRow = Awaited<ReturnType<typeof listResidents>>[number];

/** One resident with the encrypted fields, for reveal and updates. */
export function getResident(db: DbOrTx, id: number) {
  return residentBase(db).select(['r.phone_enc', 'r.id_no_enc']).where('r.id', '=', id).executeTakeFirst();
}

export type ResidentRow = NonNullable<Awaited<ReturnType<typeof getResident>>>;

export interface ResidentFilter {
  scopes: string[];
  phoneHash?: string;
  idNumberHash?: string;
  householdId?: number;
  cursor: PathCursor | null;
  limit: number;
}

/** The query of a page of residents in (path, id) order, or of those with a phone or ID number (by its lookup hash). */
export function listResidentsQuery(db: DbOrTx, f: ResidentFilter) {
  let q = residentBase(db).where((eb) => withinAny(eb, 'r.path', f.scopes));
  if (f.householdId) q = q.where('r.household_id', '=', f.householdId);
  if (f.phoneHash) q = q.where('r.phone_hash', '=', f.phoneHash);
  else if (f.idNumberHash) q = q.where('r.id_no_hash', '=', f.idNumberHash);
  if (f.cursor) q = q.where(afterCursor('r.path', 'r.id', f.cursor));
  return q.orderBy('r.path').orderBy('r.id').limit(f.limit + 1);
}

export function listResidents(db: DbOrTx, f: ResidentFilter) {
  return listResidentsQuery(db, f).execute();
}

/** The rows of some search candidates within the scopes (read by primary key). */
export function residentsAmong(db: DbOrTx, f: { scopes: string[]; query: SearchQuery }, ids: readonly number[]) {
  let q = residentBase(db).where('r.id', 'in', ids).where((eb) => withinAny(eb, 'r.path', f.scopes));
  // A Chinese word of three or more characters was looked up by its pairs; a name or building must hold it whole.
  for (const t of f.query.terms) {
    const text = t.substring;
    if (text) q = q.where((eb) => eb.or([contains('r.name', text), contains('b.name', text)]));
  }
  return q;
}

/**
 * A page of a resident search: names first, then addresses (compound, building, unit, room), newest first,
 * from the search index narrowed to the scopes' subtrees; the rows are read by primary key.
 */
export function searchResidents(db: DbOrTx, f: { scopes: string[]; query: SearchQuery; cursor: SearchCursor | null; limit: number }) {
  return searchPage(db, 'resident_search', f.query, f.scopes, f.cursor, f.limit, (ids) => residentsAmong(db, f, ids).execute(), (r) => r.name);
}

export function residentsOfHousehold(db: DbOrTx, householdId: number) {
  return residentBase(db).where('r.household_id', '=', householdId).orderBy('r.id').execute();
}

export function findResidentByIdHash(db: DbOrTx, hash: string) {
  return db.selectFrom('residents').select(['id', 'path']).where('id_no_hash', '=', hash).executeTakeFirst();
}

export function listPartyMembers(db: DbOrTx, f: { scopes: string[]; q?: string; cursor: PathCursor | null; limit: number }) {
  let q = db
    .selectFrom('party_members as pm')
    .innerJoin('residents as r', 'r.id', 'pm.resident_id')
    .leftJoin('bodies as br', 'br.id', 'pm.branch_id')
    .select([
      'pm.id',
      'pm.path',
      'pm.resident_id',
      'r.name',
      'pm.branch_id',
      'br.name as branch_name',
      'pm.party_group',
      'pm.joined_on',
      'pm.status',
      (eb) => eb.exists(eb.selectFrom('central_households as ch').select('ch.id').whereRef('ch.party_member_id', '=', 'pm.id')).as('is_central'),
    ])
    .where((eb) => withinAny(eb, 'pm.path', f.scopes));
  if (f.q) q = q.where(contains('r.name', f.q));
  if (f.cursor) q = q.where(afterCursor('pm.path', 'pm.id', f.cursor));
  return q.orderBy('pm.path').orderBy('pm.id').limit(f.limit + 1).execute();
}

export async function centralHouseholdsWithin(db: DbOrTx, path: string) {
  const rows = await db
    .selectFrom('central_households as ch')
    .innerJoin('party_members as pm', 'pm.id', 'ch.party_member_id')
    .innerJoin('residents as r', 'r.id', 'pm.resident_id')
    .select(['ch.id', 'ch.party_member_id', 'r.name'])
    .where((eb) => within(eb, 'ch.path', path))
    .orderBy('ch.path')
    .orderBy('ch.id')
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('central_household_links as l')
    .innerJoin('households as h', 'h.id', 'l.household_id')
    .innerJoin('org_units as b', 'b.id', 'h.building_id')
    .select(['l.central_household_id', 'h.id', 'h.unit_no', 'h.room', 'b.name as building_name'])
    .where('l.central_household_id', 'in', rows.map((r) => r.id))
    .orderBy('h.path')
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partyMemberId: r.party_member_id,
    name: r.name,
    households: links.filter((l) => l.central_household_id === r.id).map((l) => ({ id: l.id, label: householdLabel(l.building_name, l.unit_no, l.room) })),
  }));
}

export async function gridsWithin(db: DbOrTx, scopes: string[]) {
  const grids = await db.selectFrom('grids').selectAll().where((eb) => withinAny(eb, 'grids.path', scopes)).orderBy('path').orderBy('id').execute();
  return withCoveredUnits(db, grids);
}

/** Grids that matter to a node: those inside it and those covering it, one of its ancestors or part of it. */
export async function gridsCovering(db: DbOrTx, path: string) {
  const ancestorIds = idsOfPath(path);
  const grids = await db
    .selectFrom('grids')
    .selectAll()
    .where((eb) =>
      eb.or([
        within(eb, 'grids.path', path),
        eb.exists(
          eb
            .selectFrom('grid_units as gu')
            .innerJoin('org_units as u', 'u.id', 'gu.unit_id')
            .select('gu.unit_id')
            .whereRef('gu.grid_id', '=', 'grids.id')
            .where((e) => e.or([e('u.id', 'in', ancestorIds), within(e, 'u.path', path)])),
        ),
      ]),
    )
    .orderBy('path')
    .orderBy('id')
    .execute();
  return withCoveredUnits(db, grids);
}

async function withCoveredUnits(db: DbOrTx, grids: { id: number; name: string; worker_name: string }[]) {
  if (grids.length === 0) return [];
  const covered = await db
    .selectFrom('grid_units as gu')
    .innerJoin('org_units as u', 'u.id', 'gu.unit_id')
    .select(['gu.grid_id', 'u.id', 'u.name'])
    .where('gu.grid_id', 'in', grids.map((g) => g.id))
    .orderBy('u.path')
    .execute();
  return grids.map((g) => ({ id: g.id, name: g.name, worker: g.worker_name, units: covered.filter((c) => c.grid_id === g.id).map((c) => ({ id: c.id, name: c.name })) }));
}

export function contactGroupsWithin(db: DbOrTx, path: string) {
  return db
    .selectFrom('contact_groups as g')
    .leftJoin('residents as r', 'r.id', 'g.leader_resident_id')
    .select([
      'g.id',
      'g.name',
      'r.name as leader',
      (eb) => eb.selectFrom('contact_group_households as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.group_id', '=', 'g.id').as('households'),
    ])
    .where((eb) => within(eb, 'g.path', path))
    .orderBy('g.path')
    .orderBy('g.id')
    .execute();
}

export function listDepartments(db: DbOrTx) {
  return db.selectFrom('departments').selectAll().orderBy('id').execute();
}

export function householdLabel(buildingName: string | null, unitNo: number | null, room: string | null): string {
  if (unitNo == null || room == null) return '';
  return `${buildingName ?? ''} ${unitNo}-${room}`.trim();
}


// The spreadsheet export reads a subtree in batches of whole buildings (households store their building's path),
// so the register order (building, unit, floor, room, resident) holds across batches and no batch is larger than
// a few buildings, however large the subtree.

/** How many rows the export of a subtree has: each resident, and each household without residents once. */
export async function countExportRows(db: DbOrTx, path: string): Promise<number> {
  const row = await db
    .selectFrom('households as h')
    .leftJoin('residents as r', 'r.household_id', 'h.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => within(eb, 'h.path', path))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The next `limit` building paths with households in the subtree, after the path `after` (keyset on households_path). */
export async function exportPathsAfter(db: DbOrTx, path: string, after: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('households as h').select('h.path').distinct().where((eb) => within(eb, 'h.path', path));
  if (after !== null) q = q.where('h.path', '>', after);
  const rows = await q.orderBy('h.path').limit(limit).execute();
  return rows.map((r) => r.path);
}

/** Households of the given building paths with their residents, in register order, for the spreadsheet export. */
export function exportRows(db: DbOrTx, paths: string[]) {
  return db
    .selectFrom('households as h')
    .innerJoin('org_units as b', 'b.id', 'h.building_id')
    .leftJoin('residents as r', 'r.household_id', 'h.id')
    .select(['h.id as household_id', 'b.name as building_name', 'h.unit_no', 'h.floor', 'h.room', 'h.area', 'r.id as resident_id', 'r.name', 'r.gender', 'r.ethnicity', 'r.birth_date', 'r.relation', 'r.phone_enc', 'r.phone_masked', 'r.id_no_enc', 'r.id_no_masked'])
    .where('h.path', 'in', paths)
    .orderBy('h.path')
    .orderBy('h.unit_no')
    .orderBy('h.floor')
    .orderBy('h.room')
    .orderBy('r.id')
    .execute();
}
