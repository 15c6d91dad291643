import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { BENCH_ACCOUNTS, BENCH_DATA_DIR, BENCH_PASSWORD, BENCH_SECRET, DEFAULT_DB_URL, REPO_ROOT, ensureDataset, type Dataset } from './generate.ts';
import { formatSummary, summariseProfile } from './profile.ts';
import { measureRawReportWrites, type RawWrites } from './rawWrites.ts';
import { chooseWorkers, cursorAt, drawKeys, pick, seeded, workerRequests, type Keys, type NextRequest } from './workload.ts';

// The server's answer rate as a share of what Fastify alone manages on this machine in the same run, under
// a large dataset. Absolute figures drift from machine to machine and run to run; the ratios are what the
// budgets and bench/history.jsonl compare.

const USAGE = `usage: npm run bench -- [options]
  --db URL           sqlite:PATH (default ${path.relative(REPO_ROOT, DEFAULT_DB_URL.slice('sqlite:'.length))}) or postgres://host:port/[db]
                     (PostgreSQL: database xiaoqu_bench unless named; its name must contain "bench")
  --duration S       seconds of load per target (default 10)
  --warmup S         seconds of unrecorded load before each target (default 3; twice that for the first)
  --connections N    concurrent connections (default 50)
  --fresh            rebuild the dataset even if a complete one is there
  --profile          run the server under --cpu-prof and print where its time went
  --entry FILE       the server's entry point (default server/main.ts), e.g. to compare a changed copy
  --only TEXT        measure only the targets whose name contains TEXT (the ceiling is always measured)
  --no-check         report only: never fail on a budget
  --no-history       do not append to bench/history.jsonl`;

/** The Node flags `npm start` runs the server with (package.json), so the bench measures the same process. */
const SERVER_NODE_FLAGS = ['--max-old-space-size=192'];

const REPORT_TARGET = 'issue report';

interface Budget {
  /** Least answer rate, as a share of the hello-world ceiling. */
  ratio?: number;
  p99Ms?: number;
  /** Longest event-loop delay in the server while the target ran. */
  loopMs?: number;
}

/** Held on SQLite only. */
const BUDGETS = {
  /** Scoped resident lists. */
  list: { ratio: 0.4, p99Ms: 20 },
  /** Scoped issue work queues (a page of the open issues of a unit, or of the caller's own). */
  queue: { ratio: 0.4 },
  /** Reporting an issue: routing, deadline, events, audit row and notification in one transaction. */
  report: { ratio: 0.3, p99Ms: 25 },
  /** Text search with words of the issues' own text, 50 connections. */
  search: { p99Ms: 20 },
  /** The working day: 50 people, keys that rarely repeat, reads and reports mixed. */
  mixed: { ratio: 0.2, p99Ms: 50, loopMs: 50 },
  memoryMb: 250,
} as const satisfies Record<string, Budget | number>;

interface Options {
  dbUrl: string;
  duration: number;
  warmup: number;
  connections: number;
  fresh: boolean;
  profile: boolean;
  entry: string;
  check: boolean;
  history: boolean;
  only: string | null;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      fresh: { type: 'boolean' },
      profile: { type: 'boolean' },
      entry: { type: 'string' },
      only: { type: 'string' },
      'no-check': { type: 'boolean' },
      'no-history': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (raw: string | undefined, fallback: number, name: string) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got ${raw})`);
    return n;
  };
  return {
    dbUrl: values.db ?? DEFAULT_DB_URL,
    duration: Math.max(1, num(values.duration, 10, 'duration')),
    warmup: num(values.warmup, 3, 'warmup'),
    connections: Math.max(1, Math.round(num(values.connections, 50, 'connections'))),
    fresh: values.fresh === true,
    profile: values.profile === true,
    entry: values.entry ?? 'server/main.ts',
    check: values['no-check'] !== true,
    history: values['no-history'] !== true,
    only: values.only ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Child processes: every one is killed when this process ends, however it ends.

const children = new Set<ChildProcess>();

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

process.on('exit', () => {
  for (const child of children) if (alive(child)) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers\n`);
    process.exit(130);
  });
}

