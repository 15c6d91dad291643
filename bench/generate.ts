import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../server/core/auth.ts';
import { FieldCipher } from '../server/core/crypto.ts';
import { openDatabase, type Db } from '../server/core/db.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { BodyKind, Database, IssueSize } from '../server/db/schema.ts';
import { reindexAllIssues } from '../server/modules/issues/searchDocs.ts';
import { seedCompoundRoutes, seedIssueDefaults } from '../server/modules/issues/seed.ts';
import { reindexAllResidents } from '../server/modules/org/searchDocs.ts';
import { sealPersonal } from '../server/modules/org/personal.ts';
import { makeIdNumber } from '../server/modules/org/rules/identity.ts';
import { makePerson, seededRandom } from '../server/modules/org/seed.ts';
import { ISSUE_TABLES, writeIssues, type IssueConfig, type IssueRefs, type RowSink, type Table, type Value, type World, type WorldCompound } from './generateIssues.ts';

// A street office's worth of people and three years of their issues, to measure the server against: one
// street, 5 communities, 100 compounds, 1,000 buildings, 50,000 households and 150,000 residents with their
// phone and ID numbers sealed exactly as the application seals them, a leader with an account in every
// building, a property company with an account in every compound, and 1,000,000 issues with their timelines
// (bench/generateIssues.ts). Deterministic, so every run of the benchmark reads the same rows.

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_DATA_DIR = path.join(REPO_ROOT, 'bench', '.data');
export const DEFAULT_DB_URL = `sqlite:${path.join(BENCH_DATA_DIR, 'large.sqlite')}`;
/** The key the personal fields are sealed with; the benchmark server gets the same one as XIAOQU_SECRET. */
export const BENCH_SECRET = 'xiaoqu-bench-secret-not-for-production';
export const BENCH_PASSWORD = 'bench-password-1';

export const PLAN = {
  communities: 5,
  compoundsPerCommunity: 20,
  buildingsPerCompound: 10,
  unitsPerBuilding: 5,
  floors: 5,
  roomsPerFloor: 2,
} as const;
// Cycled over the households: a mean of exactly three people, so the totals are round.
const HOUSEHOLD_SIZES = [3, 2, 4, 1, 5] as const;
const PARTY_SHARE = 0.03;
const META_KEY = 'bench.dataset';
// 2: building leaders, property companies and their accounts; the issue history.
const META_VERSION = 2;
/** The dataset's present: rows are created at it, and the issue history ends just before it. */
const NOW = '2026-01-15T02:00:00.000Z';

export interface Counts {
  streets: number;
  communities: number;
  compounds: number;
  buildings: number;
  households: number;
  residents: number;
  partyMembers: number;
  roleGrants: number;
  buildingLeaders: number;
  issues: number;
  issueEvents: number;
}

const compounds = PLAN.communities * PLAN.compoundsPerCommunity;
const buildings = compounds * PLAN.buildingsPerCompound;
const households = buildings * PLAN.unitsPerBuilding * PLAN.floors * PLAN.roomsPerFloor;

export interface BenchAccount {
  username: string;
  role: 'street_admin' | 'community_staff' | 'branch_secretary' | 'building_leader' | 'property_manager';
  /** Which of the dataset's reference units the role is held at. */
  at: 'street' | 'community' | 'compound' | 'building' | 'reportCommunity';
}

/**
 * The accounts the benchmark signs in with. The building leader and the property manager are the accounts of
 * the first building and the first compound; every other building and compound has its own (`leader-<unit id>`,
 * `property-<unit id>`), so that issues routed anywhere land in somebody's queue.
 */
export const BENCH_ACCOUNTS: readonly BenchAccount[] = [
  { username: 'bench-street', role: 'street_admin', at: 'street' },
  { username: 'bench-community', role: 'community_staff', at: 'community' },
  { username: 'bench-compound', role: 'branch_secretary', at: 'compound' },
  // Reports in the last community during the load, so that the queues read in the first stay the same.
  { username: 'bench-reporter', role: 'community_staff', at: 'reportCommunity' },
  { username: 'bench-leader', role: 'building_leader', at: 'building' },
  { username: 'bench-property', role: 'property_manager', at: 'compound' },
];
const STAFF_ACCOUNTS = BENCH_ACCOUNTS.filter((a) => a.role !== 'building_leader' && a.role !== 'property_manager');

