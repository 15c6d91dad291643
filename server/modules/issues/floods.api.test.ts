import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRateLimits } from '../../core/rateLimits.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

// Floods of anonymous reports from the building QR page: limited per address and per building (429 with
// Retry-After, counted in the database), visible to staff and undone in bulk without losing a real report.
// Each test uses its own addresses and buildings: the counters of one do not reach the next.

let t: TestApp;
const s: Record<string, Session> = {};
const token: Record<string, string> = {};
let sanitation = 0;
let repair = 0;
let tianfeng = 0;

interface Made {
  id: number;
  version: number;
  token: string;
  status: string;
}
interface ErrorBody {
  error: { code: string; details?: Record<string, unknown> };
}
interface FloodItem {
  id: number;
  version: number;
  status: string;
  origin: string | null;
}
interface Flood {
  unitId: number;
  reports: number;
  open: number;
  origins: { origin: string | null; reports: number; open: number }[];
}

beforeAll(async () => {
  // The rate windows are waited out on the test clock, hours at a time: sessions must outlive them here.
  t = await startTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 7 * 24 } });
  for (const u of ['linqiong', 'basang', 'xiangxue', 'luosang', 'suolang']) s[u] = await signIn(t.app, u);
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  const xiangxue = await unitIdOf(t.services, '香雪佳园');
  for (const [compound, id] of [['天峰祥和苑', tianfeng], ['香雪佳园', xiangxue]] as const) {
    const links = json<{ items: { name: string; token: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/qr-links?unitId=${id}`, headers: { cookie: S('linqiong').cookie } })).items;
    for (const l of links) token[`${compound}/${l.name}`] = l.token;
  }
  const cats = json<{ items: { id: number; code: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issue-categories', headers: { cookie: S('linqiong').cookie } })).items;
  sanitation = cats.find((c) => c.code === 'sanitation')?.id ?? 0;
  repair = cats.find((c) => c.code === 'repair.utilities')?.id ?? 0;
});
afterAll(async () => t.close());

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}

function tokenOf(place: string): string {
  const found = token[place];
  if (!found) throw new Error(`no QR code for ${place}`);
  return found;
}

const report = (title: string) => ({ title, body: `${title}，请处理`, categoryId: sanitation, nature: 'help', placeKind: 'building', showName: false });

/** A report from the QR page of `place`, sent from `address`. */
const fromQr = (place: string, address: string, payload: object = report('楼道堆满杂物'), key?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/buildings/${tokenOf(place)}/issues`, remoteAddress: address, headers: key ? { 'idempotency-key': key } : {}, payload });

async function burst(n: number, send: (i: number) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>) {
  const all = [];
  for (let i = 0; i < n; i += 50) all.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => send(i + j)))));
  return all;
}

const floodItems = async (who: string, unitId: number, origin?: string) =>
  json<{ items: FloodItem[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/floods/items?unitId=${unitId}${origin ? `&origin=${origin}` : ''}`, headers: { cookie: S(who).cookie } })).items;

const bulk = (who: string, what: 'reject' | 'merge', payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/issues/bulk-${what}`, headers: S(who).headers, payload });

const statusOf = async (id: number) => (await t.services.db.selectFrom('issues').select(['status', 'merged_into_id', 'reject_reason']).where('id', '=', id).executeTakeFirstOrThrow());

