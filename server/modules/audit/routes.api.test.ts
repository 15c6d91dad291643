import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

interface Entry {
  action: string;
  actorName: string;
  subjectType: string;
  after: Record<string, unknown> | null;
}

describe('audit log', () => {
  it('lists writes within the caller’s subtree, newest first, with filters', async () => {
    const linqiong = await signIn(t.app, 'linqiong');
    const tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    await t.app.inject({ method: 'POST', url: '/api/v1/org/households', headers: linqiong.headers, payload: { buildingId: tf4, unitNo: 8, floor: 2, room: '8201', area: 90 } });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=household.create', headers: { cookie: linqiong.cookie } });
    expect(res.statusCode).toBe(200);
    const items = json<{ items: Entry[] }>(res).items;
    expect(items[0]).toMatchObject({ action: 'household.create', actorName: 'linqiong', subjectType: 'household', after: expect.objectContaining({ room: '8201' }) });
    const other = await signIn(t.app, 'najin');
    const street = json<{ items: Entry[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/audit?actor=linqiong', headers: { cookie: other.cookie } })).items;
    expect(street.some((e) => e.action === 'household.create')).toBe(true);
    expect(street.every((e) => e.actorName === 'linqiong')).toBe(true);
  });

  it('is closed to roles without audit rights and to other subtrees', async () => {
    const basang = await signIn(t.app, 'basang');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: basang.cookie } })).statusCode).toBe(403);
    const linqiong = await signIn(t.app, 'linqiong');
    const street = await unitIdOf(t.services, '纳金街道');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/audit?unitId=${street}`, headers: { cookie: linqiong.cookie } })).statusCode).toBe(404);
  });

  it('cannot be changed or deleted, even with SQL', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.services.db)).rejects.toThrow(/append-only/);
  });

  it('has no row for a write that failed', async () => {
    const linqiong = await signIn(t.app, 'linqiong');
    const tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    const before = (await t.services.db.selectFrom('audit_log').select('id').execute()).length;
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/org/households', headers: linqiong.headers, payload: { buildingId: tf4, unitNo: 8, floor: 2, room: '8201', area: 90 } });
    expect(dup.statusCode).toBe(409);
    expect((await t.services.db.selectFrom('audit_log').select('id').execute()).length).toBe(before);
  });
});