/** The counts a complete dataset has. Party members are drawn at random and issues grow with every run of the report target, so they are not fixed. */
export const EXPECTED: Omit<Counts, 'partyMembers' | 'issues' | 'issueEvents'> = {
  streets: 1,
  communities: PLAN.communities,
  compounds,
  buildings,
  households,
  residents: households * 3,
  roleGrants: STAFF_ACCOUNTS.length + compounds + buildings,
  buildingLeaders: buildings,
};

/** What the benchmark needs to know about a dataset, stored in app_meta next to it. */
export interface DatasetMeta {
  version: number;
  streetId: number;
  /** The first community (20 compounds, 30,000 residents). */
  communityId: number;
  /** The first compound of that community (1,500 residents). */
  compoundId: number;
  /** The first building of that compound (bench-leader's). */
  buildingId: number;
  /** The last community, where the report target writes, and its buildings. */
  reportCommunityId: number;
  reportBuildingIds: number[];
  /** A 小事 category (sanitation): a report of it at a building goes to the building's leader. */
  smallCategoryId: number;
  issueRefs: IssueRefs;
  /** Open and overdue issues as generated (the report target adds open ones). */
  openIssues: number;
  overdueIssues: number;
  counts: Counts;
  generatedAt: string;
  seconds: number;
  issueSeconds: number;
}

export interface Dataset extends DatasetMeta {
  url: string;
  kind: 'sqlite' | 'postgres';
  reused: boolean;
}

// In foreign-key order: a batch is written table by table in this order.
const TABLES = {
  org_units: { name: 'org_units', columns: ['id', 'parent_id', 'level', 'name', 'path', 'sort', 'created_at', 'updated_at'] },
  households: { name: 'households', columns: ['id', 'building_id', 'path', 'unit_no', 'floor', 'room', 'area', 'created_at', 'updated_at'] },
  residents: {
    name: 'residents',
    columns: ['id', 'household_id', 'unit_id', 'path', 'name', 'gender', 'ethnicity', 'birth_date', 'relation', 'phone_enc', 'phone_masked', 'phone_hash', 'id_no_enc', 'id_no_masked', 'id_no_hash', 'created_at', 'updated_at'],
  },
  bodies: { name: 'bodies', columns: ['id', 'unit_id', 'path', 'kind', 'name', 'founded_on', 'company', 'created_at', 'updated_at'] },
  party_members: { name: 'party_members', columns: ['id', 'resident_id', 'branch_id', 'path', 'party_group', 'joined_on', 'status', 'created_at', 'updated_at'] },
  building_leaders: { name: 'building_leaders', columns: ['id', 'building_id', 'resident_id', 'path', 'appointed_on'] },
  users: { name: 'users', columns: ['id', 'username', 'password_hash', 'display_name', 'resident_id', 'home_path', 'language', 'created_at', 'updated_at'] },
  role_grants: { name: 'role_grants', columns: ['id', 'user_id', 'role', 'unit_id', 'created_at'] },
  ...ISSUE_TABLES,
  app_meta: { name: 'app_meta', columns: ['key', 'value'] },
} as const satisfies Record<string, Table>;
const TABLE_ORDER: readonly Table[] = Object.values(TABLES);
// Tables whose ids are given explicitly here: PostgreSQL's sequences must be moved past them afterwards.
const SERIAL_TABLES = ['org_units', 'households', 'residents', 'bodies', 'party_members', 'building_leaders', 'users', 'role_grants', 'issues', 'issue_events'] as const;

/** Where rows go: both databases collect them and write multi-row inserts at each checkpoint. */
interface Sink extends RowSink {
  /** A point where every parent row added so far may be written (between compounds, between days of issues). */
  checkpoint(): Promise<void>;
  commit(): Promise<void>;
}

