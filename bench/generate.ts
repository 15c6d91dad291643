import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hashPassword } from '../server/core/auth.ts';
import { FieldCipher } from '../server/core/crypto.ts';
import { openDatabase, type Db } from '../server/core/db.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { sealPersonal } from '../server/modules/org/personal.ts';
import { makeIdNumber } from '../server/modules/org/rules/identity.ts';
import { makePerson, seededRandom } from '../server/modules/org/seed.ts';

// A street office's worth of people, to measure the server against: one street, 5 communities, 100 compounds,
// 1,000 buildings, 50,000 households and 150,000 residents with their phone and ID numbers sealed exactly as
// the application seals them. Deterministic, so every run of the benchmark reads the same rows.

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
const META_VERSION = 1;
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
}

const compounds = PLAN.communities * PLAN.compoundsPerCommunity;
const buildings = compounds * PLAN.buildingsPerCompound;
const households = buildings * PLAN.unitsPerBuilding * PLAN.floors * PLAN.roomsPerFloor;

/** The counts a complete dataset has (party members are drawn at random, so they are not fixed). */
export const EXPECTED: Omit<Counts, 'partyMembers'> = {
  streets: 1,
  communities: PLAN.communities,
  compounds,
  buildings,
  households,
  residents: households * 3,
  roleGrants: 3,
};

export interface BenchAccount {
  username: string;
  role: 'street_admin' | 'community_staff' | 'branch_secretary';
  /** Which of the dataset's reference units the role is held at. */
  at: 'street' | 'community' | 'compound';
}

export const BENCH_ACCOUNTS: readonly BenchAccount[] = [
  { username: 'bench-street', role: 'street_admin', at: 'street' },
  { username: 'bench-community', role: 'community_staff', at: 'community' },
  { username: 'bench-compound', role: 'branch_secretary', at: 'compound' },
];

/** What the benchmark needs to know about a dataset, stored in app_meta next to it. */
export interface DatasetMeta {
  version: number;
  streetId: number;
  /** The first community (20 compounds, 30,000 residents). */
  communityId: number;
  /** The first compound of that community (1,500 residents). */
  compoundId: number;
  counts: Counts;
  generatedAt: string;
  seconds: number;
}

export interface Dataset extends DatasetMeta {
  url: string;
  kind: 'sqlite' | 'postgres';
  reused: boolean;
}

type Value = string | number | null;

interface Table {
  name: string;
  columns: readonly string[];
}

// In foreign-key order: a batch is written table by table in this order.
const TABLES = {
  org_units: { name: 'org_units', columns: ['id', 'parent_id', 'level', 'name', 'path', 'sort', 'created_at', 'updated_at'] },
  households: { name: 'households', columns: ['id', 'building_id', 'path', 'unit_no', 'floor', 'room', 'area', 'created_at', 'updated_at'] },
  residents: {
    name: 'residents',
    columns: ['id', 'household_id', 'unit_id', 'path', 'name', 'gender', 'ethnicity', 'birth_date', 'relation', 'phone_enc', 'phone_masked', 'phone_hash', 'id_no_enc', 'id_no_masked', 'id_no_hash', 'created_at', 'updated_at'],
  },
  bodies: { name: 'bodies', columns: ['id', 'unit_id', 'path', 'kind', 'name', 'founded_on', 'created_at', 'updated_at'] },
  party_members: { name: 'party_members', columns: ['id', 'resident_id', 'branch_id', 'path', 'party_group', 'joined_on', 'status', 'created_at', 'updated_at'] },
  users: { name: 'users', columns: ['id', 'username', 'password_hash', 'display_name', 'home_path', 'language', 'created_at', 'updated_at'] },
  role_grants: { name: 'role_grants', columns: ['id', 'user_id', 'role', 'unit_id', 'created_at'] },
  app_meta: { name: 'app_meta', columns: ['key', 'value'] },
} as const satisfies Record<string, Table>;
const TABLE_ORDER: readonly Table[] = Object.values(TABLES);
// Tables whose ids are given explicitly here: PostgreSQL's sequences must be moved past them afterwards.
const SERIAL_TABLES = ['org_units', 'households', 'residents', 'bodies', 'party_members', 'users', 'role_grants'] as const;

