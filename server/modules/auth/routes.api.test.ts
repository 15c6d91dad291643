import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(json(res)).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'basang' } });
    expect(res.statusCode).toBe(400);
    const body = json<{ error: { code: string; details: { issues: { path: string }[] } } }>(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues[0]?.path).toBe('password');
  });

  it('signs in, sets an HttpOnly session cookie and a readable CSRF cookie, and returns roles', async () => {
    const res = await login('basang', 'xiaoqu-demo');
    expect(res.statusCode).toBe(200);
    const cookies = res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[];
    expect(cookies.find((c) => c.name === 'xq_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'xq_csrf')?.httpOnly).toBeFalsy();
    const me = json<{ username: string; roles: { role: string; unitName: string }[]; permissions: string[] }>(res);
    expect(me.username).toBe('basang');
    expect(me.roles).toEqual([expect.objectContaining({ role: 'branch_secretary', unitName: '天峰祥和苑' })]);
    expect(me.permissions).toContain('party.write');
    expect(me.permissions).not.toContain('people.reveal');
  });

  it('issues a new session token at every sign-in', async () => {
    const a = await signIn(t.app, 'linqiong');
    const b = await signIn(t.app, 'linqiong');
    expect(a.cookie).not.toBe(b.cookie);
    for (const s of [a, b]) expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', 'whatever-123');
    const wrong = await login('gesang', 'wrong-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(json(unknown)).toEqual(json(wrong));
  });

  it('locks a name after five failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 5; i++) expect((await login('zhangheng', 'nope-nope')).statusCode).toBe(401);
    const locked = await login('zhangheng', 'xiaoqu-demo');
    expect(locked.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(locked).error.code).toBe('LOGIN_LOCKED');
    t.clock.advance(16 * 60_000);
    expect((await login('zhangheng', 'xiaoqu-demo')).statusCode).toBe(200);
  });

  it('locks a client address that tries many names, without locking those names elsewhere', async () => {
    const from = (remoteAddress: string, username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });
    for (let i = 0; i < 30; i++) expect((await from('10.9.9.9', `spray-${i}`, 'Password123')).statusCode).toBe(401);
    const locked = await from('10.9.9.9', 'najin', 'xiaoqu-demo');
    expect(locked.statusCode).toBe(429);
    expect((await from('10.1.1.1', 'najin', 'xiaoqu-demo')).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const s = await signIn(t.app, 'luosang');
    const without = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: s.cookie }, payload: { language: 'bo' } });
    expect(without.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(without).error.code).toBe('CSRF_TOKEN_INVALID');
    const withToken = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { language: 'bo' } });
    expect(withToken.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(json<{ language: string }>(me).language).toBe('bo');
  });

  it('rejects a language outside the three catalogs', async () => {
    const s = await signIn(t.app, 'luosang');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { language: 'fr' } });
    expect(res.statusCode).toBe(400);
  });

  it('ends the session at logout', async () => {
    const s = await signIn(t.app, 'suolang');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('checks exactly five of 120 parallel wrong passwords for one name, then refuses even the right one', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: `10.20.${i >> 8}.${i & 255}`, payload: { username: 'yeweihui', password: `wrong-${i}` } }),
      ),
    );
    const codes = attempts.map((r) => json<{ error: { code: string } }>(r).error.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOGIN_LOCKED')).toHaveLength(115);
    const row = await t.services.db.selectFrom('login_attempts').select(['failures', 'locked_until']).where('key', '=', 'yeweihui').executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
    expect(row.locked_until).not.toBeNull();
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.21.0.1', payload: { username: 'yeweihui', password: 'xiaoqu-demo' } });
    expect(right.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(right).error.code).toBe('LOGIN_LOCKED');
    const locks = await t.services.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.locked').where('actor_name', '=', 'yeweihui').execute();
    expect(locks).toHaveLength(1);
  });

  it('checks exactly thirty of 120 parallel guesses from one address across many names', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 120 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.30.0.1', payload: { username: `spray-par-${i}`, password: 'Password123' } })),
    );
    const codes = attempts.map((r) => json<{ error: { code: string } }>(r).error.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(30);
    expect(codes.filter((c) => c === 'LOGIN_LOCKED')).toHaveLength(90);
  });

  it('starts counting a name again once the window has passed', async () => {
    for (let i = 0; i < 4; i++) expect((await login('xiangxue', 'nope-nope')).statusCode).toBe(401);
    t.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) expect((await login('xiangxue', 'nope-nope')).statusCode).toBe(401);
    expect((await login('xiangxue', 'xiaoqu-demo')).statusCode).toBe(200);
  });

  it('does not count successful sign-ins against the address', async () => {
    for (let i = 0; i < 35; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.40.0.1', payload: { username: 'gesang', password: 'xiaoqu-demo' } });
      expect(res.statusCode).toBe(200);
    }
  });

  it('records sign-ins in the audit log', async () => {
    const rows = await t.services.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'auth.login').execute();
    expect(rows.some((r) => r.actor_name === 'basang')).toBe(true);
  });
});