/** Collects rows per table; `write` gets them in foreign-key order at each checkpoint. */
function bufferedSink(write: (table: Table, rows: Value[][]) => Promise<void> | void, commit: () => Promise<void> | void): Sink {
  const buffers = new Map<string, Value[][]>();
  const flush = async () => {
    for (const table of TABLE_ORDER) {
      const rows = buffers.get(table.name);
      if (!rows || rows.length === 0) continue;
      buffers.set(table.name, []);
      await write(table, rows);
    }
  };
  return {
    add(table, row) {
      const rows = buffers.get(table.name);
      if (rows) rows.push(row);
      else buffers.set(table.name, [row]);
    },
    checkpoint: flush,
    async commit() {
      await flush();
      await commit();
    },
  };
}

// 100 rows a statement (4,100 parameters for issues), well under SQLite's limit of 32,766.
const SQLITE_ROWS_PER_STATEMENT = 100;

function sqliteSink(conn: SQLite.Database): Sink {
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: Table, rows: number) => {
    const key = `${table.name}:${rows}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const tuple = `(${table.columns.map(() => '?').join(', ')})`;
      stmt = conn.prepare(`insert into ${table.name} (${table.columns.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      statements.set(key, stmt);
    }
    return stmt;
  };
  conn.exec('begin');
  return bufferedSink(
    (table, rows) => {
      let start = 0;
      for (; start + SQLITE_ROWS_PER_STATEMENT <= rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
        statement(table, SQLITE_ROWS_PER_STATEMENT).run(rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT).flat());
      }
      for (; start < rows.length; start++) statement(table, 1).run(rows[start]);
    },
    () => {
      conn.exec('commit');
    },
  );
}

// PostgreSQL accepts at most 65,535 parameters in one statement.
const PG_MAX_PARAMS = 60_000;

function pgSink(client: pg.Client): Sink {
  return bufferedSink(
    async (table, rows) => {
      const width = table.columns.length;
      const perStatement = Math.floor(PG_MAX_PARAMS / width);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const tuples = chunk.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
        await client.query(`insert into ${table.name} (${table.columns.join(', ')}) values ${tuples.join(', ')}`, chunk.flat());
      }
    },
    async () => {
      for (const table of SERIAL_TABLES) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
      }
      await client.query('commit');
    },
  );
}

/** The people, accounts and reference units the first phase wrote, for the issue history and the meta row. */
interface Written {
  world: World;
  refs: Pick<DatasetMeta, 'streetId' | 'communityId' | 'compoundId' | 'buildingId' | 'reportCommunityId' | 'reportBuildingIds'>;
  counts: Counts;
}

/** A mobile number for a resident, the same every build (adults only). */
const phoneOf = (residentId: number) => `1${['39', '59', '89', '78', '36'][residentId % 5]}${String(residentId).padStart(8, '0')}`;

/** Unit, floor and room of the k-th household of a building, in the order they are written. */
function roomOf(k: number): { unitNo: number; floor: number; room: string } {
  const perUnit = PLAN.floors * PLAN.roomsPerFloor;
  const floor = 1 + Math.floor((k % perUnit) / PLAN.roomsPerFloor);
  return { unitNo: 1 + Math.floor(k / perUnit), floor, room: `${floor}0${1 + (k % PLAN.roomsPerFloor)}` };
}

