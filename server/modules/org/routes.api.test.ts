import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { makeIdNumber } from './rules/identity.ts';

let t: TestApp;
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['najin', 'linqiong', 'gesang', 'basang', 'suolang', 'zhangheng', 'yeweihui', 'luosang', 'xiangxue']) s[u] = await signIn(t.app, u);
  ids.street = await unitIdOf(t.services, '纳金街道');
  ids.community = await unitIdOf(t.services, '林琼社区');
  ids.tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  ids.xiangxue = await unitIdOf(t.services, '香雪佳园');
  ids.tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  ids.tf5 = await unitIdOf(t.services, '5号楼', '天峰祥和苑');
  ids.xx1 = await unitIdOf(t.services, '1号楼', '香雪佳园');
});
afterAll(async () => t.close());

const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s[who]?.cookie ?? '' } });
const post = (who: string, url: string, payload: object, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...s[who]?.headers, ...extra }, payload });
const code = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;

interface Node {
  id: number;
  name: string;
  level: string;
  children: Node[];
}
const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('the tree each demo account sees', () => {
  it.each([
    ['najin', '纳金街道', 1 + 1 + 3 + 8 + 6 + 8],
    ['linqiong', '林琼社区', 1 + 3 + 8 + 6 + 8],
    ['gesang', '林琼社区', 1 + 3 + 8 + 6 + 8],
    ['basang', '天峰祥和苑', 1 + 8],
    ['zhangheng', '天峰祥和苑', 1 + 8],
    ['yeweihui', '天峰祥和苑', 1 + 8],
    ['luosang', '天峰祥和苑', 1 + 8],
    ['suolang', '4号楼', 1],
    ['xiangxue', '1号楼', 1],
  ])('%s sees %s and its %i nodes', async (who, root, count) => {
    const res = await get(who, '/api/v1/org/tree');
    expect(res.statusCode).toBe(200);
    const roots = json<{ roots: Node[] }>(res).roots;
    expect(roots.map((r) => r.name)).toEqual([root]);
    expect(flatten(roots)).toHaveLength(count);
  });

  it('orders buildings by number', async () => {
    const roots = json<{ roots: Node[] }>(await get('basang', '/api/v1/org/tree')).roots;
    expect(roots[0]?.children.map((c) => c.name)).toEqual(['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼', '7号楼', '8号楼']);
  });
});

describe('reads outside one’s subtree answer 404', () => {
  it.each([
    ['basang', () => `/api/v1/org/units/${ids.xiangxue}`],
    ['basang', () => `/api/v1/org/units/${ids.community}/summary`],
    ['suolang', () => `/api/v1/org/units/${ids.tf5}`],
    ['suolang', () => `/api/v1/org/units/${ids.tianfeng}/platform`],
    ['xiangxue', () => `/api/v1/org/units/${ids.tf4}/households`],
    ['basang', () => `/api/v1/org/residents?unitId=${ids.xx1}`],
    ['basang', () => '/api/v1/org/units/999999'],
  ])('%s → %s', async (who, url) => {
    const res = await get(who, url());
    expect(res.statusCode).toBe(404);
    expect(code(res)).toBe('NOT_FOUND');
  });

  it('does not show a resident of another compound', async () => {
    const other = await t.services.db.selectFrom('residents').select('id').where('path', 'like', `%/${ids.xiangxue}/%`).executeTakeFirstOrThrow();
    expect((await get('basang', `/api/v1/org/residents/${other.id}`)).statusCode).toBe(404);
    expect((await get('linqiong', `/api/v1/org/residents/${other.id}`)).statusCode).toBe(200);
  });

  it('names only the ancestors the caller can see', async () => {
    const unit = json<{ ancestors: { name: string }[]; leader: { name: string } | null }>(await get('suolang', `/api/v1/org/units/${ids.tf4}`));
    expect(unit.ancestors).toEqual([]);
    expect(unit.leader).toEqual({ name: '索朗曲珍' });
    const full = json<{ ancestors: { name: string }[] }>(await get('najin', `/api/v1/org/units/${ids.tf4}`));
    expect(full.ancestors.map((a) => a.name)).toEqual(['纳金街道', '林琼社区', '天峰祥和苑']);
  });
});

