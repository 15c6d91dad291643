import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/auth.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { DEMO_ACCOUNTS } from './index.ts';

// A manager may change an account only when every role it holds lies in the manager's subtree and is one the
// manager may grant, never their own account nor one at their own level or above. Every demo account against
// every demo account and a few accounts with mixed roles.

let t: TestApp;
const ids = new Map<string, number>();
const names = new Map<string, string>();
const sessions = new Map<string, Session>();
const EXTRA_PASSWORD = 'Tsurphu-valley-8';

/** Extra accounts: the role grants they hold (role at a named node) and where they were created. */
const EXTRAS: { username: string; home: string; grants: [string, string][] }[] = [
  // The account of the report: a street admin who also lives in 天峰祥和苑.
  { username: 'mixedadmin', home: '纳金街道', grants: [['street_admin', '纳金街道'], ['resident', '天峰祥和苑']] },
  { username: 'streetpeer', home: '纳金街道', grants: [['street_admin', '纳金街道']] },
  { username: 'communitypeer', home: '林琼社区', grants: [['community_staff', '林琼社区']] },
  { username: 'peerwithlow', home: '林琼社区', grants: [['community_staff', '林琼社区'], ['building_leader', '天峰祥和苑']] },
  { username: 'compoundstaff', home: '天峰祥和苑', grants: [['community_staff', '天峰祥和苑']] },
  { username: 'newcomer', home: '林琼社区', grants: [] },
];

const ACTORS = DEMO_ACCOUNTS.map((a) => a.username);
const TARGETS = [...ACTORS, ...EXTRAS.map((e) => e.username)];

/** What each manager gets for a change to each account; every other actor is refused (403) everywhere. */
const EXPECTED: Record<string, Record<string, number>> = {
  najin: {
    najin: 403, linqiong: 200, gesang: 200, basang: 200, suolang: 200, zhangheng: 200, yeweihui: 200, luosang: 200, xiangxue: 200, shenji: 200,
    mixedadmin: 403, streetpeer: 403, communitypeer: 200, peerwithlow: 200, compoundstaff: 200, newcomer: 200,
  },
  linqiong: {
    najin: 404, linqiong: 403, gesang: 200, basang: 200, suolang: 200, zhangheng: 200, yeweihui: 200, luosang: 200, xiangxue: 200, shenji: 404,
    mixedadmin: 403, streetpeer: 404, communitypeer: 403, peerwithlow: 403, compoundstaff: 403, newcomer: 200,
  },
};