/** Writes the tree, its people, bodies and accounts into `sink`; returns what the issue history needs. */
async function writeDataset(sink: Sink, cipher: FieldCipher, passwordHash: string): Promise<Written> {
  const rand = seededRandom(20260115);
  const ids = { unit: 0, household: 0, resident: 0, body: 0, party: 0, leader: 0, user: 0 };
  const counts: Counts = { streets: 0, communities: 0, compounds: 0, buildings: 0, households: 0, residents: 0, partyMembers: 0, roleGrants: 0, buildingLeaders: 0, issues: 0, issueEvents: 0 };
  const heads: World['heads'] = [];
  const worldCompounds: WorldCompound[] = [];

  const unit = (parent: { id: number; path: string } | null, level: 'street' | 'community' | 'compound' | 'building', name: string, sort: number) => {
    const id = ++ids.unit;
    const unitPath = `${parent?.path ?? '/'}${id}/`;
    sink.add(TABLES.org_units, [id, parent?.id ?? null, level, name, unitPath, sort, NOW, NOW]);
    return { id, path: unitPath, name };
  };
  // Accounts are written after the people (a leader's account belongs to a resident).
  const accounts: { username: string; displayName: string; residentId: number | null; homePath: string; role: BenchAccount['role']; unitId: number }[] = [];
  const account = (a: (typeof accounts)[number]) => accounts.push(a);

  const street = unit(null, 'street', '基准街道', 0);
  counts.streets = 1;
  const staffAt = new Map<BenchAccount['at'], { id: number; path: string }>([['street', street]]);
  let householdNo = 0;
  // Staff accounts hold ids 1–4; the building leaders' and property managers' follow in tree order.
  ids.user = STAFF_ACCOUNTS.length;
  const reportBuildingIds: number[] = [];

  for (let c = 1; c <= PLAN.communities; c++) {
    const community = unit(street, 'community', `第${c}社区`, c);
    counts.communities++;
    if (c === 1) staffAt.set('community', community);
    if (c === PLAN.communities) staffAt.set('reportCommunity', community);
    for (let k = 1; k <= PLAN.compoundsPerCommunity; k++) {
      const compound = unit(community, 'compound', `第${c}社区${k}号小区`, k);
      counts.compounds++;
      const firstCompound = c === 1 && k === 1;
      if (firstCompound) staffAt.set('compound', compound);
      const branchId = ++ids.body;
      sink.add(TABLES.bodies, [branchId, compound.id, compound.path, 'party_branch', `${compound.name}党支部`, '2024-03-15', null, NOW, NOW]);
      // Every compound has a property company; every other one also an owners' committee (业委会).
      const bodies: WorldCompound['bodies'] = [{ kind: 'party_branch', id: branchId, name: `${compound.name}党支部` }];
      const propertyId = ++ids.body;
      const propertyName = `${compound.name}物业服务中心`;
      sink.add(TABLES.bodies, [propertyId, compound.id, compound.path, 'property', propertyName, '2020-06-01', `拉萨${['安居', '和美', '雪域', '圣城'][k % 4]}物业服务有限公司`, NOW, NOW]);
      bodies.push({ kind: 'property', id: propertyId, name: propertyName });
      if (k % 2 === 0) {
        const committeeId = ++ids.body;
        sink.add(TABLES.bodies, [committeeId, compound.id, compound.path, 'owners_committee', `${compound.name}业主委员会`, '2023-09-01', null, NOW, NOW]);
        bodies.push({ kind: 'owners_committee', id: committeeId, name: `${compound.name}业主委员会` });
      }
      const managerName = `${compound.name}物业经理`;
      const propertyManager = { userId: ++ids.user, name: managerName };
      account({ username: firstCompound ? 'bench-property' : `property-${compound.id}`, displayName: managerName, residentId: null, homePath: compound.path, role: 'property_manager', unitId: compound.id });
      const worldCompound: WorldCompound = { id: compound.id, path: compound.path, name: compound.name, community, bodies, propertyManager, buildings: [] };
      worldCompounds.push(worldCompound);

      for (let b = 1; b <= PLAN.buildingsPerCompound; b++) {
        const building = unit(compound, 'building', `${b}号楼`, b);
        counts.buildings++;
        if (c === PLAN.communities) reportBuildingIds.push(building.id);
        if (firstCompound && b === 1) staffAt.set('building', building);
        const firstHouseholdId = ids.household + 1;
        let leader: { residentId: number; name: string } | null = null;
        for (let u = 1; u <= PLAN.unitsPerBuilding; u++) {
          for (let f = 1; f <= PLAN.floors; f++) {
            for (let r = 1; r <= PLAN.roomsPerFloor; r++) {
              const householdId = ++ids.household;
              const area = Math.round((60 + rand() * 90) * 10) / 10;
              sink.add(TABLES.households, [householdId, building.id, building.path, u, f, `${f}0${r}`, area, NOW, NOW]);
              counts.households++;

              const size = HOUSEHOLD_SIZES[householdNo++ % HOUSEHOLD_SIZES.length] ?? 3;
              for (let i = 0; i < size; i++) {
                const first = i === 0;
                const person = makePerson(rand, first ? 28 : 3, first ? 80 : 75);
                const residentId = ++ids.resident;
                const adult = Number(person.birth.slice(0, 4)) <= 2008;
                const phone = adult ? phoneOf(residentId) : null;
                const region = `54${String(1 + (Math.floor(residentId / 1000) % 99)).padStart(2, '0')}02`;
                const idNumber = makeIdNumber(region, person.birth, residentId, person.gender);
                const sealed = sealPersonal(cipher, phone, idNumber);
                const relation = first ? (rand() < 0.9 ? 'owner' : 'tenant') : 'member';
                const birthDate = `${person.birth.slice(0, 4)}-${person.birth.slice(4, 6)}-${person.birth.slice(6, 8)}`;
                sink.add(TABLES.residents, [
                  residentId, householdId, building.id, building.path, person.name, person.gender, person.ethnicity, birthDate, relation,
                  sealed.phone_enc, sealed.phone_masked, sealed.phone_hash, sealed.id_no_enc, sealed.id_no_masked, sealed.id_no_hash, NOW, NOW,
                ]);
                counts.residents++;
                if (first) {
                  heads[householdId] = { residentId, name: person.name };
                  // 红色楼栋长: the head of the building's first household.
                  leader ??= { residentId, name: person.name };
                }

                if (adult && rand() < PARTY_SHARE) {
                  const partyId = ++ids.party;
                  const status = partyId % 17 === 0 ? 'probationary' : 'full';
                  sink.add(TABLES.party_members, [partyId, residentId, branchId, building.path, `第${1 + (partyId % 3)}党小组`, `${1985 + (partyId % 35)}-07-01`, status, NOW, NOW]);
                  counts.partyMembers++;
                }
              }
            }
          }
        }
        if (!leader) throw new Error(`building ${building.id} has nobody in it`);
        sink.add(TABLES.building_leaders, [++ids.leader, building.id, leader.residentId, building.path, '2024-05-01']);
        counts.buildingLeaders++;
        const leaderUser = { userId: ++ids.user, name: leader.name };
        account({ username: firstCompound && b === 1 ? 'bench-leader' : `leader-${building.id}`, displayName: leader.name, residentId: leader.residentId, homePath: building.path, role: 'building_leader', unitId: building.id });
        worldCompound.buildings.push({ id: building.id, path: building.path, name: `${compound.name}${building.name}`, firstHouseholdId, households: ids.household - firstHouseholdId + 1, leader: leaderUser });
      }
      await sink.checkpoint();
    }
  }

  const at = (where: BenchAccount['at']) => {
    const u = staffAt.get(where);
    if (!u) throw new Error(`no reference unit "${where}"`);
    return u;
  };
  const userRow = (id: number, a: (typeof accounts)[number]) => {
    sink.add(TABLES.users, [id, a.username, passwordHash, a.displayName, a.residentId, a.homePath, 'zh-CN', NOW, NOW]);
    sink.add(TABLES.role_grants, [id, id, a.role, a.unitId, NOW]);
    counts.roleGrants++;
  };
  for (const [i, a] of STAFF_ACCOUNTS.entries()) {
    const u = at(a.at);
    userRow(i + 1, { username: a.username, displayName: a.username, residentId: null, homePath: u.path, role: a.role, unitId: u.id });
  }
  for (const [i, a] of accounts.entries()) userRow(STAFF_ACCOUNTS.length + i + 1, a);

  const world: World = { street, compounds: worldCompounds, heads, roomOf, phoneOf };
  const refs = {
    streetId: street.id,
    communityId: at('community').id,
    compoundId: at('compound').id,
    buildingId: at('building').id,
    reportCommunityId: at('reportCommunity').id,
    reportBuildingIds,
  };
  return { world, refs, counts };
}

