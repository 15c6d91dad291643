import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let basang: Session;
let linqiong: Session;

beforeAll(async () => {
  t = await startTestApp();
  basang = await signIn(t.app, 'basang');
  linqiong = await signIn(t.app, 'linqiong');
});
afterAll(async () => t.close());

interface Body {
  id: number;
  kind: string;
  members: { id: number; name: string; position: string }[];
}

describe('bodies of the four-party platform', () => {
  it('lets the branch secretary add and remove committee members, keeping one secretary', async () => {
    const tianfeng = await unitIdOf(t.services, '天峰祥和苑');
    const bodies = json<{ items: Body[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/bodies?unitId=${tianfeng}`, headers: { cookie: basang.cookie } })).items;
    const branch = bodies.find((b) => b.kind === 'party_branch');
    expect(bodies.map((b) => b.kind).sort()).toEqual(['owners_committee', 'party_branch', 'property']);
    const added = await t.app.inject({ method: 'POST', url: `/api/v1/org/bodies/${branch?.id}/members`, headers: basang.headers, payload: { name: '德吉', position: 'deputy_secretary' } });
    expect(added.statusCode).toBe(201);
    const member = json<Body>(added).members.find((m) => m.name === '德吉');
    expect(member?.position).toBe('deputy_secretary');
    const second = await t.app.inject({ method: 'POST', url: `/api/v1/org/bodies/${branch?.id}/members`, headers: basang.headers, payload: { name: '扎西', position: 'secretary' } });
    expect(second.statusCode).toBe(400);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/org/bodies/${branch?.id}/members/${member?.id}`, headers: basang.headers });
    expect(json<Body>(removed).members.some((m) => m.name === '德吉')).toBe(false);
  });

  it('founds an owners committee once per compound, with a term of at most five years', async () => {
    const community = await unitIdOf(t.services, '林琼社区');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/org/units', headers: linqiong.headers, payload: { parentId: community, name: '拉鲁小区', level: 'compound' } });
    const unitId = json<{ id: number }>(created).id;
    const long = await t.app.inject({ method: 'POST', url: '/api/v1/org/bodies', headers: linqiong.headers, payload: { unitId, kind: 'owners_committee', name: '拉鲁小区业主委员会', termStart: '2026-01-01', termEnd: '2032-01-01' } });
    expect(long.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/org/bodies', headers: linqiong.headers, payload: { unitId, kind: 'owners_committee', name: '拉鲁小区业主委员会', termStart: '2026-01-01', termEnd: '2031-01-01' } });
    expect(ok.statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/org/bodies', headers: linqiong.headers, payload: { unitId, kind: 'owners_committee', name: 'x' } });
    expect(dup.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/org/bodies', headers: basang.headers, payload: { unitId, kind: 'property', name: 'x' } })).statusCode).toBe(404);
  });
});