beforeAll(async () => {
  t = await startTestApp();
  const db = t.services.db;
  const hash = await hashPassword(EXTRA_PASSWORD);
  const now = t.clock.now().toISOString();
  for (const e of EXTRAS) {
    const home = await db.selectFrom('org_units').select('path').where('id', '=', await unitIdOf(t.services, e.home)).executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({ username: e.username, password_hash: hash, display_name: e.username, resident_id: null, home_path: home.path, language: 'zh-CN', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [role, unit] of e.grants) {
      await db.insertInto('role_grants').values({ user_id: user.id, role, unit_id: await unitIdOf(t.services, unit), created_at: now }).execute();
    }
  }
  for (const u of await db.selectFrom('users').select(['id', 'username', 'display_name']).execute()) {
    ids.set(u.username, u.id);
    names.set(u.username, u.display_name);
  }
  for (const a of ACTORS) sessions.set(a, await signIn(t.app, a));
});
afterAll(async () => t.close());

const S = (who: string): Session => sessions.get(who) ?? (() => { throw new Error(`no session ${who}`); })();
const id = (who: string): number => ids.get(who) ?? 0;
const patch = (who: string, target: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id(target)}`, headers: S(who).headers, payload });
const code = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;

describe('who may change which account', () => {
  for (const actor of ACTORS) {
    it(`${actor} against every account`, async () => {
      const got: Record<string, number> = {};
      for (const target of TARGETS) got[target] = (await patch(actor, target, { displayName: names.get(target) ?? target })).statusCode;
      const expected = Object.fromEntries(TARGETS.map((target) => [target, EXPECTED[actor]?.[target] ?? 403]));
      expect(got).toEqual(expected);
    });
  }

  it('the account list says which accounts the manager may change', async () => {
    const list = json<{ items: { username: string; manageable: boolean }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/accounts?limit=200', headers: { cookie: S('linqiong').cookie } }));
    const flags = Object.fromEntries(list.items.map((a) => [a.username, a.manageable]));
    expect(flags).toMatchObject({ mixedadmin: false, communitypeer: false, gesang: true, luosang: true, newcomer: true, linqiong: false });
  });

  it('community staff cannot reset, disable or regrant a street admin who also lives in a compound, nor a peer', async () => {
    for (const payload of [{ password: 'Ganden-ridge-2026' }, { disabled: true }]) {
      const res = await patch('linqiong', 'mixedadmin', payload);
      expect(res.statusCode).toBe(403);
      expect(code(res)).toBe('FORBIDDEN');
      expect((await patch('linqiong', 'communitypeer', payload)).statusCode).toBe(403);
    }
    const tianfeng = await unitIdOf(t.services, '天峰祥和苑');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${id('mixedadmin')}/grants`, headers: S('linqiong').headers, payload: { role: 'building_leader', unitId: tianfeng } })).statusCode).toBe(403);
    const grants = await t.services.db.selectFrom('role_grants').select(['id', 'role']).where('user_id', '=', id('mixedadmin')).execute();
    const resident = grants.find((g) => g.role === 'resident');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${id('mixedadmin')}/grants/${resident?.id ?? 0}`, headers: S('linqiong').headers })).statusCode).toBe(403);
    // Nothing changed: the street admin still signs in with their own password and keeps both roles.
    expect((await signIn(t.app, 'mixedadmin', EXTRA_PASSWORD)).cookie).toContain('xq_session=');
    expect(await t.services.db.selectFrom('role_grants').select('id').where('user_id', '=', id('mixedadmin')).execute()).toHaveLength(2);
  });

  it('the street cannot make a peer street admin at its own node', async () => {
    const street = await unitIdOf(t.services, '纳金街道');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${id('newcomer')}/grants`, headers: S('najin').headers, payload: { role: 'street_admin', unitId: street } });
    expect(code(res)).toBe('ROLE_NOT_GRANTABLE');
  });
});

describe('the auditor (审计员)', () => {
  it('reads the audit log of its subtree and nothing it could change', async () => {
    const shenji = S('shenji');
    const log = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: shenji.cookie } });
    expect(log.statusCode).toBe(200);
    expect(json<{ items: unknown[] }>(log).items.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { cookie: shenji.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: shenji.headers, payload: { username: 'sneaky', displayName: 'x', password: 'Pabonka-hermitage-1' } })).statusCode).toBe(403);
    const me = json<{ permissions: string[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: shenji.cookie } }));
    expect(me.permissions).toEqual(['audit.read', 'audit.verify']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: shenji.cookie } })).json()).toMatchObject({ ok: true });
  });

  it('is granted by the street only, and never to an account manager or the other way round', async () => {
    const street = await unitIdOf(t.services, '纳金街道');
    const community = await unitIdOf(t.services, '林琼社区');
    const grant = (who: string, target: string, role: string, unitId: number) =>
      t.app.inject({ method: 'POST', url: `/api/v1/accounts/${id(target)}/grants`, headers: S(who).headers, payload: { role, unitId } });
    expect(code(await grant('linqiong', 'newcomer', 'auditor', community))).toBe('ROLE_NOT_GRANTABLE');
    expect(code(await grant('najin', 'communitypeer', 'auditor', street))).toBe('AUDITOR_SEPARATION');
    expect(code(await grant('najin', 'shenji', 'community_staff', community))).toBe('AUDITOR_SEPARATION');
    expect((await grant('najin', 'newcomer', 'auditor', community)).statusCode).toBe(201);
    expect(code(await grant('najin', 'newcomer', 'community_staff', community))).toBe('AUDITOR_SEPARATION');
    expect((await grant('najin', 'newcomer', 'resident', await unitIdOf(t.services, '天峰祥和苑'))).statusCode).toBe(201);
  });
});