async function countRows(db: Db): Promise<Counts> {
  const levels = await db.selectFrom('org_units').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
  const count = async (table: 'households' | 'residents' | 'party_members' | 'role_grants' | 'building_leaders' | 'issues' | 'issue_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const level = (name: string) => Number(levels.find((l) => l.level === name)?.n ?? 0);
  return {
    streets: level('street'),
    communities: level('community'),
    compounds: level('compound'),
    buildings: level('building'),
    households: await count('households'),
    residents: await count('residents'),
    partyMembers: await count('party_members'),
    roleGrants: await count('role_grants'),
    buildingLeaders: await count('building_leaders'),
    issues: await count('issues'),
    issueEvents: await count('issue_events'),
  };
}

function isDatasetMeta(value: unknown): value is DatasetMeta {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === META_VERSION && typeof v.streetId === 'number' && typeof v.communityId === 'number' && typeof v.compoundId === 'number' && typeof v.counts === 'object' && v.counts !== null;
}

async function readMeta(db: Db): Promise<DatasetMeta | null> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed: unknown = JSON.parse(row.value);
    return isDatasetMeta(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isComplete(counts: Counts, meta: DatasetMeta | null): meta is DatasetMeta {
  if (!meta) return false;
  const keys = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];
  // The report target adds issues on every run: fewer than were generated means a broken dataset.
  return (
    keys.every((k) => counts[k] === EXPECTED[k]) &&
    counts.partyMembers === meta.counts.partyMembers &&
    counts.issues >= meta.counts.issues &&
    counts.issueEvents >= meta.counts.issueEvents
  );
}

function isEmpty(counts: Counts): boolean {
  return Object.values(counts).every((n) => n === 0);
}

export function dbKind(url: string): 'sqlite' | 'postgres' {
  return url.startsWith('postgres://') || url.startsWith('postgresql://') ? 'postgres' : 'sqlite';
}

function sqliteFile(url: string): string {
  return path.resolve(url.slice('sqlite:'.length));
}

function removeSqlite(url: string): void {
  const file = sqliteFile(url);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * A `postgres://host:port/` URL without a database name gets the benchmark's own database, and without a
 * user the one libpq would take (PGUSER, USER) or `postgres`: node-postgres finds none when USER is unset.
 */
export function normalisePgUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/xiaoqu_bench';
  if (!u.username) u.username = process.env.PGUSER ?? process.env.USER ?? 'postgres';
  return u.toString();
}

function pgDatabaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  // The generator drops and recreates the database; never let it near one that is not the benchmark's.
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || !name.includes('bench')) {
    throw new Error(`refusing to use PostgreSQL database "${name}": the benchmark database's name must contain "bench" (it may be dropped and recreated)`);
  }
  return name;
}

