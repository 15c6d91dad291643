import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let linqiong: Session;
let najin: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  linqiong = await signIn(t.app, 'linqiong');
  najin = await signIn(t.app, 'najin');
  ids.street = await unitIdOf(t.services, '纳金街道');
  ids.tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  ids.tf3 = await unitIdOf(t.services, '3号楼', '天峰祥和苑');
});
afterAll(async () => t.close());

interface Account {
  id: number;
  username: string;
  disabled: boolean;
  roles: { id: number; role: string; unitId: number }[];
}
const send = (who: Session, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

describe('accounts and role grants', () => {
  it('creates an account, grants a building leader role, and the new account sees its building', async () => {
    const created = await send(linqiong, 'POST', '/api/v1/accounts', { username: 'Pubu', displayName: '普布', password: 'Drepung-hill-2026' });
    expect(created.statusCode).toBe(201);
    const acc = json<Account>(created);
    expect(acc.username).toBe('pubu');
    const granted = await send(linqiong, 'POST', `/api/v1/accounts/${acc.id}/grants`, { role: 'building_leader', unitId: ids.tf3 });
    expect(granted.statusCode).toBe(201);
    expect(json<Account>(granted).roles).toEqual([expect.objectContaining({ role: 'building_leader', unitId: ids.tf3 })]);
    const first = await signIn(t.app, 'PUBU', 'Drepung-hill-2026');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: first.headers, payload: { currentPassword: 'Drepung-hill-2026', newPassword: 'Sera-debate-2026' } })).statusCode).toBe(200);
    const pubu = await signIn(t.app, 'pubu', 'Sera-debate-2026');
    const tree = json<{ roots: { name: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/org/tree', headers: { cookie: pubu.cookie } }));
    expect(tree.roots.map((r) => r.name)).toEqual(['3号楼']);
    const list = json<{ items: Account[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=pubu', headers: { cookie: linqiong.cookie } }));
    expect(list.items.map((a) => a.username)).toEqual(['pubu']);
  });

  it('refuses a duplicate username and a short password', async () => {
    expect((await send(linqiong, 'POST', '/api/v1/accounts', { username: 'basang', displayName: 'x', password: 'Drepung-hill-2026' })).statusCode).toBe(409);
    const short = await send(linqiong, 'POST', '/api/v1/accounts', { username: 'shorty', displayName: 'x', password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(short).error.code).toBe('PASSWORD_TOO_SHORT');
  });

  it('lets only the street hand out street and community roles', async () => {
    const acc = json<Account>(await send(linqiong, 'POST', '/api/v1/accounts', { username: 'dawa', displayName: '达瓦', password: 'Drepung-hill-2026' }));
    const denied = await send(linqiong, 'POST', `/api/v1/accounts/${acc.id}/grants`, { role: 'community_staff', unitId: ids.tianfeng });
    expect(denied.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(denied).error.code).toBe('ROLE_NOT_GRANTABLE');
    expect((await send(linqiong, 'POST', `/api/v1/accounts/${acc.id}/grants`, { role: 'street_admin', unitId: ids.street })).statusCode).toBe(404);
    expect((await send(najin, 'POST', `/api/v1/accounts/${acc.id}/grants`, { role: 'community_staff', unitId: ids.tianfeng })).statusCode).toBe(201);
  });

  it('hides accounts outside the manager’s subtree and refuses non-managers', async () => {
    const xiangxue = await t.services.db.selectFrom('users').select('id').where('username', '=', 'xiangxue').executeTakeFirstOrThrow();
    const basang = await signIn(t.app, 'basang');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { cookie: basang.cookie } })).statusCode).toBe(403);
    expect((await send(basang, 'PATCH', `/api/v1/accounts/${xiangxue.id}`, { disabled: true })).statusCode).toBe(403);
    const list = json<{ items: Account[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/accounts?limit=200', headers: { cookie: linqiong.cookie } }));
    expect(list.items.map((a) => a.username)).not.toContain('najin');
  });

  it('disabling an account ends its sessions, and revoking a role takes the subtree away', async () => {
    const gesangId = (await t.services.db.selectFrom('users').select('id').where('username', '=', 'suolang').executeTakeFirstOrThrow()).id;
    const suolang = await signIn(t.app, 'suolang');
    const off = await send(linqiong, 'PATCH', `/api/v1/accounts/${gesangId}`, { disabled: true });
    expect(json<Account>(off).disabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: suolang.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'suolang', password: 'xiaoqu-demo' } })).statusCode).toBe(401);
    const on = json<Account>(await send(linqiong, 'PATCH', `/api/v1/accounts/${gesangId}`, { disabled: false }));
    const grant = on.roles[0];
    const revoked = await send(linqiong, 'DELETE', `/api/v1/accounts/${gesangId}/grants/${grant?.id}`);
    expect(json<Account>(revoked).roles).toEqual([]);
    const again = await signIn(t.app, 'suolang');
    const tree = json<{ roots: unknown[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/org/tree', headers: { cookie: again.cookie } }));
    expect(tree.roots).toEqual([]);
  });

  it('does not let a manager change their own account', async () => {
    const me = json<{ id: number }>(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: linqiong.cookie } }));
    expect((await send(linqiong, 'PATCH', `/api/v1/accounts/${me.id}`, { disabled: true })).statusCode).toBe(403);
  });
});
