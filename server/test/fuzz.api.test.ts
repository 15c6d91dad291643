import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID } from '../core/schemas.ts';
import type { RoleGrantTable, UserTable } from '../db/schema.ts';
import { ACTIONS } from '../modules/issues/rules/lifecycle.ts';
import { brokenMultiparts, HOSTILE_SEGMENTS, hostileBodies, plausible, resolve, Rng, setPool, withHostileField, type OpenApi, type Operation, type Parameter, type RawBody, type Schema } from './fuzz.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from './harness.ts';

// The standing guard of issue 10: every route of the built app, read from its own /api/openapi.json, gets plausible
// and hostile bodies, queries and path values as an anonymous caller and as demo users of several roles. It passes
// only when no answer is a 5xx (or an INTERNAL error, or input that only the database refused) and the app still
// answers afterwards. Seeded: FUZZ_SEED=<n> replays a run, FUZZ_SEED=random picks a new seed and prints it.

const DEFAULT_SEED = 20261204;
const SEED = (() => {
  const raw = process.env.FUZZ_SEED;
  if (!raw) return DEFAULT_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be a whole number or "random", not ${raw}`);
  return n;
})();

/** Routes hidden from openapi.json (`schema: { hide: true }`) that are real, listed here so they are fuzzed too. */
const HIDDEN_ROUTES: { method: string; path: string }[] = [
  { method: 'get', path: '/api/openapi.json' },
  { method: 'get', path: '/' },
  { method: 'get', path: '/{file}' },
  { method: 'get', path: '/api/docs' },
  { method: 'get', path: '/api/docs/static/{file}' },
];

type Role = 'anonymous' | 'najin' | 'linqiong' | 'gesang' | 'suolang' | 'luosang' | 'shenji';
/** Street admin, community staff, grid worker, building leader, resident, auditor — and nobody. */
const ROLES: Role[] = ['anonymous', 'najin', 'linqiong', 'gesang', 'suolang', 'luosang', 'shenji'];

interface Case {
  name: string;
  role: Role;
  method: string;
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

interface Answer {
  statusCode: number;
  body: string;
  code: string | null;
}

let t: TestApp;
let doc: OpenApi;
let webDir: string;
const sessions = new Map<Role, Session>();
/** The demo accounts as they were at the start, to put back when a case changed them (see relogin). */
const accounts = new Map<Role, { user: Selectable<UserTable>; grants: Selectable<RoleGrantTable>[] }>();
const rng = new Rng(SEED);
const failures: string[] = [];
const byStatus = new Map<number, number>();
let sent = 0;
let started = 0;
const known = { buildingTokens: [] as string[], issueTokens: [] as string[], compound: 0, category: 0, sourceId: 1 };

/** Sends one case, counts it, and records it as a failure if the server broke. */
async function send(c: Case): Promise<Answer> {
  const session = c.role === 'anonymous' ? undefined : sessions.get(c.role);
  const headers: Record<string, string> = { ...(session?.headers ?? {}) };
  if (c.contentType) headers['content-type'] = c.contentType;
  // Spread over many addresses, as real callers are: per-address limits then count per caller, not for the run.
  const remoteAddress = `198.51.100.${rng.int(1, 254)}`;
  let statusCode: number;
  let body: string;
  try {
    const res = await t.app.inject({ method: c.method.toUpperCase() as 'GET', url: c.url, headers, remoteAddress, ...(c.payload !== undefined ? { payload: c.payload } : {}) });
    statusCode = res.statusCode;
    body = res.body;
  } catch (e) {
    statusCode = 599;
    body = `inject threw: ${String(e)}`;
  }
  sent++;
  byStatus.set(statusCode, (byStatus.get(statusCode) ?? 0) + 1);
  let code: string | null = null;
  let refusedByDatabase = false;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; details?: { refusedBy?: string } } };
    code = parsed.error?.code ?? null;
    refusedByDatabase = parsed.error?.details?.refusedBy === 'database';
  } catch {
    // not JSON (a file, a page, XML): only the status counts
  }
  if (statusCode >= 500 || code === 'INTERNAL' || refusedByDatabase) {
    failures.push(`${c.method.toUpperCase()} ${c.url.slice(0, 200)} as ${c.role} [${c.name}]${c.payload !== undefined ? ` body ${String(c.payload).slice(0, 200)}` : ''} → ${statusCode} ${body.slice(0, 300)}`);
  }
  if (process.env.FUZZ_VERBOSE) console.log(`${statusCode} ${c.role} ${c.method.toUpperCase()} ${c.url.slice(0, 120)} [${c.name}] ${statusCode >= 400 ? body.slice(0, 160) : ''}`);
  if (statusCode === 401 && code === 'UNAUTHENTICATED' && session) await relogin(c.role);
  return { statusCode, body, code };
}

/**
 * A case may end a demo user's session: a street admin's case resets a password or disables the account of
 * another demo user (the fuzzer picks small ids, which exist). Put the account back as it was and sign in again,
 * so the later cases still run as that role.
 */
async function relogin(role: Role): Promise<void> {
  const snapshot = accounts.get(role);
  if (snapshot) {
    const { db } = t.services;
    const { id, ...row } = snapshot.user;
    await db.updateTable('users').set(row).where('id', '=', id).execute();
    const held = await db.selectFrom('role_grants').select(['role', 'unit_id']).where('user_id', '=', id).execute();
    for (const g of snapshot.grants) {
      if (!held.some((h) => h.role === g.role && h.unit_id === g.unit_id)) await db.insertInto('role_grants').values({ user_id: id, role: g.role, unit_id: g.unit_id, created_at: g.created_at }).execute();
    }
  }
  try {
    sessions.set(role, await signIn(t.app, role));
  } catch {
    sessions.delete(role);
  }
}

interface Route {
  method: string;
  path: string;
  op: Operation;
}

function routes(): Route[] {
  const out: Route[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) out.push({ method, path: p, op });
  }
  for (const h of HIDDEN_ROUTES) out.push({ method: h.method, path: h.path, op: { parameters: [...h.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1] ?? '', in: 'path' as const, required: true, schema: { type: 'string', maxLength: 200 } })) } });
  // Routes that take things away (deleting, revoking the Open311 keys the later cases use) run after the rest, and
  // signing out, which ends the sessions the cases use, runs last.
  const stage = (r: Route) => (r.path.endsWith('/logout') ? 2 : r.method === 'delete' || /\/(revoke|end|delete)$/.test(r.path) ? 1 : 0);
  return out.sort((a, b) => stage(a) - stage(b) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const paramsOf = (r: Route, where: 'path' | 'query'): Parameter[] => (r.op.parameters ?? []).filter((p) => p.in === where);
const jsonBodySchema = (r: Route): Schema | undefined => r.op.requestBody?.content?.['application/json']?.schema;
const takesBody = (r: Route) => ['post', 'put', 'patch', 'delete'].includes(r.method);

function plausibleSegment(p: Parameter): string {
  const schema = resolve(doc, p.schema);
  if (p.name === 'token') {
    const pool = [...known.buildingTokens, ...known.issueTokens];
    if (pool.length > 0 && rng.chance(0.7)) return rng.pick(pool);
  }
  // Path words the schema leaves open (checked in the handler): mostly real ones, so cases get past the 404.
  if (p.name === 'action' && rng.chance(0.8)) return rng.pick(ACTIONS);
  if (p.name === 'file') return rng.pick(['index.html', 'abc.json', 'swagger-ui.css', 'x.xml', 'tokens.json']);
  const value = plausible(doc, schema, rng, 0, p.name);
  return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

function plausibleQueryValue(p: Parameter): string | null {
  if (p.name === 'unitId' && known.compound && rng.chance(0.5)) return String(known.compound);
  const value = plausible(doc, p.schema, rng, 0, p.name);
  if (value === null || value === undefined) return null;
  return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The route's URL with plausible values, and one path or query value replaced when asked. */
function urlFor(r: Route, swap?: { name: string; raw: string }): string {
  let url = r.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (swap?.name === name) return swap.raw;
    const p = paramsOf(r, 'path').find((x) => x.name === name) ?? { name, in: 'path' as const, schema: { type: 'string' } };
    return plausibleSegment(p);
  });
  const query: string[] = [];
  for (const p of paramsOf(r, 'query')) {
    if (swap?.name === p.name) {
      query.push(`${encodeURIComponent(p.name)}=${swap.raw}`);
      continue;
    }
    if (!p.required && !rng.chance(0.5)) continue;
    const v = plausibleQueryValue(p);
    if (v !== null) query.push(`${encodeURIComponent(p.name)}=${v}`);
  }
  if (swap && !query.some((q) => q.startsWith(`${encodeURIComponent(swap.name)}=`)) && !r.path.includes(`{${swap.name}}`)) query.push(`${swap.name}=${swap.raw}`);
  if (query.length > 0) url += `?${query.join('&')}`;
  return url;
}

/** Every case for one route: plausible as each role, then hostile bodies, queries, path values and multiparts. */
function casesFor(r: Route): Case[] {
  const cases: Case[] = [];
  const bodySchema = jsonBodySchema(r);
  const someRole = () => rng.pick(ROLES);
  const jsonCase = (name: string, role: Role, value: unknown, url = urlFor(r)): Case => ({ name, role, method: r.method, url, contentType: 'application/json', payload: JSON.stringify(value) });
  for (const role of ROLES) {
    // Writes get two tries per role: a plausible body passes validation more often than not, and then the
    // handler's own checks (scope, state, references) are what is exercised.
    if (bodySchema) for (let i = 0; i < 2; i++) cases.push(jsonCase('plausible', role, plausible(doc, bodySchema, rng)));
    else cases.push({ name: 'plausible', role, method: r.method, url: urlFor(r) });
  }
  if (bodySchema) {
    for (let i = 0; i < 6; i++) {
      const { value, path: at } = withHostileField(plausible(doc, bodySchema, rng), rng);
      cases.push(jsonCase(`hostile body field ${at}`, someRole(), value));
    }
    const raws = hostileBodies(plausible(doc, bodySchema, rng));
    for (let i = 0; i < 4; i++) {
      const raw = rng.pick(raws);
      cases.push({ name: raw.name, role: someRole(), method: r.method, url: urlFor(r), contentType: raw.contentType, payload: raw.payload });
    }
  } else if (takesBody(r)) {
    // No JSON body declared: an upload, or a command without a body. Either way it must survive these.
    const all: RawBody[] = [...brokenMultiparts(), ...hostileBodies({}).slice(0, 6)];
    const picks = r.op.summary?.toLowerCase().includes('multipart') ? all : [rng.pick(all), rng.pick(all)];
    for (const raw of picks) cases.push({ name: raw.name, role: someRole(), method: r.method, url: urlFor(r), contentType: raw.contentType, payload: raw.payload });
  }
  for (const p of paramsOf(r, 'query')) {
    for (let i = 0; i < 2; i++) cases.push({ name: `hostile query ${p.name}`, role: someRole(), method: r.method, url: urlFor(r, { name: p.name, raw: rng.pick(HOSTILE_SEGMENTS) }) });
  }
  // A repeated query parameter arrives as an array.
  const firstQuery = paramsOf(r, 'query')[0];
  if (firstQuery) cases.push({ name: `repeated query ${firstQuery.name}`, role: someRole(), method: r.method, url: urlFor(r, { name: firstQuery.name, raw: `1&${firstQuery.name}=2` }) });
  cases.push({ name: 'unknown query __proto__', role: someRole(), method: r.method, url: urlFor(r, { name: '__proto__[x]', raw: '1' }) });
  for (const p of paramsOf(r, 'path')) {
    for (let i = 0; i < 3; i++) cases.push({ name: `hostile path ${p.name}`, role: someRole(), method: r.method, url: urlFor(r, { name: p.name, raw: rng.pick(HOSTILE_SEGMENTS) }) });
  }
  return cases;
}

beforeAll(async () => {
  started = Date.now();
  // A stand-in for the built web app, so the page routes (hidden from openapi.json) exist and are fuzzed too.
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-fuzz-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>xiaoqu</title>');
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'void 0;');
  t = await startTestApp({ webDir });
  doc = json<OpenApi>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
  for (const role of ROLES) {
    if (role === 'anonymous') continue;
    sessions.set(role, await signIn(t.app, role));
    const user = await t.services.db.selectFrom('users').selectAll().where('username', '=', role).executeTakeFirstOrThrow();
    accounts.set(role, { user, grants: await t.services.db.selectFrom('role_grants').selectAll().where('user_id', '=', user.id).execute() });
  }
  known.compound = await unitIdOf(t.services, '天峰祥和苑');
  // Real ids of 林琼社区 for the fields that name them, so plausible cases get past "not found" to the real checks.
  const { db } = t.services;
  const communityId = await unitIdOf(t.services, '林琼社区');
  const community = await db.selectFrom('org_units').select('path').where('id', '=', communityId).executeTakeFirstOrThrow();
  const units = (await db.selectFrom('org_units').select('id').where('path', 'like', `${community.path}%`).execute()).map((u) => u.id);
  for (const field of ['unitId', 'buildingId', 'parentId', 'branchId']) setPool(field, units);
  setPool('householdId', (await db.selectFrom('households').select('id').where('path', 'like', `${community.path}%`).limit(200).execute()).map((h) => h.id));
  setPool('residentId', (await db.selectFrom('residents').select('id').where('path', 'like', `${community.path}%`).limit(200).execute()).map((r) => r.id));
  const linqiong = sessions.get('linqiong');
  const links = json<{ items: { token: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/qr-links?unitId=${known.compound}`, headers: linqiong?.headers ?? {} }));
  known.buildingTokens = links.items.map((l) => l.token);
  const categories = json<{ items: { id: number; parentId: number | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issue-categories', headers: linqiong?.headers ?? {} }));
  known.category = categories.items.find((c) => c.parentId !== null)?.id ?? categories.items[0]?.id ?? 1;
  setPool('categoryId', categories.items.map((c) => c.id));
  // Two Open311 keys of the community (a case may revoke one), so Open311 cases get past the key check.
  const apiKeys: string[] = [];
  for (const name of ['fuzz-a', 'fuzz-b']) {
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/open311/keys', headers: linqiong?.headers ?? {}, payload: { name, unitId: communityId } });
    apiKeys.push(json<{ key: string }>(made).key);
  }
  setPool('api_key', apiKeys);
  const services = json<{ service_code: string }[]>(await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' }));
  setPool('service_code', services.map((x) => x.service_code));
  const report = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/buildings/${known.buildingTokens[0] ?? 'none'}/issues`,
    payload: { title: '楼道灯坏了', body: '4单元三楼的灯不亮', categoryId: known.category, nature: 'problem', placeKind: 'common' },
  });
  const token = (json<{ token?: string }>(report).token ?? '').toString();
  if (token) known.issueTokens.push(token);
}, 120_000);

afterAll(async () => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const statuses = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
  console.log(`fuzz (${t.kind}): ${sent} requests, seed ${SEED} (replay: FUZZ_SEED=${SEED}), ${seconds} s, statuses ${statuses}`);
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const expectNoFailures = () => {
  const found = failures.splice(0);
  expect(found, `seed ${SEED}; replay with FUZZ_SEED=${SEED}`).toEqual([]);
};

describe('issue 10, defect 5: each of these answered 500', () => {
  const req = (role: Role, method: string, url: string, payload?: unknown): Case => ({ name: 'named', role, method, url, ...(payload !== undefined ? { contentType: 'application/json', payload: JSON.stringify(payload) } : {}) });

  it('an "all categories" deadline (categoryId null) saves, and means every category', async () => {
    const res = await send(req('najin', 'POST', '/api/v1/issue-deadlines', { level: 'building', categoryId: null, workingMinutes: 240, remindBeforeMinutes: 60 }));
    expect(res.statusCode).toBe(200);
    const rules = json<{ items: { level: string; categoryId: number | null; workingMinutes: number | null }[] }>(res).items;
    expect(rules).toContainEqual(expect.objectContaining({ level: 'building', categoryId: null, workingMinutes: 240 }));
    expectNoFailures();
  });

  it.each([0, -1, 999, 2147483648, '1e400', 1.5])('a deadline for category %s is refused with 400', async (categoryId) => {
    const res = await send(req('najin', 'POST', '/api/v1/issue-deadlines', { level: 'building', categoryId, workingMinutes: 240, remindBeforeMinutes: 60 }));
    expect(res.statusCode).toBe(400);
    expectNoFailures();
  });

  it.each(['1e308', '1e400', '-1', '2147483648'])('remindBeforeMinutes %s is refused with 400', async (n) => {
    const payload = `{"level":"building","categoryId":null,"workingMinutes":240,"remindBeforeMinutes":${n}}`;
    const res = await send({ name: 'named', role: 'najin', method: 'POST', url: '/api/v1/issue-deadlines', contentType: 'application/json', payload });
    expect(res.statusCode).toBe(400);
    expectNoFailures();
  });

  it('limit=1e400, Infinity, -Infinity and NaN are refused with 400 on every paginated list', async () => {
    const lists = routes().filter((r) => r.method === 'get' && paramsOf(r, 'query').some((p) => p.name === 'limit'));
    expect(lists.length).toBeGreaterThan(5);
    for (const r of lists) {
      for (const limit of ['1e400', 'Infinity', '-Infinity', 'NaN', '-1e400']) {
        const res = await send(req('najin', 'get', urlFor(r, { name: 'limit', raw: limit })));
        expect(res.statusCode, `${r.path}?limit=${limit}`).toBe(400);
      }
    }
    expectNoFailures();
  });

  it.each([
    '/api/v1/audit?from=9999-99-99',
    '/api/v1/audit?to=2026-02-30',
    '/api/v1/hotline/export.xlsx?sourceId=1&to=2026-13-01',
    '/api/v1/hotline/export.xlsx?sourceId=1&from=2026-00-10',
  ])('an impossible date is refused with 400: %s', async (url) => {
    expect((await send(req('najin', 'get', url))).statusCode).toBe(400);
    expectNoFailures();
  });

  it('an id of 2147483648 or more is refused with 400 on every route with an id in its path, anonymous ones too', async () => {
    const idRoutes = routes().filter((r) => paramsOf(r, 'path').some((p) => resolve(doc, p.schema).type === 'integer'));
    expect(idRoutes.length).toBeGreaterThan(20);
    expect(idRoutes.map((r) => r.path)).toContain('/api/v1/public/issues/{token}/photos/{photoId}');
    for (const r of idRoutes) {
      for (const p of paramsOf(r, 'path').filter((x) => resolve(doc, x.schema).type === 'integer')) {
        for (const big of [String(MAX_ID + 1), '9999999999', '99999999999999999999999']) {
          for (const role of ['najin', 'anonymous'] as const) {
            const res = await send({ ...req(role, r.method, urlFor(r, { name: p.name, raw: big })), ...(takesBody(r) ? { contentType: 'application/json', payload: '{}' } : {}) });
            // The anonymous caller may be stopped at sign-in first; either way not a 5xx.
            expect([400, 401], `${r.method} ${r.path} ${p.name}=${big} as ${role}`).toContain(res.statusCode);
          }
        }
      }
    }
    expectNoFailures();
  });

  it('a NUL character in any text field of any JSON body is refused with 400', async () => {
    let checked = 0;
    for (const r of routes()) {
      const schema = resolve(doc, jsonBodySchema(r));
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        if (resolve(doc, prop).type !== 'string' && !JSON.stringify(prop).includes('"string"')) continue;
        const body = plausible(doc, schema, rng) as Record<string, unknown>;
        body[field] = 'a\u0000b';
        const res = await send({ ...req('najin', r.method, urlFor(r), body) });
        // Routes the caller may not use answer 401/403/404 before looking at the body: fine, it is not a 5xx.
        expect(res.statusCode, `${r.method} ${r.path} ${field}`).toBeLessThan(500);
        if (res.statusCode === 400) checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expectNoFailures();
  });

  it('a NUL character in the anonymous QR report, its query and its token is refused with 400', async () => {
    const token = known.buildingTokens[0] ?? 'none';
    const report = { title: '灯坏了\u0000', body: '4单元', categoryId: known.category, nature: 'problem', placeKind: 'common', reporterName: 'a\u0000' };
    expect((await send(req('anonymous', 'POST', `/api/v1/public/buildings/${token}/issues`, report))).statusCode).toBe(400);
    expect((await send(req('anonymous', 'POST', `/api/v1/public/buildings/${token}/issues`, { ...report, title: '灯坏了', body: 'ལྷ་ས\u0000' }))).statusCode).toBe(400);
    expect((await send(req('anonymous', 'GET', `/api/v1/public/buildings/${token}%00`))).statusCode).toBe(400);
    expect((await send(req('anonymous', 'GET', `/api/v1/public/issues?tokens=${token}%00`))).statusCode).toBe(400);
    expect((await send(req('najin', 'GET', '/api/v1/issues?q=%E6%B5%8B%00'))).statusCode).toBe(400);
    expect((await send(req('najin', 'GET', '/api/v1/audit?subjectId=%00'))).statusCode).toBe(400);
    expectNoFailures();
  });

  it('an anonymous photo with an id past the 32-bit range answers 400, not 500', async () => {
    const token = known.issueTokens[0] ?? 'abcdefgh12345678';
    expect((await send(req('anonymous', 'GET', `/api/v1/public/issues/${token}/photos/2147483648`))).statusCode).toBe(400);
    expectNoFailures();
  });

  it.each(brokenMultiparts().map((b) => [b.name, b] as const))('broken multipart on the upload routes does not break the server: %s', async (_name, raw) => {
    const uploads = [`/api/v1/hotline/preview`, `/api/v1/hotline/import?sourceId=${known.sourceId}`, `/api/v1/org/import?unitId=${known.compound}`];
    for (const url of uploads) {
      for (const role of ['linqiong', 'gesang'] as const) {
        const res = await send({ name: raw.name, role, method: 'POST', url, contentType: raw.contentType, payload: raw.payload });
        expect(res.statusCode, `${url} as ${role}`).toBeLessThan(500);
      }
    }
    expectNoFailures();
  });
});

describe('every route of openapi.json', () => {
  it('declares a bound for every number and every text it accepts', () => {
    const unbounded: string[] = [];
    const check = (raw: Schema | undefined, where: string, depth = 0): void => {
      const s = resolve(doc, raw);
      if (depth > 8) return;
      const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
      if ((type === 'integer' || type === 'number') && ((s.minimum ?? s.exclusiveMinimum) === undefined || (s.maximum ?? s.exclusiveMaximum) === undefined)) unbounded.push(`${where}: ${JSON.stringify(s)}`);
      const anchored = s.pattern !== undefined && s.pattern.startsWith('^') && s.pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(s.pattern);
      if (type === 'string' && s.maxLength === undefined && s.enum === undefined && s.const === undefined && s.format === undefined && !anchored) unbounded.push(`${where}: ${JSON.stringify(s)}`);
      for (const [k, v] of Object.entries(s.properties ?? {})) check(v, `${where}.${k}`, depth + 1);
      for (const v of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) check(v, where, depth + 1);
      if (s.items) check(s.items, `${where}[]`, depth + 1);
      if (type === 'array' && s.maxItems === undefined) unbounded.push(`${where}: array without maxItems`);
    };
    for (const r of routes()) {
      for (const p of r.op.parameters ?? []) if (p.in === 'path' || p.in === 'query') check(p.schema, `${r.method} ${r.path} ${p.in} ${p.name}`);
      for (const [type, content] of Object.entries(r.op.requestBody?.content ?? {})) check(content.schema, `${r.method} ${r.path} body(${type})`);
    }
    expect(unbounded).toEqual([]);
  });

  it(`answers plausible and hostile requests from every role without a 5xx (seed ${SEED})`, async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(80);
    for (const r of all) {
      for (const c of casesFor(r)) await send(c);
    }
    // The server is still up and still answers a signed-in user afterwards.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const again = await signIn(t.app, 'najin');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: again.headers })).statusCode).toBe(200);
    expectNoFailures();
  }, 600_000);
});
