import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let gesang: Session;
let building: number;
beforeAll(async () => {
  t = await startTestApp();
  gesang = await signIn(t.app, 'gesang');
  building = await unitIdOf(t.services, '6号楼', '天峰祥和苑');
});
afterAll(async () => t.close());

const names = async () => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/residents?unitId=${building}&limit=200`, headers: { cookie: gesang.cookie } });
  return json<{ items: { name: string }[] }>(res).items.map((r) => r.name);
};

describe('read caches never serve stale data', () => {
  it('shows a resident right after it is written through the API', async () => {
    const before = await names();
    expect(await names()).toEqual(before);
    const hh = await t.services.db.selectFrom('households').select('id').where('building_id', '=', building).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/residents', headers: gesang.headers, payload: { householdId: hh.id, name: '缓存测试甲', gender: 'male' } });
    expect(res.statusCode).toBe(201);
    expect(await names()).toContain('缓存测试甲');
  });

  it('notices a write by another process on the same SQLite file', async () => {
    if (t.kind !== 'sqlite') return;
    await names();
    const other = new Database(t.databaseUrl.slice('sqlite:'.length));
    other.prepare("update residents set name = '缓存测试乙' where name = '缓存测试甲'").run();
    other.close();
    expect(await names()).toContain('缓存测试乙');
  });

  it('ends a session at once when its account is disabled', async () => {
    const suolang = await signIn(t.app, 'suolang');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: suolang.cookie } })).statusCode).toBe(200);
    await t.services.db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'suolang').execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: suolang.cookie } })).statusCode).toBe(401);
  });
});