describe('people', () => {
  it('lets a resident see the compound but not the people in it (403)', async () => {
    expect((await get('luosang', `/api/v1/org/units/${ids.tianfeng}/summary`)).statusCode).toBe(200);
    const res = await get('luosang', `/api/v1/org/residents?unitId=${ids.tianfeng}`);
    expect(res.statusCode).toBe(403);
    expect(code(res)).toBe('FORBIDDEN');
    for (const list of ['residents', 'households', 'party-members']) expect((await get('luosang', `/api/v1/org/${list}`)).statusCode).toBe(403);
  });

  it('counts the compound as the report describes', async () => {
    const sum = json<Record<string, number>>(await get('basang', `/api/v1/org/units/${ids.tianfeng}/summary`));
    expect(sum).toMatchObject({ buildings: 8, centralHouseholds: 13, buildingLeaders: 8 });
    expect(sum.households).toBeGreaterThan(200);
    expect(sum.residents).toBeGreaterThan(sum.households ?? 0);
  });

  it('shows the four-party platform with 巴桑 and 张恒旺', async () => {
    const p = json<{ community: { name: string }; partyBranch: { members: { name: string; position: string }[] }; property: { members: { name: string; position: string }[] }; ownersCommittee: { name: string } }>(
      await get('basang', `/api/v1/org/units/${ids.tianfeng}/platform`),
    );
    expect(p.community.name).toBe('林琼社区');
    expect(p.partyBranch.members).toContainEqual({ id: expect.any(Number), name: '巴桑', position: 'secretary' });
    expect(p.property.members).toContainEqual({ id: expect.any(Number), name: '张恒旺', position: 'manager' });
    expect(p.ownersCommittee.name).toContain('业主委员会');
  });

  it('keeps phone and ID number masked in lists, for every role', async () => {
    for (const who of ['najin', 'gesang', 'basang', 'suolang']) {
      const page = json<{ items: { phone: string | null; idNumber: string | null; masked: boolean }[] }>(await get(who, '/api/v1/org/residents?limit=20'));
      expect(page.items.length).toBeGreaterThan(0);
      for (const r of page.items) {
        expect(r.masked).toBe(true);
        if (r.phone) expect(r.phone).toMatch(/^\d{3}\*+\d{4}$/);
        if (r.idNumber) expect(r.idNumber).toMatch(/^\d{4}\*+[\dX]{4}$/);
      }
    }
  });

  it('scopes the resident list of a building leader to the building', async () => {
    const all: { householdLabel: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/org/residents?limit=25${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json<{ items: { householdLabel: string }[]; nextCursor: string | null }>(await get('suolang', url));
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(25);
    expect(all.every((r) => r.householdLabel.startsWith('4号楼'))).toBe(true);
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(all.length);
  });

  it('unmasks for a grid worker with an audit row, and refuses the branch secretary', async () => {
    const r = json<{ items: { id: number }[] }>(await get('gesang', `/api/v1/org/residents?unitId=${ids.tf4}&limit=1`)).items[0];
    if (!r) throw new Error('no resident');
    const denied = await get('basang', `/api/v1/org/residents/${r.id}?reveal=1`);
    expect(denied.statusCode).toBe(403);
    const before = await t.services.db.selectFrom('audit_log').select('id').where('action', '=', 'resident.reveal').execute();
    const shown = json<{ phone: string | null; idNumber: string; masked: boolean }>(await get('gesang', `/api/v1/org/residents/${r.id}?reveal=1`));
    expect(shown.masked).toBe(false);
    expect(shown.idNumber).toMatch(/^\d{17}[\dX]$/);
    const after = await t.services.db.selectFrom('audit_log').select(['id', 'actor_name', 'subject_id']).where('action', '=', 'resident.reveal').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_name: 'gesang', subject_id: String(r.id) });
  });

  it('finds a resident by full ID number without storing it in clear', async () => {
    const idNumber = makeIdNumber('540102', '19910305', 777, 'female');
    const hh = json<{ items: { id: number }[] }>(await get('gesang', `/api/v1/org/households?unitId=${ids.tf4}&limit=1`)).items[0];
    const created = await post('gesang', '/api/v1/org/residents', { householdId: hh?.id, name: '白玛央金', ethnicity: '藏族', phone: '13989001234', idNumber });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ name: '白玛央金', gender: 'female', birthDate: '1991-03-05', phone: '139****1234', masked: true });
    const raw = await t.services.db.selectFrom('residents').selectAll().where('name', '=', '白玛央金').executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain(idNumber);
    expect(JSON.stringify(raw)).not.toContain('13989001234');
    const found = json<{ items: { name: string }[] }>(await get('gesang', `/api/v1/org/residents?q=${idNumber}`));
    expect(found.items.map((x) => x.name)).toEqual(['白玛央金']);
    const audit = await t.services.db.selectFrom('audit_log').select('after_json').where('action', '=', 'resident.create').execute();
    expect(audit.map((a) => a.after_json).join()).not.toContain(idNumber);
  });
});