async function withPgAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPgDatabase(url: string, dropFirst: boolean): Promise<void> {
  const name = pgDatabaseName(url);
  await withPgAdmin(url, async (client) => {
    if (dropFirst) await client.query(`drop database if exists ${name} with (force)`);
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  });
}

/** Deletes the dataset so the next start builds a new one. */
async function discard(url: string): Promise<void> {
  if (dbKind(url) === 'postgres') await createPgDatabase(url, true);
  else removeSqlite(url);
}

async function migrated(url: string): Promise<Db> {
  const { db } = openDatabase(url);
  await migrateToLatest(db);
  return db;
}

export interface EnsureOptions {
  /** Build anew even when a complete dataset is there. */
  fresh?: boolean;
  log?: (line: string) => void;
}

/** Builds the dataset at `url`, or reuses the one that is there when its row counts are right. */
export async function ensureDataset(rawUrl: string, options: EnsureOptions = {}): Promise<Dataset> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const kind = dbKind(rawUrl);
  const url = kind === 'postgres' ? normalisePgUrl(rawUrl) : rawUrl;
  if (kind === 'postgres') await createPgDatabase(url, options.fresh === true);
  else if (options.fresh) removeSqlite(url);

  let db = await migrated(url);
  const counts = await countRows(db);
  const meta = await readMeta(db);
  if (isComplete(counts, meta)) {
    await db.destroy();
    log(`dataset: reusing ${describe(url)} (${formatCounts(counts)})`);
    return { ...meta, url, kind, reused: true };
  }
  if (!isEmpty(counts)) {
    log(`dataset: ${describe(url)} holds other rows (${formatCounts(counts)}); building it anew`);
    await db.destroy();
    await discard(url);
    db = await migrated(url);
  }
  await db.destroy();

  log(`dataset: building ${describe(url)} …`);
  const writer = kind === 'postgres' ? await pgWriter(url) : sqliteWriter(url);
  let written: DatasetMeta;
  try {
    written = await build(writer, log);
  } finally {
    await writer.close();
  }
  const rows = Object.values(written.counts).reduce((a, b) => a + b, 0);
  log(`dataset: built in ${written.seconds} s, the issues in ${written.issueSeconds} s (${formatCounts(written.counts)}; ${Math.round(rows / written.seconds).toLocaleString('en')} rows/s)`);
  return { ...written, url, kind, reused: false };
}