interface Server {
  name: string;
  child: ChildProcess;
  pid: number;
  base: string;
  logFile: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function logTail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function startServer(name: string, nodeArgs: string[], env: Record<string, string>, readyPath: string): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(BENCH_DATA_DIR, `${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  children.add(child);
  if (child.pid === undefined) throw new Error(`${name}: could not start node`);
  const server: Server = { name, child, pid: child.pid, base: `http://127.0.0.1:${port}`, logFile };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!alive(child)) throw new Error(`${name} exited (code ${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail(logFile)}`);
    try {
      const res = await fetch(`${server.base}${readyPath}`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready after 60 s:\n${logTail(logFile)}`);
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (alive(child)) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout' && alive(child)) child.kill('SIGKILL');
  }
  children.delete(child);
}

// ---------------------------------------------------------------------------------------------------------
// Load

interface Target {
  name: string;
  path: string;
  session?: Session;
  /** POST this JSON, made anew for every request (GET when absent). */
  body?: () => unknown;
  /** Held on SQLite. */
  budget?: Budget;
  /** The answer must be a full page of this many items (so the load is not measuring an empty list). */
  expectItems?: number;
  /** The answer must hold at least this many items (a queue shorter than a page). */
  minItems?: number;
  /**
   * Writes per second sent alongside the load (PATCH /api/v1/me as another user). Every write ends the
   * validity of the server's read caches, so this shows the list as it behaves when data keeps changing.
   */
  writes?: { perSecond: number; session: Session };
  /** Random keys: every request made anew by this generator (one session for all connections). */
  next?: () => NextRequest;
  /** Every connection its own person: connection i sends the requests of workers[i mod n]. */
  workers?: { session: Session; next: () => NextRequest }[];
}

interface Session {
  cookie: string;
  csrf: string;
}

/** One target's figures; `ratio` is to the mean of the two ceiling measurements of the same run. */
interface Measured {
  name: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratio: number;
  /** The server process's CPU time (user + system) per answered request: steadier than req/s on a busy machine. */
  cpuUsPerReq: number;
  /** The server's CPU use during the load, in cores (1.0 = one core saturated; Node serves on one). */
  cpuCores: number;
  /** The serving process's peak resident memory (VmHWM) once this target's load is over. */
  peakMb: number;
  non2xx: number;
  errors: number;
  /** Share of page-cache lookups answered from the cache during the load (null: no lookups). */
  cacheHitRate: number | null;
  /** Longest event-loop delay in the server during the load. */
  loopMaxMs: number;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds used so far by process `pid` (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function headersOf(target: Target): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target.session) headers.cookie = target.session.cookie;
  if (target.body) {
    headers['content-type'] = 'application/json';
    // Writes with a session cookie need the page token (double submit).
    if (target.session) headers['x-csrf-token'] = target.session.csrf;
  }
  return headers;
}

function requestHeaders(session: Session | undefined, body: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (body) {
    headers['content-type'] = 'application/json';
    if (session) headers['x-csrf-token'] = session.csrf;
  }
  return headers;
}

/** Sends a generated request once and fails on an answer that is not 2xx. */
async function checkRequest(base: string, name: string, session: Session | undefined, r: NextRequest): Promise<void> {
  const res = await fetch(`${base}${r.path}`, { method: r.method, headers: requestHeaders(session, r.body !== undefined), body: r.body === undefined ? undefined : JSON.stringify(r.body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${name}: ${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 300)}`);
}

/** An autocannon request that is made anew, by `next`, before every send. */
function generated(session: Session | undefined, next: () => NextRequest): autocannon.Request {
  return {
    setupRequest: (request) => {
      const r = next();
      return { ...request, method: r.method, path: r.path, headers: requestHeaders(session, r.body !== undefined), ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) };
    },
  };
}

async function checkTarget(base: string, target: Target): Promise<void> {
  // Generated targets: a sample of their requests must answer 2xx (each worker's, for the working day).
  if (target.workers) {
    for (const w of target.workers) for (let i = 0; i < 6; i++) await checkRequest(base, target.name, w.session, w.next());
    return;
  }
  if (target.next) {
    for (let i = 0; i < 20; i++) await checkRequest(base, target.name, target.session, target.next());
    return;
  }
  const method = target.body ? 'POST' : 'GET';
  const res = await fetch(`${base}${target.path}`, { method, headers: headersOf(target), body: target.body ? JSON.stringify(target.body()) : undefined });
  const text = await res.text();
  if (!res.ok) throw new Error(`${target.name}: ${method} ${target.path} answered ${res.status}: ${text.slice(0, 300)}`);
  if (target.expectItems !== undefined || target.minItems !== undefined) {
    const body: unknown = JSON.parse(text);
    const items = typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items) ? body.items.length : -1;
    if (target.expectItems !== undefined && items !== target.expectItems) throw new Error(`${target.name}: expected ${target.expectItems} items, got ${items}`);
    if (target.minItems !== undefined && items < target.minItems) throw new Error(`${target.name}: expected at least ${target.minItems} items, got ${items}`);
  }
}