/** Where rows go: SQLite writes each at once, PostgreSQL collects them into multi-row inserts. */
interface Sink {
  add(table: Table, row: Value[]): void;
  /** A point where every parent row added so far may be written (between compounds). */
  checkpoint(): Promise<void>;
  commit(): Promise<void>;
}

function sqliteSink(conn: SQLite.Database): Sink {
  const statements = new Map<string, SQLite.Statement>();
  conn.exec('begin');
  return {
    add(table, row) {
      let stmt = statements.get(table.name);
      if (!stmt) {
        stmt = conn.prepare(`insert into ${table.name} (${table.columns.join(', ')}) values (${table.columns.map(() => '?').join(', ')})`);
        statements.set(table.name, stmt);
      }
      stmt.run(...row);
    },
    async checkpoint() {},
    async commit() {
      conn.exec('commit');
    },
  };
}

// PostgreSQL accepts at most 65,535 parameters in one statement.
const PG_MAX_PARAMS = 60_000;

function pgSink(client: pg.Client): Sink {
  const buffers = new Map<string, Value[][]>();
  const flush = async () => {
    for (const table of TABLE_ORDER) {
      const rows = buffers.get(table.name);
      if (!rows || rows.length === 0) continue;
      const perStatement = Math.floor(PG_MAX_PARAMS / table.columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const width = table.columns.length;
        const tuples = chunk.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
        await client.query(`insert into ${table.name} (${table.columns.join(', ')}) values ${tuples.join(', ')}`, chunk.flat());
      }
      buffers.set(table.name, []);
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
      for (const table of SERIAL_TABLES) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
      }
      await client.query('commit');
    },
  };
}

/** Writes the whole dataset into `sink`; returns the reference ids and counts. */
async function writeDataset(sink: Sink, cipher: FieldCipher, passwordHash: string): Promise<Omit<DatasetMeta, 'generatedAt' | 'seconds' | 'version'>> {
  const rand = seededRandom(20260115);
  const ids = { unit: 0, household: 0, resident: 0, body: 0, party: 0 };
  const counts: Counts = { streets: 0, communities: 0, compounds: 0, buildings: 0, households: 0, residents: 0, partyMembers: 0, roleGrants: 0 };

  const unit = (parent: { id: number; path: string } | null, level: 'street' | 'community' | 'compound' | 'building', name: string, sort: number) => {
    const id = ++ids.unit;
    const unitPath = `${parent?.path ?? '/'}${id}/`;
    sink.add(TABLES.org_units, [id, parent?.id ?? null, level, name, unitPath, sort, NOW, NOW]);
    return { id, path: unitPath };
  };

  const street = unit(null, 'street', '基准街道', 0);
  counts.streets = 1;
  let communityId = 0;
  let compoundId = 0;
  let householdNo = 0;

  for (let c = 1; c <= PLAN.communities; c++) {
    const community = unit(street, 'community', `第${c}社区`, c);
    counts.communities++;
    if (c === 1) communityId = community.id;
    for (let k = 1; k <= PLAN.compoundsPerCommunity; k++) {
      const compound = unit(community, 'compound', `第${c}社区${k}号小区`, k);
      counts.compounds++;
      if (c === 1 && k === 1) compoundId = compound.id;
      const branchId = ++ids.body;
      sink.add(TABLES.bodies, [branchId, compound.id, compound.path, 'party_branch', `第${c}社区${k}号小区党支部`, '2024-03-15', NOW, NOW]);

      for (let b = 1; b <= PLAN.buildingsPerCompound; b++) {
        const building = unit(compound, 'building', `${b}号楼`, b);
        counts.buildings++;
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
                const phone = adult ? `1${['39', '59', '89', '78', '36'][residentId % 5]}${String(residentId).padStart(8, '0')}` : null;
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
      }
      await sink.checkpoint();
    }
  }

  const unitIds = { street: street.id, community: communityId, compound: compoundId };
  const unitPaths = { street: street.path, community: `${street.path}${communityId}/`, compound: `${street.path}${communityId}/${compoundId}/` };
  for (const [i, account] of BENCH_ACCOUNTS.entries()) {
    const userId = i + 1;
    sink.add(TABLES.users, [userId, account.username, passwordHash, account.username, unitPaths[account.at], 'zh-CN', NOW, NOW]);
    sink.add(TABLES.role_grants, [userId, userId, account.role, unitIds[account.at], NOW]);
    counts.roleGrants++;
  }
  return { streetId: street.id, communityId, compoundId, counts };
}

