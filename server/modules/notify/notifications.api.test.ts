import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';
import { notifyUsers } from './index.ts';

let t: TestApp;
let luosang: Session;
let suolang: Session;
const users: Record<string, number> = {};

interface Notification {
  id: number;
  kind: string;
  issueId: number | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Notification[];
  nextCursor: string | null;
}

const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: who.cookie } });
const post = (who: Session, url: string) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers });
const unread = async (who: Session) => json<{ count: number }>(await get(who, '/notifications/unread-count')).count;

beforeAll(async () => {
  t = await startTestApp();
  luosang = await signIn(t.app, 'luosang');
  suolang = await signIn(t.app, 'suolang');
  for (const row of await t.services.db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['luosang', 'suolang', 'basang']).execute()) users[row.username] = row.id;
});
afterAll(async () => t.close());

describe('notifications', () => {
  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).statusCode).toBe(401);
  });

  it('lists what notifyUsers wrote for a user, newest first, and counts it for that user only', async () => {
    const before = { luosang: await unread(luosang), suolang: await unread(suolang) };
    const at = t.clock.now().toISOString();
    await t.services.db.transaction().execute(async (tx) => {
      // The same person named twice (reporter and building leader, say) is told once.
      await notifyUsers(tx, { userIds: [users.luosang, users.luosang], kind: 'issue.resolved', issueId: null, title: '您反映的问题已办结', body: '楼道灯已修好', link: '/issues/1', at });
      await notifyUsers(tx, { userIds: [], kind: 'issue.reported', title: 'nobody', body: 'nobody', at });
    });
    t.clock.advance(1000);
    await t.services.db.transaction().execute((tx) =>
      notifyUsers(tx, { userIds: [users.luosang, users.suolang], kind: 'issue.assigned', title: '新的问题', body: '4号楼 2单元 漏水', at: t.clock.now().toISOString() }),
    );

    // The demo may hold notifications of its own for these people: theirs are older (lower ids).
    const page = json<Page>(await get(luosang, '/notifications'));
    expect(page.items.slice(0, 2).map((n) => n.title)).toEqual(['新的问题', '您反映的问题已办结']);
    expect(page.items.slice(2).map((n) => n.title)).not.toContain('新的问题');
    expect(page.items[1]).toMatchObject({ kind: 'issue.resolved', body: '楼道灯已修好', link: '/issues/1', readAt: null, createdAt: at });
    expect(page.items[0].link).toBeNull();
    expect(await unread(luosang)).toBe(before.luosang + 2);
    expect(await unread(suolang)).toBe(before.suolang + 1);
    const theirs = json<Page>(await get(suolang, '/notifications')).items.map((n) => n.title);
    expect(theirs[0]).toBe('新的问题');
    expect(theirs).not.toContain('您反映的问题已办结');
  });

  it('pages by id with a cursor', async () => {
    const at = t.clock.now().toISOString();
    await t.services.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= 5; i++) await notifyUsers(tx, { userIds: [users.basang], kind: 'issue.reported', title: `第${i}条`, body: '', at });
    });
    const basang = await signIn(t.app, 'basang');
    const first = json<Page>(await get(basang, '/notifications?limit=3'));
    expect(first.items.map((n) => n.title)).toEqual(['第5条', '第4条', '第3条']);
    expect(first.nextCursor).not.toBeNull();
    const second = json<Page>(await get(basang, `/notifications?limit=3&cursor=${first.nextCursor}`));
    expect(second.items.slice(0, 2).map((n) => n.title)).toEqual(['第2条', '第1条']);
    expect(Math.max(...second.items.map((n) => Number(n.id)))).toBeLessThan(Math.min(...first.items.map((n) => Number(n.id))));
    expect((await get(basang, `/notifications?cursor=${Buffer.from('not-a-number').toString('base64url')}`)).statusCode).toBe(400);
    expect((await get(basang, '/notifications?unread=yes')).statusCode).toBe(400);
  });

  it('marks one read, filters unread, then marks all read', async () => {
    const [newest, older] = json<Page>(await get(luosang, '/notifications')).items;
    const read = await post(luosang, `/notifications/${older.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(json<Notification>(read).readAt).toBe(t.clock.now().toISOString());
    // Again is harmless and keeps the first time.
    t.clock.advance(1000);
    expect(json<Notification>(await post(luosang, `/notifications/${older.id}/read`)).readAt).toBe(json<Notification>(read).readAt);
    const unreadOnly = json<Page>(await get(luosang, '/notifications?unread=1')).items;
    expect(unreadOnly.map((n) => n.id)).toContain(newest.id);
    expect(unreadOnly.map((n) => n.id)).not.toContain(older.id);

    const before = await unread(luosang);
    const all = await post(luosang, '/notifications/read-all');
    expect(json<{ marked: number }>(all).marked).toBe(before);
    expect(await unread(luosang)).toBe(0);
    expect(json<Page>(await get(luosang, '/notifications?unread=1')).items).toEqual([]);
    // Someone else's inbox is untouched.
    expect(await unread(suolang)).toBeGreaterThan(0);
  });

  it('hides someone else’s notification (404) and refuses a missing one', async () => {
    const theirs = json<Page>(await get(suolang, '/notifications')).items[0];
    const res = await post(luosang, `/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(res).error.code).toBe('NOT_FOUND');
    expect(json<Page>(await get(suolang, '/notifications')).items[0].readAt).toBeNull();
    expect((await post(luosang, '/notifications/999999/read')).statusCode).toBe(404);
    expect((await post(luosang, '/notifications/abc/read')).statusCode).toBe(400);
  });

  it('refuses a write without the page token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: suolang.cookie } });
    expect(res.statusCode).toBe(403);
  });
});