/** One database's way of taking the rows: a transaction per sink, and Kysely for the module seeds. */
interface Writer {
  /** Opens a transaction and collects rows into it. */
  sink(): Promise<Sink>;
  /** Runs `fn` with Kysely on the same database, outside any sink's transaction. */
  withKysely<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * What to take off `tables` for a bulk load and how to put it back, from the migrations' own definitions in
   * the catalogue: the secondary indexes, and on PostgreSQL the foreign keys (checked row by row by triggers
   * while loading, in one pass each when put back).
   */
  bulkLoad(tables: readonly string[]): Promise<{ before: string[]; after: string[] }>;
  exec(sql: string): Promise<void>;
  /** Leaves the database as the server should find it. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Three phases, each committed: the tree, people and accounts; the issue defaults, through the issues
 * module's own seeds; the issue history. The meta row goes in last, so only a finished build is reused.
 */
async function build(writer: Writer, log: (line: string) => void): Promise<DatasetMeta> {
  const started = performance.now();
  const cipher = new FieldCipher(BENCH_SECRET);
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  let sink = await writer.sink();
  const { world, refs, counts } = await writeDataset(sink, cipher, passwordHash);
  await sink.commit();

  const config = await writer.withKysely(async (db) => {
    await db.transaction().execute(async (tx) => {
      await seedIssueDefaults(tx, NOW);
      await seedCompoundRoutes(tx, NOW);
    });
    return readIssueConfig(db);
  });
  const small = config.categories.find((c) => c.code === 'sanitation' && c.size === 'small');
  if (!small) throw new Error('the default categories have no 小事 "sanitation"');

  // Millions of rows load faster into bare tables, with the indexes sorted and built once afterwards.
  const issuesStarted = performance.now();
  const load = await writer.bulkLoad(['issues', 'issue_events']);
  for (const statement of load.before) await writer.exec(statement);
  sink = await writer.sink();
  const issues = await writeIssues(sink, world, config, cipher, new Date(NOW), log);
  await sink.commit();
  log('dataset: building the indexes of the issues …');
  for (const statement of load.after) await writer.exec(statement);
  // The rows went in without the application, so their search documents are written here, by its own code.
  log('dataset: indexing the issues and residents for search …');
  await writer.withKysely((db) => db.transaction().execute(async (tx) => {
    await reindexAllIssues(tx);
    await reindexAllResidents(tx);
  }));
  await writer.finish();
  const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;
  const meta: DatasetMeta = {
    version: META_VERSION,
    ...refs,
    smallCategoryId: small.id,
    issueRefs: issues.refs,
    openIssues: issues.counts.openIssues,
    overdueIssues: issues.counts.overdueIssues,
    counts: { ...counts, issues: issues.counts.issues, issueEvents: issues.counts.issueEvents },
    generatedAt: new Date().toISOString(),
    seconds: seconds(started),
    issueSeconds: seconds(issuesStarted),
  };
  sink = await writer.sink();
  sink.add(TABLES.app_meta, [META_KEY, JSON.stringify(meta)]);
  await sink.commit();
  return meta;
}

async function readIssueConfig(db: Db): Promise<IssueConfig> {
  const categories = await db.selectFrom('issue_categories').select(['id', 'code', 'default_size']).orderBy('id').execute();
  const routes = new Map<number, Map<number, BodyKind>>();
  for (const r of await db.selectFrom('issue_routes').select(['unit_id', 'category_id', 'body_kind']).execute()) {
    let byCategory = routes.get(r.unit_id);
    if (!byCategory) routes.set(r.unit_id, (byCategory = new Map()));
    byCategory.set(r.category_id, r.body_kind);
  }
  return { categories: categories.map((c) => ({ id: c.id, code: c.code, size: c.default_size as IssueSize })), routes };
}

function sqliteWriter(url: string): Writer {
  const conn = new SQLite(sqliteFile(url));
  // Building a new file: a rollback journal (new pages are not journalled) instead of the WAL, which would
  // hold every page twice; no syncs; a page cache that holds the indexes being filled.
  conn.pragma('journal_mode = DELETE');
  conn.pragma('synchronous = OFF');
  conn.pragma('cache_size = -1048576');
  conn.pragma('foreign_keys = ON');
  // Kysely on the same connection (the seeds), which must not close it.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: (text: string) => conn.prepare(text), close: () => undefined } }) });
  return {
    async sink() {
      return sqliteSink(conn);
    },
    withKysely: (fn) => fn(db),
    async bulkLoad(tables) {
      // Foreign keys stay: SQLite checks them with an index lookup per row, and they cannot be dropped.
      const indexes = conn
        .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')}) order by name`)
        .all(...tables) as { name: string; sql: string }[];
      return { before: indexes.map((i) => `drop index ${i.name}`), after: indexes.map((i) => i.sql) };
    },
    async exec(sql) {
      conn.exec(sql);
    },
    async finish() {
      conn.exec('analyze');
      // The server runs in WAL mode; closing the connection checkpoints the WAL and removes it.
      conn.pragma('journal_mode = WAL');
    },
    async close() {
      if (conn.inTransaction) conn.exec('rollback');
      await db.destroy();
      conn.close();
    },
  };
}

async function pgWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Sorting for the index builds after the load.
  await client.query(`set maintenance_work_mem = '512MB'`);
  let inTransaction = false;
  return {
    async sink() {
      await client.query('begin');
      inTransaction = true;
      const sink = pgSink(client);
      return {
        ...sink,
        async commit() {
          await sink.commit();
          inTransaction = false;
        },
      };
    },
    async withKysely(fn) {
      const { db } = openDatabase(url);
      try {
        return await fn(db);
      } finally {
        await db.destroy();
      }
    },
    async bulkLoad(tables) {
      // Indexes behind a primary key or unique constraint stay: they belong to the constraint.
      const indexes = await client.query<{ name: string; sql: string }>(
        `select indexname as name, indexdef as sql from pg_indexes
          where schemaname = current_schema() and tablename = any($1)
            and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)
          order by indexname`,
        [tables],
      );
      const keys = await client.query<{ tab: string; name: string; def: string }>(
        `select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
          where contype = 'f' and conrelid::regclass::text = any($1) order by conname`,
        [tables],
      );
      return {
        before: [...keys.rows.map((k) => `alter table ${k.tab} drop constraint ${k.name}`), ...indexes.rows.map((i) => `drop index ${i.name}`)],
        after: [...indexes.rows.map((i) => i.sql), ...keys.rows.map((k) => `alter table ${k.tab} add constraint ${k.name} ${k.def}`)],
      };
    },
    async exec(sql) {
      await client.query(sql);
    },
    async finish() {
      // Planner statistics, as autovacuum would gather them on a database that has been running for a while.
      await client.query('analyze');
    },
    async close() {
      if (inTransaction) await client.query('rollback').catch(() => undefined);
      await client.end();
    },
  };
}

function describe(url: string): string {
  if (dbKind(url) === 'sqlite') return path.relative(process.cwd(), sqliteFile(url)) || url;
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

export function formatCounts(c: Counts): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(c.streets)} street, ${n(c.communities)} communities, ${n(c.compounds)} compounds, ${n(c.buildings)} buildings, ${n(c.households)} households, ${n(c.residents)} residents, ${n(c.partyMembers)} party members, ${n(c.buildingLeaders)} building leaders, ${n(c.roleGrants)} accounts, ${n(c.issues)} issues, ${n(c.issueEvents)} issue events`;
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, fresh: { type: 'boolean' } } });
  const dataset = await ensureDataset(values.db ?? DEFAULT_DB_URL, { fresh: values.fresh === true });
  process.stdout.write(`reference units: street ${dataset.streetId}, community ${dataset.communityId}, compound ${dataset.compoundId}, building ${dataset.buildingId}; reports go to community ${dataset.reportCommunityId}\n`);
  process.stdout.write(`issues: ${dataset.openIssues.toLocaleString('en')} open when generated, ${dataset.overdueIssues.toLocaleString('en')} of them overdue\n`);
  process.stdout.write(`accounts (password "${BENCH_PASSWORD}"): ${BENCH_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}\n`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  cli().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
