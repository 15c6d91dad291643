import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let linqiong: Session;
let qrToken: string;
let sanitation: number;
let building4: number;

interface Made {
  id: number;
  token: string;
}

beforeAll(async () => {
  t = await startTestApp();
  linqiong = await signIn(t.app, 'linqiong');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  const tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  const links = json<{ items: { buildingId: number; token: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/qr-links?unitId=${tianfeng}`, headers: { cookie: linqiong.cookie } })).items;
  qrToken = links.find((l) => l.buildingId === building4)?.token ?? '';
  const categories = json<{ items: { id: number; code: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issue-categories', headers: { cookie: linqiong.cookie } })).items;
  sanitation = categories.find((c) => c.code === 'sanitation')?.id ?? 0;
});
afterAll(async () => t.close());

const report = (title: string) => ({ title, body: `${title}，请尽快处理`, categoryId: sanitation, nature: 'help', placeKind: 'building', showName: false });
const fromQrPage = (payload: object, key: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/buildings/${qrToken}/issues`, headers: { 'idempotency-key': key }, payload });

describe('Idempotency-Key without a session', () => {
  it('replays the answer to the very same request from the QR page', async () => {
    const body = report('楼道灯坏了');
    const sent = await fromQrPage(body, 'qr-retry-1');
    const retry = await fromQrPage(body, 'qr-retry-1');
    expect(sent.statusCode, sent.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(json<Made>(retry)).toEqual(json<Made>(sent));
  });

  it('keeps two residents apart who send the same key from the same building with different reports', async () => {
    const first = await fromQrPage(report('垃圾桶满了'), 'fixed-key-of-an-old-app');
    const second = await fromQrPage(report('单元门关不上'), 'fixed-key-of-an-old-app');
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(json<Made>(second).id).not.toBe(json<Made>(first).id);
    // The second resident is not handed the first one's follow-up token.
    expect(json<Made>(second).token).not.toBe(json<Made>(first).token);
    const titles = await t.services.db.selectFrom('issues').select('title').where('id', 'in', [json<Made>(first).id, json<Made>(second).id]).orderBy('id').execute();
    expect(titles.map((r) => r.title)).toEqual(['垃圾桶满了', '单元门关不上']);
  });

  it('never replays a signed-in user\'s answer to a caller without a session', async () => {
    const payload = { buildingId: building4, unitNo: 9, floor: 2, room: '9201', area: 90 };
    const headers = { ...linqiong.headers, 'idempotency-key': 'shared-key-1' };
    const staff = await t.app.inject({ method: 'POST', url: '/api/v1/org/households', headers, payload });
    expect(staff.statusCode, staff.body).toBe(201);
    const stranger = await t.app.inject({ method: 'POST', url: '/api/v1/org/households', headers: { 'idempotency-key': 'shared-key-1' }, payload });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.headers['idempotent-replayed']).toBeUndefined();
  });
});
