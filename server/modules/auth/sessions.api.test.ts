import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

// Sessions end after 30 minutes without use and 12 hours after sign-in (the defaults), on the test clock.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const me = (s: Session) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
const minutes = (n: number) => t.clock.advance(n * 60_000);
const lastSeen = async (username: string) =>
  (await t.services.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('sessions.last_seen_at').where('users.username', '=', username).executeTakeFirstOrThrow()).last_seen_at;

describe('session lifetime', () => {
  it('keeps a session in use alive and ends it after 30 idle minutes with 401', async () => {
    const s = await signIn(t.app, 'basang');
    minutes(29);
    expect((await me(s)).statusCode).toBe(200);
    minutes(29);
    expect((await me(s)).statusCode).toBe(200);
    minutes(31);
    const ended = await me(s);
    expect(ended.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(ended).error.code).toBe('UNAUTHENTICATED');
  });

  it('ends even a busy session 12 hours after sign-in', async () => {
    const s = await signIn(t.app, 'suolang');
    for (let i = 0; i < 35; i++) {
      minutes(20);
      expect((await me(s)).statusCode).toBe(200);
    }
    minutes(20);
    expect((await me(s)).statusCode).toBe(401);
  });

  it('writes last-seen at most once a minute, not on every request', async () => {
    const s = await signIn(t.app, 'zhangheng');
    const first = await lastSeen('zhangheng');
    t.clock.advance(30_000);
    for (let i = 0; i < 5; i++) expect((await me(s)).statusCode).toBe(200);
    expect(await lastSeen('zhangheng')).toBe(first);
    t.clock.advance(31_000);
    expect((await me(s)).statusCode).toBe(200);
    expect(await lastSeen('zhangheng')).toBe(t.clock.now().toISOString());
  });

  it('follows XIAOQU_SESSION_IDLE_MINUTES and XIAOQU_SESSION_MAX_HOURS', async () => {
    const short = await startTestApp({ config: { sessionIdleMinutes: 5, sessionMaxHours: 1 } });
    try {
      const s = await signIn(short.app, 'gesang');
      const ask = () => short.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
      short.clock.advance(4 * 60_000);
      expect((await ask()).statusCode).toBe(200);
      short.clock.advance(6 * 60_000);
      expect((await ask()).statusCode).toBe(401);
      const busy = await signIn(short.app, 'gesang');
      const askBusy = () => short.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: busy.cookie } });
      for (let i = 0; i < 14; i++) {
        short.clock.advance(4 * 60_000);
        expect((await askBusy()).statusCode).toBe(200);
      }
      short.clock.advance(5 * 60_000);
      expect((await askBusy()).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});