async function load(base: string, target: Target, opts: Options, seconds: number): Promise<autocannon.Result> {
  const { body, workers, next, session } = target;
  if (workers) {
    let connection = 0;
    return autocannon({
      url: `${base}${target.path}`,
      connections: opts.connections,
      duration: seconds,
      setupClient: (client) => {
        const w = workers[connection++ % workers.length];
        if (w) client.setRequests([generated(w.session, w.next)]);
      },
    });
  }
  if (next) return autocannon({ url: `${base}${target.path}`, connections: opts.connections, duration: seconds, requests: [generated(session, next)] });
  return autocannon({
    url: `${base}${target.path}`,
    connections: opts.connections,
    duration: seconds,
    method: body ? 'POST' : 'GET',
    headers: headersOf(target),
    ...(body ? { requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }] } : {}),
  });
}

/** Checks the answer once, loads the target unrecorded for the warm-up (JIT, caches), then measures. */
async function measure(server: Server, target: Target, opts: Options, warmup: number): Promise<Measured> {
  const base = server.base;
  await checkTarget(base, target);
  if (warmup > 0) await load(base, target, opts, warmup);
  await benchStats(server, true);
  const cpuBefore = cpuSeconds(server.pid);
  let writes = 0;
  const writer = target.writes ? startWriter(base, target.writes, () => writes++) : null;
  const r = await load(base, target, opts, opts.duration);
  if (writer) clearInterval(writer);
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const stats = await benchStats(server, false);
  if (target.writes && writes < target.writes.perSecond * opts.duration * 0.8) {
    throw new Error(`${target.name}: only ${writes} writes were answered during the load`);
  }
  const answered = r.latency.totalCount;
  const m: Measured = {
    name: target.name,
    path: target.path,
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    ratio: 0,
    cpuUsPerReq: answered > 0 ? Math.round((cpu * 1e6) / answered) : 0,
    cpuCores: Math.round((cpu / r.duration) * 100) / 100,
    peakMb: memoryOf(server.pid).peakMb,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cacheHitRate: stats && stats.pageCacheHits + stats.pageCacheMisses > 0 ? Math.round((stats.pageCacheHits / (stats.pageCacheHits + stats.pageCacheMisses)) * 1000) / 1000 : null,
    loopMaxMs: stats?.eventLoopMaxMs ?? 0,
  };
  process.stdout.write(`  ${m.name.padEnd(40)} ${String(m.reqPerSec).padStart(7)} req/s  p99 ${m.p99Ms} ms  ${m.cpuUsPerReq} µs CPU/req  loop ${m.loopMaxMs} ms\n`);
  return m;
}

interface BenchStats {
  eventLoopMaxMs: number;
  runEventLoopMaxMs: number;
  pageCacheHits: number;
  pageCacheMisses: number;
}

