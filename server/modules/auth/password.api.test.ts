import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

// A password chosen by someone else (a manager's create or reset) must be changed before anything else, and
// every new password passes the password policy.

let t: TestApp;
let linqiong: Session;
beforeAll(async () => {
  t = await startTestApp();
  linqiong = await signIn(t.app, 'linqiong');
});
afterAll(async () => t.close());

const code = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;
const change = (s: Session, currentPassword: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s.headers, payload: { currentPassword, newPassword } });

describe('password policy and forced change', () => {
  it('refuses weak passwords at create, reset and self-change with their own codes', async () => {
    const create = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: linqiong.headers, payload: { username: 'norbu', displayName: '罗布', password } });
    expect(code(await create('Short-1'))).toBe('PASSWORD_TOO_SHORT');
    expect(code(await create('onlylettershere'))).toBe('PASSWORD_TOO_SIMPLE');
    expect(code(await create('norbu-at-home-1'))).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(code(await create('woaini1314'))).toBe('PASSWORD_TOO_COMMON');
    expect((await create('qwer1234')).statusCode).toBe(422);
    const made = await create('Kyichu-river-7');
    expect(made.statusCode).toBe(201);
    const id = json<{ id: number }>(made).id;
    const reset = (password: string) => t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id}`, headers: linqiong.headers, payload: { password } });
    expect(code(await reset('a123456789'))).toBe('PASSWORD_TOO_COMMON');
    expect((await reset('Kyichu-river-8')).statusCode).toBe(200);
    const norbu = await signIn(t.app, 'norbu', 'Kyichu-river-8');
    expect(code(await change(norbu, 'Kyichu-river-8', 'zhangwei1990'))).toBe('PASSWORD_TOO_COMMON');
    expect(code(await change(norbu, 'Kyichu-river-8', 'Kyichu-river-8'))).toBe('PASSWORD_UNCHANGED');
  });

  it('keeps an account with a password set by a manager to /me, logout and changing it', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: linqiong.headers, payload: { username: 'pema', displayName: '白玛', password: 'Barkhor-street-3' } });
    const id = json<{ id: number; mustChangePassword: boolean }>(made);
    expect(id.mustChangePassword).toBe(true);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'pema', password: 'Barkhor-street-3' } });
    expect(json<{ mustChangePassword: boolean }>(login).mustChangePassword).toBe(true);
    const pema = await signIn(t.app, 'pema', 'Barkhor-street-3');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: pema.cookie } });
    expect(json<{ mustChangePassword: boolean }>(me).mustChangePassword).toBe(true);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: pema.headers, payload: { language: 'bo' } })).statusCode).toBe(200);
    for (const url of ['/api/v1/org/tree', '/api/v1/issues?view=mine', '/api/v1/notifications']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: pema.cookie } });
      expect(res.statusCode).toBe(403);
      expect(code(res)).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect(code(await change(pema, 'not-the-password', 'Jokhang-morning-9'))).toBe('INVALID_CREDENTIALS');
    const other = await signIn(t.app, 'pema', 'Barkhor-street-3');
    const changed = await change(pema, 'Barkhor-street-3', 'Jokhang-morning-9');
    expect(changed.statusCode).toBe(200);
    expect(json<{ mustChangePassword: boolean }>(changed).mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/tree', headers: { cookie: pema.cookie } })).statusCode).toBe(200);
    // The account's other sessions end with the change; the old password no longer signs in.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'pema', password: 'Barkhor-street-3' } })).statusCode).toBe(401);
    const audit = await t.services.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'auth.password_change').execute();
    expect(audit.map((a) => a.actor_name)).toEqual(['pema']);
    // A manager's reset asks for a change again.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id.id}`, headers: linqiong.headers, payload: { password: 'Ramoche-temple-4' } })).statusCode).toBe(200);
    const again = await signIn(t.app, 'pema', 'Ramoche-temple-4');
    expect(code(await t.app.inject({ method: 'GET', url: '/api/v1/org/tree', headers: { cookie: again.cookie } }))).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('lets a demo account keep its password and change it itself, counting wrong current passwords in the lockout', async () => {
    const s = await signIn(t.app, 'xiangxue');
    for (let i = 0; i < 5; i++) expect(code(await change(s, `wrong-${i}`, 'Norbulingka-park-5'))).toBe('INVALID_CREDENTIALS');
    expect(code(await change(s, 'xiaoqu-demo', 'Norbulingka-park-5'))).toBe('LOGIN_LOCKED');
    t.clock.advance(16 * 60_000);
    const fresh = await signIn(t.app, 'xiangxue');
    expect((await change(fresh, 'xiaoqu-demo', 'Norbulingka-park-5')).statusCode).toBe(200);
    expect((await signIn(t.app, 'xiangxue', 'Norbulingka-park-5')).cookie).toContain('xq_session=');
  });
});
