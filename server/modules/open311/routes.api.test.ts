import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../core/crypto.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const s: Record<string, Session> = {};
let community: number;
let tianfeng: number;
let building4: number;
let xiangxueBuilding: number;
let xiangxueCompound: number;
/** Keys by the area they were issued for. */
const keys: Record<string, string> = {};

interface Posted {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: null;
}
interface Request {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  service_name: string;
  agency_responsible: string | null;
  expected_datetime: string | null;
  address: string;
  address_id: string;
}

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}

const V2 = '/open311/v2';
const form = (fields: Record<string, string | number>) => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
const postForm = (fields: Record<string, string | number>, format = 'json', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `${V2}/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: form(fields) });
const get = (path: string) => t.app.inject({ method: 'GET', url: `${V2}/${path}` });
const issueRow = (id: string) => t.services.db.selectFrom('issues').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
const makeKey = (who: string, name: string, unitId: number) => t.app.inject({ method: 'POST', url: '/api/v1/open311/keys', headers: S(who).headers, payload: { name, unitId } });
const lamp = (key: string) => ({ api_key: key, service_code: 'lighting', description: '4号楼门口路灯不亮，晚上很黑', address_id: building4 });

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['linqiong', 'gesang', 'basang', 'xiangxue', 'suolang']) s[u] = await signIn(t.app, u);
  community = await unitIdOf(t.services, '林琼社区');
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  xiangxueCompound = await unitIdOf(t.services, '香雪佳园');
  xiangxueBuilding = await unitIdOf(t.services, '1号楼', '香雪佳园');
});
afterAll(async () => t.close());

describe('API keys', () => {
  it('are issued by community or street staff, shown once and stored hashed', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/open311/keys', payload: { name: 'x', unitId: community } })).statusCode).toBe(401);
    expect((await makeKey('basang', '城市服务App', community)).statusCode).toBe(404);
    expect((await makeKey('basang', '城市服务App', tianfeng)).statusCode).toBe(403);
    expect((await makeKey('gesang', '城市服务App', community)).statusCode).toBe(403);
    expect((await makeKey('linqiong', '', community)).statusCode).toBe(400);

    const res = await makeKey('linqiong', '城市服务App', community);
    expect(res.statusCode, res.body).toBe(201);
    const made = json<{ id: number; key: string; prefix: string; unitName: string; actions: string[] }>(res);
    expect(made).toMatchObject({ unitName: '林琼社区', actions: ['revoke'] });
    expect(made.key.startsWith(made.prefix)).toBe(true);
    keys.community = made.key;
    const stored = await t.services.db.selectFrom('api_keys').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(sha256(made.key));
    expect(JSON.stringify(stored)).not.toContain(made.key);

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/open311/keys?unitId=${community}`, headers: { cookie: S('linqiong').cookie } });
    expect(list.body).not.toContain(made.key);
    expect(json<{ items: { id: number }[] }>(list).items.map((k) => k.id)).toEqual([made.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/open311/keys?unitId=${community}`, headers: { cookie: S('xiangxue').cookie } })).statusCode).toBe(404);

    keys.tianfeng = json<{ key: string }>(await makeKey('linqiong', '天峰祥和苑物业系统', tianfeng)).key;
    keys.xiangxue = json<{ key: string }>(await makeKey('linqiong', '香雪佳园物业系统', xiangxueCompound)).key;
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'open311.key.create').execute();
    expect(audit).toHaveLength(3);
  });
});

describe('services', () => {
  it('lists one service per active leaf category, in JSON and XML', async () => {
    const res = await get('services.json');
    expect(res.statusCode).toBe(200);
    const services = json<{ service_code: string; service_name: string; group: string; metadata: boolean; type: string }[]>(res);
    expect(services.find((x) => x.service_code === 'lighting')).toMatchObject({ service_name: '路灯照明', group: '路灯照明', metadata: true, type: 'realtime' });
    expect(services.find((x) => x.service_code === 'repair.elevator')?.group).toBe('设施维修');
    expect(services.map((x) => x.service_code)).not.toContain('repair');

    const xml = await get('services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service>')).toBe(true);
    expect(xml.body).toContain('<service><service_code>repair.elevator</service_code><service_name>电梯</service_name>');
  });

  it('defines each service with its nature and place attributes', async () => {
    const def = json<{ service_code: string; attributes: { code: string; values: { key: string; name: string }[] }[] }>(await get('services/repair.elevator.json'));
    expect(def.service_code).toBe('repair.elevator');
    expect(def.attributes.map((a) => a.code)).toEqual(['nature', 'place_kind']);
    expect(def.attributes[0]?.values.map((v) => v.name)).toEqual(['咨询', '求助', '投诉', '举报', '建议']);
    const xml = await get('services/lighting.xml');
    expect(xml.body).toContain('<service_definition><service_code>lighting</service_code><attributes><attribute><variable>true</variable><code>nature</code>');
    const missing = await get('services/repair.xml');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<errors><error><code>404</code>');
  });

  it('tells in discovery that requests need an api_key', async () => {
    const d = json<{ key_service: string; endpoints: { url: string; formats: string[] }[] }>(await get('discovery.json'));
    expect(d.key_service).toContain('api_key');
    expect(d.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
    expect((await get('discovery.xml')).body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
  });
});

describe('posting a service request', () => {
  let posted: Posted;

  it('creates a routed issue from a form-encoded request', async () => {
    const res = await postForm({ ...lamp(keys.community ?? ''), first_name: '芳', last_name: '王', phone: '13800001111', email: 'wang@example.com', 'attribute[nature]': '投诉' });
    expect(res.statusCode, res.body).toBe(201);
    const [first, ...more] = json<Posted[]>(res);
    expect(more).toHaveLength(0);
    if (!first) throw new Error('no answer');
    posted = first;
    expect(posted).toMatchObject({ account_id: null, service_notice: '小事不出楼栋：已派至索朗曲珍办理' });
    const issue = await issueRow(posted.service_request_id);
    expect(issue).toMatchObject({ source: 'open311', status: 'assigned', level: 'building', assignee_name: '索朗曲珍', unit_id: building4, nature: 'complaint', place_kind: 'building', reporter_user_id: null, reporter_name: '王芳', show_name: 0, public_token: posted.token });
    expect(issue.reporter_phone_masked).toBe('138****1111');
    const audit = await t.services.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'issue.report').where('subject_id', '=', posted.service_request_id).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('Open311 · 城市服务App');
  });

  it('takes JSON with an address in words and answers in XML', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${V2}/requests.xml`,
      payload: { api_key: keys.tianfeng, service_code: 'repair.elevator', description: '电梯按钮失灵', address_string: '天峰祥和苑2号楼', attribute: { nature: 'consult' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = /<service_request_id>(\d+)<\/service_request_id>/.exec(res.body)?.[1] ?? '';
    const issue = await issueRow(id);
    expect(issue).toMatchObject({ source: 'open311', level: 'compound', nature: 'consult', unit_id: await unitIdOf(t.services, '2号楼', '天峰祥和苑') });
  });

  it('answers 403 without a key, with an unknown key and with a revoked key, before reading the fields', async () => {
    const none = await postForm({ service_code: 'lighting', description: 'x', address_id: building4 });
    expect(none.statusCode).toBe(403);
    expect(json<{ code: number; description: string }[]>(none)).toEqual([{ code: 403, description: 'api_key is missing, unknown or revoked' }]);
    expect((await postForm({ description: 'no service code' })).statusCode).toBe(403);
    expect((await postForm(lamp('xq311_not-a-real-key-at-all'))).statusCode).toBe(403);
    const xml = await postForm({ service_code: 'lighting' }, 'xml');
    expect(xml.body).toContain('<errors><error><code>403</code>');

    const made = json<{ id: number; key: string }>(await makeKey('linqiong', '试用', community));
    expect((await postForm(lamp(made.key))).statusCode).toBe(201);
    const revoke = () => t.app.inject({ method: 'POST', url: `/api/v1/open311/keys/${made.id}/revoke`, headers: S('linqiong').headers });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/open311/keys/${made.id}/revoke`, headers: S('xiangxue').headers })).statusCode).toBe(404);
    const revoked = await revoke();
    expect(json<{ revokedAt: string | null; actions: string[] }>(revoked)).toMatchObject({ revokedAt: expect.any(String), actions: [] });
    expect((await revoke()).statusCode).toBe(409);
    expect((await postForm(lamp(made.key))).statusCode).toBe(403);
    expect((await get(`requests.json?api_key=${made.key}`)).statusCode).toBe(403);
  });

  it('refuses places outside the key\'s area (404), other levels and unknown services (400)', async () => {
    const outside = await postForm({ ...lamp(keys.tianfeng ?? ''), address_id: xiangxueBuilding });
    expect(outside.statusCode).toBe(404);
    expect(json<{ code: number }[]>(outside)[0]?.code).toBe(404);
    expect((await postForm({ ...lamp(keys.tianfeng ?? ''), address_id: 999_999 })).statusCode).toBe(404);
    expect((await postForm({ ...lamp(keys.community ?? ''), address_id: community })).statusCode).toBe(400);
    expect((await postForm({ ...lamp(keys.tianfeng ?? ''), address_id: '', address_string: '香雪佳园1号楼' })).statusCode).toBe(400);
    expect((await postForm({ ...lamp(keys.community ?? ''), service_code: 'repair' })).statusCode).toBe(400);
    expect((await postForm({ ...lamp(keys.community ?? ''), 'attribute[nature]': 'praise' })).statusCode).toBe(400);
    const noPlace = await postForm({ api_key: keys.community ?? '', service_code: 'lighting', description: '路灯', lat: 29.65, long: 91.13 });
    expect(noPlace.statusCode).toBe(400);
    expect(json<{ description: string }[]>(noPlace)[0]?.description).toContain('lat/long');
  });

  it('writes once when a client retries with the same Idempotency-Key', async () => {
    const first = await postForm(lamp(keys.community ?? ''), 'json', { 'idempotency-key': 'open311-retry-1' });
    const again = await postForm(lamp(keys.community ?? ''), 'json', { 'idempotency-key': 'open311-retry-1' });
    expect(json<Posted[]>(again)[0]?.service_request_id).toBe(json<Posted[]>(first)[0]?.service_request_id);
  });

  it('replays an XML answer as XML', async () => {
    const first = await postForm(lamp(keys.community ?? ''), 'xml', { 'idempotency-key': 'open311-retry-xml' });
    const again = await postForm(lamp(keys.community ?? ''), 'xml', { 'idempotency-key': 'open311-retry-xml' });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(String(again.headers['content-type'])).toContain('xml');
    expect(again.body).toBe(first.body);
  });

  it('keeps each client\'s Idempotency-Keys its own: two keys sending the same one each get their own request', async () => {
    const send = (key: string) => postForm(lamp(key), 'json', { 'idempotency-key': 'same-key-two-clients' });
    const city = await send(keys.community ?? '');
    const property = await send(keys.tianfeng ?? '');
    expect(city.statusCode, city.body).toBe(201);
    expect(property.statusCode, property.body).toBe(201);
    expect(property.headers['idempotent-replayed']).toBeUndefined();
    const cityId = json<Posted[]>(city)[0]?.service_request_id ?? '';
    const propertyId = json<Posted[]>(property)[0]?.service_request_id ?? '';
    expect(propertyId).not.toBe(cityId);
    const reporters = await t.services.db.selectFrom('audit_log').select(['subject_id', 'actor_name']).where('action', '=', 'issue.report').where('subject_id', 'in', [cityId, propertyId]).orderBy('id').execute();
    expect(reporters).toEqual([
      { subject_id: cityId, actor_name: 'Open311 · 城市服务App' },
      { subject_id: propertyId, actor_name: 'Open311 · 天峰祥和苑物业系统' },
    ]);
    // Each client's retry still gets its own first answer.
    const propertyRetry = await send(keys.tianfeng ?? '');
    expect(propertyRetry.headers['idempotent-replayed']).toBe('true');
    expect(json<Posted[]>(propertyRetry)[0]?.service_request_id).toBe(propertyId);
    expect(json<Posted[]>(await send(keys.community ?? ''))[0]?.service_request_id).toBe(cityId);
  });

  it('is followed by id, by token and in the list, within the key\'s area only', async () => {
    const byId = await get(`requests/${posted.service_request_id}.json?api_key=${keys.community}`);
    expect(byId.statusCode, byId.body).toBe(200);
    const [request] = json<Request[]>(byId);
    const issue = await issueRow(posted.service_request_id);
    expect(request).toMatchObject({ service_request_id: posted.service_request_id, status: 'open', service_code: 'lighting', service_name: '路灯照明', agency_responsible: '索朗曲珍', address: '天峰祥和苑4号楼', address_id: String(building4), expected_datetime: issue.due_at });
    expect(JSON.stringify(request)).not.toContain('13800001111');
    expect(JSON.stringify(request)).not.toContain(posted.token);
    expect((await get(`requests/${posted.service_request_id}.json`)).statusCode).toBe(403);
    expect((await get(`requests/${posted.service_request_id}.json?api_key=${keys.xiangxue}`)).statusCode).toBe(404);
    expect((await get(`requests/${posted.service_request_id}.xml?api_key=${keys.tianfeng}`)).body).toContain(`<service_requests><request><service_request_id>${posted.service_request_id}</service_request_id><status>open</status>`);

    const byToken = await get(`tokens/${posted.token}.json?api_key=${keys.community}`);
    expect(json(byToken)).toEqual([{ service_request_id: posted.service_request_id, token: posted.token }]);
    expect((await get(`tokens/${posted.token}.json?api_key=${keys.xiangxue}`)).statusCode).toBe(404);

    const open = json<Request[]>(await get(`requests.json?api_key=${keys.community}&status=open&service_code=lighting`));
    expect(open.map((r) => r.service_request_id)).toContain(posted.service_request_id);
    expect(open.every((r) => r.service_code === 'lighting')).toBe(true);
    const ids = open.map((r) => Number(r.service_request_id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(json<Request[]>(await get(`requests.json?api_key=${keys.xiangxue}`))).toEqual([]);
    expect((await get(`requests.json?api_key=${keys.community}&start_date=soon`)).statusCode).toBe(400);
  });

  it('turns closed with the reply as its status note once the handler resolves it', async () => {
    const issue = await issueRow(posted.service_request_id);
    const act = (action: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/issues/${issue.id}/actions/${action}`, headers: S('suolang').headers, payload });
    const accepted = json<{ version: number }>(await act('accept', { version: issue.version }));
    expect((await act('resolve', { version: accepted.version, comment: '已更换路灯灯泡' })).statusCode).toBe(200);
    const [request] = json<Request[]>(await get(`requests.json?api_key=${keys.community}&service_request_id=${posted.service_request_id}`));
    expect(request).toMatchObject({ status: 'closed', status_notes: '已更换路灯灯泡' });
    const closed = json<Request[]>(await get(`requests.json?api_key=${keys.community}&status=closed`));
    expect(closed.map((r) => r.service_request_id)).toContain(posted.service_request_id);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const open = json<Request[]>(await get(`requests.json?api_key=${keys.community}&status=open`));
    expect(open.length).toBeGreaterThan(0);
    expect(open.map((r) => r.service_request_id)).not.toContain(posted.service_request_id);
  });

  it('answers unknown paths in the GeoReport error format', async () => {
    const res = await get('nothing.json');
    expect(res.statusCode).toBe(404);
    expect(json<{ code: number }[]>(res)[0]?.code).toBe(404);
    expect((await get('requests/12.yaml?api_key=x')).statusCode).toBe(404);
  });
});