describe('writes', () => {
  it('climbs the ladder: 401, 400 per bad field, 404 outside, 403, 201', async () => {
    const hh = json<{ items: { id: number }[] }>(await get('gesang', `/api/v1/org/households?unitId=${ids.tf4}&limit=1`)).items[0]?.id ?? 0;
    const body = { householdId: hh, name: '次旦', gender: 'male', ethnicity: '藏族', birthDate: '1990-01-01' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/org/residents', payload: body })).statusCode).toBe(401);
    const bad = await post('gesang', '/api/v1/org/residents', { ...body, gender: 'x' });
    expect(bad.statusCode).toBe(400);
    const badPhone = await post('gesang', '/api/v1/org/residents', { ...body, phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(json<{ error: { details: { issues: { path: string }[] } } }>(badPhone).error.details.issues[0]?.path).toBe('phone');
    const badId = await post('gesang', '/api/v1/org/residents', { ...body, idNumber: '540102199001010000' });
    expect(json<{ error: { details: { issues: { path: string }[] } } }>(badId).error.details.issues[0]?.path).toBe('idNumber');
    expect((await post('xiangxue', '/api/v1/org/residents', body)).statusCode).toBe(404);
    expect((await post('basang', '/api/v1/org/residents', body)).statusCode).toBe(403);
    const ok = await post('gesang', '/api/v1/org/residents', body);
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a second resident with the same ID number (409) and writes nothing', async () => {
    const idNumber = makeIdNumber('540102', '19880808', 321, 'male');
    const hh = json<{ items: { id: number }[] }>(await get('gesang', `/api/v1/org/households?unitId=${ids.tf5}&limit=1`)).items[0]?.id;
    const first = await post('gesang', '/api/v1/org/residents', { householdId: hh, name: '多吉', idNumber });
    expect(first.statusCode).toBe(201);
    const count = async () => (await t.services.db.selectFrom('residents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const again = await post('gesang', '/api/v1/org/residents', { householdId: hh, name: '多吉二', idNumber });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('RESIDENT_DUPLICATE_ID');
    expect(Number(await count())).toBe(before);
  });

  it('lands a retried request exactly once with Idempotency-Key', async () => {
    const payload = { buildingId: ids.tf4, unitNo: 9, floor: 1, room: '9101', area: 88.5 };
    const key = { 'idempotency-key': 'phone-retry-1' };
    const a = await post('linqiong', '/api/v1/org/households', payload, key);
    const b = await post('linqiong', '/api/v1/org/households', payload, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(json(b)).toEqual(json(a));
    const rows = await t.services.db.selectFrom('households').select('id').where('room', '=', '9101').execute();
    expect(rows).toHaveLength(1);
    const fresh = await post('linqiong', '/api/v1/org/households', payload, { 'idempotency-key': 'phone-retry-2' });
    expect(fresh.statusCode).toBe(409);
    expect(code(fresh)).toBe('HOUSEHOLD_EXISTS');
  });

  it('adds units only one level below their parent', async () => {
    const wrong = await post('linqiong', '/api/v1/org/units', { parentId: ids.community, name: '9号楼', level: 'building' });
    expect(wrong.statusCode).toBe(422);
    expect(code(wrong)).toBe('INVALID_PARENT');
    const ok = await post('linqiong', '/api/v1/org/units', { parentId: ids.community, name: '新建小区', level: 'compound' });
    expect(ok.statusCode).toBe(201);
    const unit = json<{ id: number; path: string; ancestors: { name: string }[] }>(ok);
    expect(unit.path).toMatch(new RegExp(`/${ids.community}/${unit.id}/$`));
    expect((await post('basang', '/api/v1/org/units', { parentId: ids.tianfeng, name: '9号楼', level: 'building' })).statusCode).toBe(403);
  });

  it('writes each change and its audit row together', async () => {
    const hh = json<{ items: { id: number; area: number }[] }>(await get('gesang', `/api/v1/org/households?unitId=${ids.tf5}&limit=1`)).items[0];
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/households/${hh?.id}`, headers: s.gesang?.headers, payload: { area: 123.4 } });
    expect(res.statusCode).toBe(200);
    const row = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'household.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json ?? '{}')).toMatchObject({ area: hh?.area });
    expect(JSON.parse(row.after_json ?? '{}')).toMatchObject({ area: 123.4 });
  });
});