/**
 * The server's own figures (XIAOQU_BENCH_STATS=1, server/core/benchStats.ts): reset before a target's load,
 * read after it. Null for a server without them (the hello world).
 */
async function benchStats(server: Server, reset: boolean): Promise<BenchStats | null> {
  if (server.name === 'hello') return null;
  const res = await fetch(`${server.base}/_bench/stats${reset ? '/reset' : ''}`, { method: reset ? 'POST' : 'GET' });
  if (!res.ok) throw new Error(`${server.name}: /_bench/stats answered ${res.status}`);
  return reset ? null : ((await res.json()) as BenchStats);
}

/** Sends one write every 1/perSecond s, toggling the writer's language; counts the writes answered 200. */
function startWriter(base: string, writes: { perSecond: number; session: Session }, answered: () => void): NodeJS.Timeout {
  let n = 0;
  return setInterval(() => {
    n++;
    void fetch(`${base}/api/v1/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: writes.session.cookie, 'x-csrf-token': writes.session.csrf },
      body: JSON.stringify({ language: n % 2 === 0 ? 'zh-CN' : 'en' }),
    }).then((res) => {
      if (res.ok) answered();
    });
  }, 1000 / writes.perSecond);
}

async function loginSession(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? c);
  const session = cookies.find((c) => c.startsWith('xq_session='));
  const csrf = cookies.find((c) => c.startsWith('xq_csrf='));
  if (!session || !csrf) throw new Error(`login as ${username} set no session cookies`);
  return { cookie: `${session}; ${csrf}`, csrf: csrf.slice('xq_csrf='.length) };
}

// ---------------------------------------------------------------------------------------------------------
// Report

interface Memory {
  rssMb: number;
  peakMb: number;
}

function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

interface BudgetCheck {
  name: string;
  pass: boolean;
}

function checkBudgets(results: Measured[], targets: Target[], memory: Memory, runLoopMaxMs: number | null): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const m of results) {
    const target = targets.find((t) => t.name === m.name);
    if (m.non2xx > 0 || m.errors > 0) checks.push({ name: `${m.name}: every answer 2xx (${m.non2xx} non-2xx, ${m.errors} errors)`, pass: false });
    const budget = target?.budget;
    if (!budget) continue;
    if (budget.ratio !== undefined) checks.push({ name: `${m.name}: ratio ${m.ratio.toFixed(3)} ≥ ${budget.ratio.toFixed(2)}`, pass: m.ratio >= budget.ratio });
    if (budget.p99Ms !== undefined) checks.push({ name: `${m.name}: p99 ${m.p99Ms} ms ≤ ${budget.p99Ms} ms`, pass: m.p99Ms <= budget.p99Ms });
    if (budget.loopMs !== undefined) checks.push({ name: `${m.name}: longest event-loop delay ${m.loopMaxMs} ms ≤ ${budget.loopMs} ms`, pass: m.loopMaxMs <= budget.loopMs });
  }
  checks.push({ name: `server memory: peak RSS ${memory.peakMb} MB ≤ ${BUDGETS.memoryMb} MB`, pass: memory.peakMb <= BUDGETS.memoryMb });
  if (runLoopMaxMs !== null) checks.push({ name: `server event loop: longest delay of the whole run ${runLoopMaxMs} ms ≤ ${BUDGETS.mixed.loopMs} ms`, pass: runLoopMaxMs <= BUDGETS.mixed.loopMs });
  return checks;
}

function formatTable(results: Measured[]): string {
  const head = ['target', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'CPU µs/req', 'CPU cores', 'peak MB', 'hit %', 'loop ms', 'non-2xx'];
  const rows = results.map((m) => [
    m.name,
    m.reqPerSec.toLocaleString('en'),
    String(m.p50Ms),
    String(m.p99Ms),
    m.ratio.toFixed(3),
    String(m.cpuUsPerReq),
    m.cpuCores.toFixed(2),
    String(m.peakMb),
    m.cacheHitRate === null ? '–' : (m.cacheHitRate * 100).toFixed(0),
    m.name.startsWith('hello') ? '–' : String(m.loopMaxMs),
    String(m.non2xx + m.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function git(args: string[]): string {
  try {
    // --no-optional-locks: a status must not rewrite the index while others work in the same tree.
    return execFileSync('git', ['--no-optional-locks', ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function appendHistory(entry: Record<string, unknown>): string {
  const file = path.join(REPO_ROOT, 'bench', 'history.jsonl');
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
  return file;
}

/** The main thread's profile of process `pid` (--cpu-prof also writes one for the module loader's thread). */
function profileOf(dir: string, pid: number): string | null {
  if (!fs.existsSync(dir)) return null;
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.0.`));
  return file ? path.join(dir, file) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Random keys: the twin of each single-URL target, asking the same kind of thing with keys that rarely repeat
// (cursors anywhere in the list, filters, other issues, other words), so that the page cache seldom answers.

function randomTwins(keys: Keys, dataset: Dataset, as: (username: string) => Session) {
  const rand = seeded(42);
  const unitPath = (id: number) => keys.units.find((u) => u.id === id)?.path ?? '/';
  const inUnit = (id: number) => keys.issues.filter((i) => i.path.startsWith(unitPath(id)));
  const residentsIn = (id: number) => keys.residents.filter((r) => r.path.startsWith(unitPath(id)));
  const get = (path: string): NextRequest => ({ kind: 'queue', method: 'GET', path });
  const residents = (unitId: number) => {
    const rows = residentsIn(unitId);
    return () => get(`/api/v1/org/residents?unitId=${unitId}&cursor=${cursorAt(pick(rand, rows))}${rand() < 0.3 ? '&limit=50' : ''}`);
  };
  const queue = (query: string, unitId: number) => {
    const open = inUnit(unitId).filter((i) => i.open);
    // A building has few open issues: its cursors then come from all of them (a page after any one is valid).
    const from = open.length >= 20 ? open : inUnit(unitId);
    return () => {
      const filter = rand() < 0.3 ? `&categoryId=${pick(rand, keys.categoryIds)}` : '';
      const cursor = from.length > 0 && rand() < 0.9 ? `&cursor=${cursorAt(pick(rand, from))}` : '';
      return get(`/api/v1/issues?${query}${filter}${cursor}`);
    };
  };
  const compoundIssues = inUnit(dataset.compoundId);
  const communityWords = inUnit(dataset.communityId).flatMap((i) => i.words);
  let report = 0;
  return {
    residentsCompound: { name: 'residents, compound, random keys', path: '/', session: as('bench-compound'), next: residents(dataset.compoundId) },
    residentsCommunity: { name: 'residents, community, random keys', path: '/', session: as('bench-street'), next: residents(dataset.communityId) },
    queueCommunity: { name: 'work queue, community, random keys', path: '/', session: as('bench-community'), next: queue(`view=open&unitId=${dataset.communityId}`, dataset.communityId) },
    queueCompound: { name: 'work queue, compound, random keys', path: '/', session: as('bench-compound'), next: queue(`view=open&unitId=${dataset.compoundId}`, dataset.compoundId) },
    mineProperty: { name: 'work queue, mine (property), random keys', path: '/', session: as('bench-property'), next: queue('view=mine', dataset.compoundId) },
    mineLeader: { name: 'work queue, mine (leader), random keys', path: '/', session: as('bench-leader'), next: queue('view=mine', dataset.buildingId) },
    detail: { name: 'issue detail, random keys', path: '/', session: as('bench-compound'), next: () => get(`/api/v1/issues/${pick(rand, compoundIssues).id}`) },
    search: {
      name: 'search, community, random words',
      path: '/',
      session: as('bench-community'),
      budget: BUDGETS.search,
      next: () => get(`/api/v1/issues?view=all&unitId=${dataset.communityId}&q=${encodeURIComponent(pick(rand, communityWords))}`),
    },
    report: {
      name: `${REPORT_TARGET}, random keys`,
      path: '/',
      session: as('bench-reporter'),
      next: (): NextRequest => ({
        kind: 'report',
        method: 'POST',
        path: '/api/v1/issues',
        body: { title: '楼道堆放杂物', body: '楼道里堆着纸箱和旧家具，影响通行，请帮忙清理', categoryId: pick(rand, keys.reportCategoryIds), nature: 'help', unitId: dataset.reportBuildingIds[report++ % dataset.reportBuildingIds.length], placeKind: 'building' },
      }),
    },
  } satisfies Record<string, Target>;
}

async function main(): Promise<number> {
  const opts = parseOptions();
  fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
  process.stdout.write(`xiaoqu bench — node ${process.version}, ${os.cpus().length} CPUs, ${opts.connections} connections, ${opts.duration} s per target (+${opts.warmup} s warm-up)\n`);

  const dataset: Dataset = await ensureDataset(opts.dbUrl, { fresh: opts.fresh });
  // Keys for the random-keys targets and the working day, drawn from the dataset before the server starts.
  const keys: Keys = await drawKeys(dataset, { issues: 40_000, residents: 20_000 });

  // The ceiling, Fastify alone, is measured first and again last: the machine's load can change during a run
  // (other work on a shared machine), and the mean of the two is what the ratios are taken against.
  process.stdout.write('load:\n');
  const hello = await startServer('hello', ['--import', 'tsx', 'bench/hello.ts'], {}, '/');
  const ceilingTarget = (when: string): Target => ({ name: `hello-world ceiling (${when})`, path: '/' });
  let server: Server | null = null;
  let memory: Memory;
  let targets: Target[];
  const measured: Measured[] = [];
  let rawWrites: RawWrites | null = null;
  let runLoopMaxMs: number | null = null;
  try {
    // The load generator warms up on the first target too, so it gets a longer warm-up.
    const first = await measure(hello, ceilingTarget('start'), opts, opts.warmup * 2);

    const profileDir = path.join(BENCH_DATA_DIR, 'profiles');
    server = await startServer(
      `server-${dataset.kind}`,
      [...SERVER_NODE_FLAGS, ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', opts.entry],
      {
        DATABASE_URL: dataset.url,
        XIAOQU_DEMO: '0',
        // The dataset is a picture of one moment (its issue history ends then); run against today's clock, the
        // timers would spend the whole run marking its open issues reminded and overdue, writing as they go.
        XIAOQU_SCHEDULER: '0',
        LOG_LEVEL: 'warn',
        XIAOQU_SECRET: BENCH_SECRET,
        XIAOQU_DATA_DIR: path.relative(REPO_ROOT, BENCH_DATA_DIR),
        // /_bench/stats: the longest event-loop delay and the page cache's hits (server/core/benchStats.ts).
        XIAOQU_BENCH_STATS: '1',
      },
      '/readyz',
    );
    const sessions = new Map<string, Session>();
    for (const account of BENCH_ACCOUNTS) sessions.set(account.username, await loginSession(server.base, account.username));
    const as = (username: string): Session => {
      const session = sessions.get(username);
      if (!session) throw new Error(`no session for ${username}`);
      return session;
    };
    let report = 0;
    const reportBody = () => {
      // Round the last community's buildings: each report goes to that building's leader.
      const unitId = dataset.reportBuildingIds[report++ % dataset.reportBuildingIds.length];
      return { title: '楼道堆放杂物', body: '楼道里堆着纸箱和旧家具，影响通行，请帮忙清理', categoryId: dataset.smallCategoryId, nature: 'help', unitId, placeKind: 'building' };
    };
    const issues = (query: string) => `/api/v1/issues?${query}`;
    await benchStats(server, true);
    await fetch(`${server.base}/_bench/stats/reset?run=1`, { method: 'POST' });
    const twins = randomTwins(keys, dataset, as);
    // The working day: fifty people, each their own account and part of the tree.
    const workers = chooseWorkers(keys, dataset, 50);
    const workerSessions = [];
    for (const [i, w] of workers.entries()) workerSessions.push({ session: await loginSession(server.base, w.username), next: workerRequests(keys, w, 1000 + i) });
    targets = [
      { name: 'GET /healthz', path: '/healthz' },
      { name: 'GET /api/v1/me', path: '/api/v1/me', session: as('bench-street') },
      {
        name: 'residents, compound (1.5k)',
        path: `/api/v1/org/residents?unitId=${dataset.compoundId}`,
        session: as('bench-compound'),
        budget: BUDGETS.list,
        expectItems: 20,
      },
      twins.residentsCompound,
      {
        name: 'residents, community (30k)',
        path: `/api/v1/org/residents?unitId=${dataset.communityId}`,
        session: as('bench-street'),
        budget: BUDGETS.list,
        expectItems: 20,
      },
      twins.residentsCommunity,
      {
        name: 'residents, community, 20 writes/s',
        path: `/api/v1/org/residents?unitId=${dataset.communityId}`,
        session: as('bench-street'),
        expectItems: 20,
        writes: { perSecond: 20, session: as('bench-compound') },
      },
      {
        name: 'residents, community, 50 a page',
        path: `/api/v1/org/residents?unitId=${dataset.communityId}&limit=50`,
        session: as('bench-street'),
        expectItems: 50,
      },
      { name: 'work queue, community (open)', path: issues(`view=open&unitId=${dataset.communityId}`), session: as('bench-community'), budget: BUDGETS.queue, expectItems: 20 },
      twins.queueCommunity,
      { name: 'work queue, compound (open)', path: issues(`view=open&unitId=${dataset.compoundId}`), session: as('bench-compound'), budget: BUDGETS.queue, expectItems: 20 },
      twins.queueCompound,
      { name: 'work queue, mine (property)', path: issues('view=mine'), session: as('bench-property'), budget: BUDGETS.queue, expectItems: 20 },
      twins.mineProperty,
      { name: 'work queue, mine (leader)', path: issues('view=mine'), session: as('bench-leader'), budget: BUDGETS.queue, minItems: 1 },
      twins.mineLeader,
      { name: 'issue detail', path: `/api/v1/issues/${dataset.issueRefs.detailIssueId}`, session: as('bench-compound') },
      twins.detail,
      { name: 'search, community (a word)', path: issues(`view=all&unitId=${dataset.communityId}&q=${encodeURIComponent('漏水')}`), session: as('bench-community'), budget: BUDGETS.search },
      twins.search,
      { name: 'working day, 50 people (mixed)', path: '/', workers: workerSessions, budget: BUDGETS.mixed },
      // Last: its writes grow the last community's queues, which no other target reads.
      { name: REPORT_TARGET, path: '/api/v1/issues', session: as('bench-reporter'), body: reportBody, budget: BUDGETS.report },
      twins.report,
    ];
    const serverResults: Measured[] = [];
    const chosen = opts.only === null ? targets : targets.filter((t) => t.name.includes(opts.only ?? ''));
    if (chosen.length === 0) throw new Error(`--only ${opts.only}: no target's name contains it`);
    for (const target of chosen) serverResults.push(await measure(server, target, opts, opts.warmup));
    memory = memoryOf(server.pid);
    runLoopMaxMs = (await benchStats(server, false))?.runEventLoopMaxMs ?? null;
    await stopServer(server);

    // The database's own write ceiling for reports, on the same file, with the server stopped (SQLite).
    if (dataset.kind === 'sqlite' && chosen.some((t) => t.name === REPORT_TARGET)) {
      rawWrites = await measureRawReportWrites(dataset.url.slice('sqlite:'.length), dataset.reportBuildingIds, opts.duration);
      process.stdout.write(`  raw report writes (no server)     ${String(rawWrites.reportsPerSec).padStart(6)} reports/s  ${rawWrites.usPerReport} µs each\n`);
    }

    const last = await measure(hello, ceilingTarget('end'), opts, opts.warmup);
    measured.push(first, last, ...serverResults);
  } finally {
    if (server) await stopServer(server);
    await stopServer(hello);
  }

  const [start, end] = measured;
  const ceiling = Math.round(((start?.reqPerSec ?? 0) + (end?.reqPerSec ?? 0)) / 2);
  const results = measured.map((m) => ({ ...m, ratio: ceiling > 0 ? Math.round((m.reqPerSec / ceiling) * 1000) / 1000 : 0 }));
  const drift = start && end && ceiling > 0 ? Math.abs(start.reqPerSec - end.reqPerSec) / ceiling : 0;

  process.stdout.write(`\n${formatTable(results)}\n\n`);
  process.stdout.write(`ceiling: ${ceiling.toLocaleString('en')} req/s (mean of start and end; ratios are to it)\n`);
  if (drift > 0.2) {
    process.stdout.write(`warning: the ceiling moved by ${Math.round(drift * 100)} % during the run: the machine was busy with other work, figures are noisy\n`);
  }
  const reported = results.find((m) => m.name === REPORT_TARGET);
  if (rawWrites && reported) {
    const share = reported.reqPerSec / rawWrites.reportsPerSec;
    process.stdout.write(
      `raw write ceiling for reports: ${rawWrites.reportsPerSec.toLocaleString('en')}/s (${(rawWrites.reportsPerSec / ceiling).toFixed(3)} of hello world); the server reports at ${share.toFixed(2)} of it\n`,
    );
  }
  process.stdout.write(`server memory after the load (${dataset.kind}): RSS ${memory.rssMb} MB, peak ${memory.peakMb} MB\n`);
  if (runLoopMaxMs !== null) process.stdout.write(`server event loop: longest delay of the whole run ${runLoopMaxMs} ms\n`);
  process.stdout.write(`machine load (uptime): ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);

  if (opts.profile) {
    const file = profileOf(path.join(BENCH_DATA_DIR, 'profiles'), server.pid);
    process.stdout.write(file ? `\n${file}\n${formatSummary(summariseProfile(file))}\n` : '\nno CPU profile was written\n');
  }

  // 3. Budgets: SQLite is the reference installation; PostgreSQL figures are reported, not judged.
  let failed = false;
  let checks: BudgetCheck[] = [];
  if (dataset.kind === 'sqlite') {
    checks = checkBudgets(results, targets, memory, opts.only === null ? runLoopMaxMs : null);
    process.stdout.write('\nbudgets:\n');
    for (const c of checks) process.stdout.write(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name}\n`);
    failed = checks.some((c) => !c.pass);
  } else {
    process.stdout.write('\nbudgets: none on PostgreSQL (figures only)\n');
    for (const m of results) if (m.non2xx + m.errors > 0) process.stdout.write(`  warning: ${m.name} had ${m.non2xx} non-2xx answers and ${m.errors} errors\n`);
  }

  if (opts.history) {
    const file = appendHistory({
      date: new Date().toISOString(),
      commit: git(['rev-parse', '--short', 'HEAD']) || null,
      dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
      db: dataset.kind,
      node: process.version,
      cpus: os.cpus().length,
      connections: opts.connections,
      durationSec: opts.duration,
      ceilingStartEnd: [start?.reqPerSec ?? null, end?.reqPerSec ?? null],
      dataset: { ...dataset.counts, reused: dataset.reused, generationSec: dataset.seconds, issueGenerationSec: dataset.issueSeconds },
      ceilingReqPerSec: ceiling,
      ceilingDrift: Math.round(drift * 1000) / 1000,
      results: results.slice(2),
      rawReportWrites: rawWrites,
      only: opts.only ?? undefined,
      memory,
      runLoopMaxMs,
      loadAverage: os.loadavg(),
      budgets: checks.length > 0 ? checks : null,
      profile: opts.profile,
      entry: opts.entry === 'server/main.ts' ? undefined : opts.entry,
    });
    process.stdout.write(`\nresults appended to ${path.relative(process.cwd(), file)}\n`);
  }

  if (failed && opts.check) {
    process.stdout.write('\nFAIL: a budget was missed (use --no-check to report only)\n');
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