describe('limits on anonymous reports', () => {
  it('lets 5 of a burst of 300 reports from one address through a minute and refuses the rest with 429 and Retry-After', async () => {
    const place = '天峰祥和苑/1号楼';
    const before = await t.services.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const notesBefore = await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const answers = await burst(300, (i) => fromQr(place, '203.0.113.7', report(`刷单 ${i}`)));
    const made = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(made).toHaveLength(5);
    expect(refused).toHaveLength(295);
    for (const r of refused.slice(0, 5)) {
      expect(json<ErrorBody>(r).error.code).toBe('RATE_LIMITED');
      const wait = Number(r.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    }
    const after = await t.services.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(5);
    const notesAfter = await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    // Another phone in the same building, and a phone in another building, still get through.
    expect((await fromQr(place, '198.51.100.20', report('单元门坏了'))).statusCode).toBe(201);
    // Only the reports that were taken told anyone: five times what one report of this building tells.
    const notesOne = await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const perReport = Number(notesOne.n) - Number(notesAfter.n);
    expect(perReport).toBeGreaterThan(0);
    expect(Number(notesAfter.n) - Number(notesBefore.n)).toBe(5 * perReport);
    expect((await fromQr('天峰祥和苑/2号楼', '198.51.100.21', report('2号楼楼道灯不亮'))).statusCode).toBe(201);
    // The flooding address is refused in every building: the limit is per address.
    expect((await fromQr('天峰祥和苑/2号楼', '203.0.113.7')).statusCode).toBe(429);
  });

  it('counts an IPv6 phone by its /64, so rotating addresses inside it does not help', async () => {
    const answers = await burst(12, (i) => fromQr('天峰祥和苑/3号楼', `2001:db8:7:1::${(i + 1).toString(16)}`, report(`v6 ${i}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
    expect((await fromQr('天峰祥和苑/3号楼', '2001:db8:7:2::1', report('邻居网络'))).statusCode).toBe(201);
  });

  it('answers a retry with the same Idempotency-Key from the first answer without counting it, and lets a refused report through later', async () => {
    const place = '天峰祥和苑/5号楼';
    const address = '203.0.113.50';
    const body = report('垃圾桶满了');
    const first = await fromQr(place, address, body, 'phone-k1');
    expect(first.statusCode).toBe(201);
    for (let i = 0; i < 6; i++) {
      const retry = await fromQr(place, address, body, 'phone-k1');
      expect(retry.statusCode).toBe(201);
      expect(json<Made>(retry).id).toBe(json<Made>(first).id);
    }
    // The six retries counted nothing: four more reports fit in this minute, the fifth does not.
    for (let i = 0; i < 4; i++) expect((await fromQr(place, address, report(`另一件事 ${i}`))).statusCode).toBe(201);
    const refused = await fromQr(place, address, report('第六件事'), 'phone-k2');
    expect(refused.statusCode).toBe(429);
    // The phone waits as told and sends the same report with the same key: it is taken, not answered 429 again.
    t.clock.advance(Number(refused.headers['retry-after']) * 1000);
    const later = await fromQr(place, address, report('第六件事'), 'phone-k2');
    expect(later.statusCode, later.body).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('limits a building to 30 reports an hour from all addresses together, and 20 an hour per address', async () => {
    const place = '天峰祥和苑/6号楼';
    t.clock.advance(3600_000);
    const answers = await burst(31, (i) => fromQr(place, `192.0.2.${i + 1}`, report(`分散刷单 ${i}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(30);
    const refused = answers.find((a) => a.statusCode === 429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(60);
    expect((await fromQr('天峰祥和苑/7号楼', '192.0.2.200', report('7号楼的事'))).statusCode).toBe(201);

    // One address spread over an hour: 5 a minute, at most 20 in the hour.
    t.clock.advance(3600_000);
    let taken = 0;
    for (let minute = 0; minute < 6; minute++) {
      const round = await burst(5, (i) => fromQr('天峰祥和苑/8号楼', '192.0.2.250', report(`慢刷 ${minute}-${i}`)));
      taken += round.filter((a) => a.statusCode === 201).length;
      t.clock.advance(60_000);
    }
    expect(taken).toBe(20);
  });

  it('limits ratings per address before looking at the token, and prunes counters of past windows', async () => {
    const rate = () => t.app.inject({ method: 'POST', url: '/api/v1/public/issues/abcdefgh12345678/rate', remoteAddress: '203.0.113.99', payload: { version: 1, rating: 'satisfied' } });
    const answers = await burst(21, () => rate());
    expect(answers.filter((a) => a.statusCode === 404)).toHaveLength(20);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(1);
    const rows = await t.services.db.selectFrom('rate_limit_hits').select('bucket').execute();
    expect(rows.length).toBeGreaterThan(0);
    // Addresses are kept only as keyed hashes.
    expect(rows.some((r) => r.bucket.includes('203.0.113'))).toBe(false);
    t.clock.advance(2 * 3600_000);
    expect(await pruneRateLimits(t.services)).toBe(rows.length);
    expect((await rate()).statusCode).toBe(404);
  });
});

describe('seeing and undoing a flood', () => {
  it('shows the flood by building and address, rejects the flood in bulk and keeps the real report open', async () => {
    t.clock.advance(3600_000);
    const place = '天峰祥和苑/4号楼';
    const building = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    await burst(40, (i) => fromQr(place, '203.0.113.140', report(`4号楼刷单 ${i}`)));
    const real = json<Made>(await fromQr(place, '198.51.100.140', report('4号楼电梯异响')));

    const floods = json<{ items: Flood[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/floods?unitId=${tianfeng}&min=5`, headers: { cookie: S('linqiong').cookie } })).items;
    const flood = floods.find((f) => f.unitId === building);
    expect(flood?.origins[0]?.reports).toBe(5);
    const origin = flood?.origins[0]?.origin ?? '';
    expect(origin).toMatch(/^[0-9a-f]{16}$/);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/issues/floods?unitId=${tianfeng}`, headers: { cookie: S('xiangxue').cookie } })).statusCode).toBe(404);

    const items = await floodItems('linqiong', building, origin);
    expect(items).toHaveLength(5);
    expect(items.map((i) => i.id)).not.toContain(real.id);

    // Someone acted on one of them meanwhile: the whole command is refused and nothing changes.
    const [first, ...rest] = items;
    if (!first) throw new Error('no flood');
    const stale = await bulk('linqiong', 'reject', { items: [...rest.map((i) => ({ id: i.id, version: i.version })), { id: first.id, version: first.version - 1 }], reason: 'spam' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.details?.id).toBe(first.id);
    expect((await statusOf(rest[0]?.id ?? 0)).status).not.toBe('rejected');

    const done = await bulk('linqiong', 'reject', { items: items.map((i) => ({ id: i.id, version: i.version })), reason: 'spam', note: '同一地址一分钟内 40 条' });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<{ results: { status: string }[] }>(done).results.every((r) => r.status === 'rejected')).toBe(true);
    for (const i of items) expect(await statusOf(i.id)).toMatchObject({ status: 'rejected', reject_reason: 'spam' });
    expect((await statusOf(real.id)).status).toBe('assigned');

    const audit = await t.services.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'issue.reject').where('subject_id', 'in', items.map((i) => String(i.id))).execute();
    expect(audit).toHaveLength(5);
    // The reporter's page shows a neutral reply, not the reason or the internal note.
    const tokenRow = await t.services.db.selectFrom('issues').select('public_token').where('id', '=', first.id).executeTakeFirstOrThrow();
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/issues/${tokenRow.public_token}` });
    expect(pub.body).toContain('不予受理');
    expect(pub.body).not.toContain('spam');
    expect(pub.body).not.toContain('40 条');
    // Rejected once: a second time is not possible.
    expect((await bulk('linqiong', 'reject', { items: [{ id: first.id, version: first.version + 1 }], reason: 'spam' })).statusCode).toBe(422);
  });

  it('refuses issues outside the caller\'s part of the tree with 404 and changes none of them', async () => {
    t.clock.advance(3600_000);
    const ours = json<Made>(await fromQr('天峰祥和苑/2号楼', '203.0.113.160', report('2号楼杂物')));
    const theirs = json<Made>(await fromQr('香雪佳园/1号楼', '203.0.113.161', report('香雪佳园杂物')));
    const mixed = await bulk('basang', 'reject', { items: [{ id: ours.id, version: ours.version }, { id: theirs.id, version: theirs.version }], reason: 'spam' });
    expect(mixed.statusCode).toBe(404);
    expect(json<ErrorBody>(mixed).error.details?.id).toBe(theirs.id);
    expect((await statusOf(ours.id)).status).toBe('assigned');
    expect((await bulk('xiangxue', 'merge', { items: [{ id: ours.id, version: ours.version }], intoId: theirs.id })).statusCode).toBe(404);
    // A building leader sees the reports of her building but is not their dispatcher.
    const hers = json<Made>(await fromQr('天峰祥和苑/4号楼', '203.0.113.162', report('4号楼杂物')));
    expect((await bulk('suolang', 'reject', { items: [{ id: hers.id, version: hers.version }], reason: 'spam' })).statusCode).toBe(403);
    expect((await statusOf(hers.id)).status).toBe('assigned');
  });

  it('merges a flood into the real report: linked, closed, and the real one stays open', async () => {
    t.clock.advance(3600_000);
    const place = '天峰祥和苑/3号楼';
    const building = await unitIdOf(t.services, '3号楼', '天峰祥和苑');
    const real = json<Made>(await fromQr(place, '198.51.100.180', report('3号楼化粪池外溢')));
    await burst(3, (i) => fromQr(place, '203.0.113.180', report(`化粪池 ${i}`)));
    const all = await floodItems('basang', building);
    const origin = all.find((i) => i.id !== real.id)?.origin ?? '';
    const dupes = all.filter((i) => i.origin === origin);
    expect(dupes).toHaveLength(3);
    const items = dupes.map((i) => ({ id: i.id, version: i.version }));
    expect((await bulk('basang', 'merge', { items: [...items, { id: real.id, version: real.version }], intoId: real.id })).statusCode).toBe(400);
    const merged = await bulk('basang', 'merge', { items, intoId: real.id });
    expect(merged.statusCode, merged.body).toBe(200);
    for (const d of dupes) expect(await statusOf(d.id)).toMatchObject({ status: 'merged', merged_into_id: real.id });
    expect((await statusOf(real.id)).status).toBe('assigned');
    const events = await t.services.db.selectFrom('issue_events').select('action').where('issue_id', 'in', dupes.map((d) => d.id)).where('action', '=', 'merge').execute();
    expect(events).toHaveLength(3);

    // Into a closed issue: refused.
    const closedOne = json<Made>(await fromQr(place, '198.51.100.181', report('另一条')));
    const rejected = json<{ results: { version: number }[] }>(await bulk('basang', 'reject', { items: [{ id: closedOne.id, version: closedOne.version }], reason: 'not_actionable' }));
    expect(rejected.results).toHaveLength(1);
    const another = json<Made>(await fromQr(place, '198.51.100.182', report('第三条')));
    expect((await bulk('basang', 'merge', { items: [{ id: another.id, version: another.version }], intoId: closedOne.id })).statusCode).toBe(422);
  });
});

describe('a resident reports about their own flat or the common parts', () => {
  it('refuses a neighbour\'s flat and another name, and takes their own flat and the building', async () => {
    const building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    const own = await t.services.db.selectFrom('users').innerJoin('residents', 'residents.id', 'users.resident_id').select('residents.household_id').where('users.username', '=', 'luosang').executeTakeFirstOrThrow();
    const neighbour = await t.services.db.selectFrom('households').select('id').where('building_id', '=', building4).where('id', '!=', own.household_id).executeTakeFirstOrThrow();
    const base = { title: '楼上漏水', body: '天花板渗水', categoryId: repair, nature: 'complaint', unitId: building4 };
    const send = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/issues', headers: S('luosang').headers, payload: { ...base, ...payload } });

    const foreign = await send({ placeKind: 'room', householdId: neighbour.id });
    expect(foreign.statusCode).toBe(403);
    expect(json<ErrorBody>(foreign).error.code).toBe('NOT_YOUR_HOUSEHOLD');
    expect((await send({ placeKind: 'building', householdId: neighbour.id })).statusCode).toBe(403);
    const named = await send({ placeKind: 'building', reporterName: '次仁' });
    expect(named.statusCode).toBe(403);
    expect(json<ErrorBody>(named).error.code).toBe('REPORT_IN_OWN_NAME');

    const mine = await send({ placeKind: 'room', householdId: own.household_id });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await send({ placeKind: 'room' })).statusCode).toBe(201);
    expect((await send({ placeKind: 'common', placeNote: '单元门口' })).statusCode).toBe(201);
    const detail = json<{ household: { id: number; stated: boolean } | null; reporter: { name: string | null } }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/issues/${json<Made>(mine).id}`, headers: { cookie: S('basang').cookie } }),
    );
    expect(detail.household).toMatchObject({ id: own.household_id, stated: false });
    expect(detail.reporter.name).toBe('洛桑');
    // Staff writing down a door-knock may name any flat they serve.
    const staff = await t.app.inject({ method: 'POST', url: '/api/v1/issues', headers: S('linqiong').headers, payload: { ...base, placeKind: 'room', householdId: neighbour.id, source: 'door_visit', reporterName: '次仁' } });
    expect(staff.statusCode).toBe(201);
  });

  it('records a room named on the QR page as stated by the reporter, not verified', async () => {
    t.clock.advance(3600_000);
    const building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    const room = await t.services.db.selectFrom('households').select('id').where('building_id', '=', building4).executeTakeFirstOrThrow();
    const sent = await fromQr('天峰祥和苑/4号楼', '198.51.100.200', { ...report('家门口漏水'), placeKind: 'room', householdId: room.id });
    expect(sent.statusCode, sent.body).toBe(201);
    const detail = json<{ household: { id: number; stated: boolean } | null }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/${json<Made>(sent).id}`, headers: { cookie: S('basang').cookie } }));
    expect(detail.household).toMatchObject({ id: room.id, stated: true });
  });
});