async function countRows(db: Db): Promise<Counts> {
  const levels = await db.selectFrom('org_units').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
  const count = async (table: 'households' | 'residents' | 'party_members' | 'role_grants') =>
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
  return keys.every((k) => counts[k] === EXPECTED[k]) && counts.partyMembers === meta.counts.partyMembers;
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
  const started = performance.now();
  const cipher = new FieldCipher(BENCH_SECRET);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const written = kind === 'postgres' ? await writePostgres(url, cipher, passwordHash) : await writeSqlite(url, cipher, passwordHash);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  const rows = Object.values(written.counts).reduce((a, b) => a + b, 0);
  log(`dataset: built in ${seconds} s (${formatCounts(written.counts)}; ${Math.round(rows / seconds).toLocaleString('en')} rows/s)`);
  return { ...written, url, kind, reused: false };
}

function metaRow(meta: DatasetMeta): Value[] {
  return [META_KEY, JSON.stringify(meta)];
}

async function writeSqlite(url: string, cipher: FieldCipher, passwordHash: string): Promise<DatasetMeta> {
  const started = performance.now();
  const conn = new SQLite(sqliteFile(url));
  try {
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    const sink = sqliteSink(conn);
    const written = await writeDataset(sink, cipher, passwordHash);
    const meta: DatasetMeta = { version: META_VERSION, ...written, generatedAt: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 10) / 100 };
    sink.add(TABLES.app_meta, metaRow(meta));
    await sink.commit();
    // Hand the server a compact file with an empty WAL.
    conn.pragma('wal_checkpoint(TRUNCATE)');
    return meta;
  } catch (err) {
    if (conn.inTransaction) conn.exec('rollback');
    throw err;
  } finally {
    conn.close();
  }
}

async function writePostgres(url: string, cipher: FieldCipher, passwordHash: string): Promise<DatasetMeta> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const sink = pgSink(client);
    const written = await writeDataset(sink, cipher, passwordHash);
    const meta: DatasetMeta = { version: META_VERSION, ...written, generatedAt: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 10) / 100 };
    sink.add(TABLES.app_meta, metaRow(meta));
    await sink.commit();
    // Planner statistics, as autovacuum would gather them on a database that has been running for a while.
    await client.query('analyze');
    return meta;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

function describe(url: string): string {
  if (dbKind(url) === 'sqlite') return path.relative(process.cwd(), sqliteFile(url)) || url;
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

export function formatCounts(c: Counts): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(c.streets)} street, ${n(c.communities)} communities, ${n(c.compounds)} compounds, ${n(c.buildings)} buildings, ${n(c.households)} households, ${n(c.residents)} residents, ${n(c.partyMembers)} party members, ${n(c.roleGrants)} role grants`;
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, fresh: { type: 'boolean' } } });
  const dataset = await ensureDataset(values.db ?? DEFAULT_DB_URL, { fresh: values.fresh === true });
  process.stdout.write(`reference units: street ${dataset.streetId}, community ${dataset.communityId}, compound ${dataset.compoundId}\n`);
  process.stdout.write(`accounts (password "${BENCH_PASSWORD}"): ${BENCH_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}\n`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  cli().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
