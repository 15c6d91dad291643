import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { deliverDueWebhooks, queueWebhooks } from './index.ts';

let t: TestApp;
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};

interface Webhook {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  actions: string[];
}
interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string }[] } };
}

const KEY_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=6f0e-secret-key';
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: who.cookie } });
const post = (who: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await startTestApp();
  for (const name of ['najin', 'linqiong', 'basang', 'suolang', 'xiangxue', 'luosang', 'zhangheng']) s[name] = await signIn(t.app, name);
  ids.community = await unitIdOf(t.services, '林琼社区');
  ids.tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  ids.tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  ids.xiangxue = await unitIdOf(t.services, '香雪佳园');
});
afterAll(async () => t.close());

describe('webhooks: the ladder', () => {
  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { unitId: ids.tianfeng, name: 'x', url: KEY_URL, events: ['*'] } })).statusCode).toBe(401);
  });

  it('refuses each bad field', async () => {
    const good = { unitId: ids.tianfeng, name: '天峰群', url: KEY_URL, events: ['issue.reported'] };
    const bad = async (payload: object, field: string) => {
      const res = await post(s.basang, '/webhooks', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(json<ErrorBody>(res).error.details?.issues?.map((i) => i.path)).toContain(field);
    };
    const { name: _n, ...noName } = good;
    await bad(noName, 'name');
    await bad({ ...good, name: '' }, 'name');
    await bad({ ...good, url: 'ftp://example.com/hook' }, 'url');
    await bad({ ...good, url: 'javascript:alert(1)' }, 'url');
    await bad({ ...good, url: 'qyapi.weixin.qq.com/send' }, 'url');
    await bad({ ...good, events: [] }, 'events');
    await bad({ ...good, events: ['issue.exploded'] }, 'events.0');
    await bad({ ...good, unitId: 0 }, 'unitId');
    expect((await post(s.basang, '/webhooks', { ...good, secret: 'x' })).statusCode).toBe(400);
  });

  it('hides units outside the caller’s tree (404) and refuses roles without the right (403)', async () => {
    const payload = { name: '楼栋群', url: KEY_URL, events: ['*'] };
    expect((await post(s.suolang, '/webhooks', { ...payload, unitId: ids.tf4 })).statusCode).toBe(403);
    expect((await post(s.suolang, '/webhooks', { ...payload, unitId: ids.xiangxue })).statusCode).toBe(404);
    expect((await post(s.zhangheng, '/webhooks', { ...payload, unitId: ids.tianfeng })).statusCode).toBe(403);
    expect((await post(s.basang, '/webhooks', { ...payload, unitId: ids.xiangxue })).statusCode).toBe(404);
    expect((await post(s.basang, '/webhooks', { ...payload, unitId: 999999 })).statusCode).toBe(404);
    expect((await get(s.suolang, '/webhooks')).statusCode).toBe(403);
    expect((await get(s.luosang, '/webhooks')).statusCode).toBe(403);
    expect((await get(s.basang, `/webhooks?unitId=${ids.xiangxue}`)).statusCode).toBe(404);
  });
});

describe('webhooks: managing', () => {
  let hook: Webhook;

  it('lets the branch secretary set one up on the compound', async () => {
    const res = await post(s.basang, '/webhooks', { unitId: ids.tianfeng, name: ' 天峰祥和苑工作群 ', url: KEY_URL, events: ['issue.resolved', 'issue.reported'] });
    expect(res.statusCode).toBe(201);
    hook = json<Webhook>(res);
    expect(hook).toMatchObject({ unitId: ids.tianfeng, unitName: '天峰祥和苑', name: '天峰祥和苑工作群', url: KEY_URL, events: ['issue.reported', 'issue.resolved'], enabled: true, actions: ['webhooks.manage'] });
    const all = json<Webhook>(await post(s.linqiong, '/webhooks', { unitId: ids.community, name: '社区总群', url: 'http://10.1.2.3/hook', events: ['issue.rated', '*'] }));
    expect(all.events).toEqual(['*']);
  });

  it('records the change in the audit log without the robot key', async () => {
    const row = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'webhook.create').where('subject_id', '=', String(hook.id)).executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('basang');
    expect(row.after_json).toContain('key=***');
    expect(row.after_json).not.toContain('6f0e-secret-key');
  });

  it('lists webhooks by unit for those who manage it, and nothing across the tree', async () => {
    const names = async (who: Session, query = '') => json<{ items: Webhook[] }>(await get(who, `/webhooks${query}`)).items.map((w) => w.name);
    expect(await names(s.basang)).toEqual(['天峰祥和苑工作群']);
    expect(await names(s.linqiong)).toEqual(['社区总群', '天峰祥和苑工作群']);
    expect(await names(s.linqiong, `?unitId=${ids.tianfeng}`)).toEqual(['天峰祥和苑工作群']);
    expect(await names(s.najin, `?unitId=${ids.xiangxue}`)).toEqual([]);
    const page = json<{ items: Webhook[]; nextCursor: string | null }>(await get(s.najin, '/webhooks?limit=1'));
    expect(page.items).toHaveLength(1);
    const next = json<{ items: Webhook[]; nextCursor: string | null }>(await get(s.najin, `/webhooks?limit=1&cursor=${page.nextCursor}`));
    expect([...page.items, ...next.items].map((w) => w.name)).toEqual(['社区总群', '天峰祥和苑工作群']);
  });

  it('changes the name, events and address, and switches it off', async () => {
    t.clock.advance(60_000);
    const res = await post(s.basang, `/webhooks/${hook.id}`, { name: '天峰群', events: ['*'], enabled: false });
    expect(res.statusCode).toBe(200);
    expect(json<Webhook>(res)).toMatchObject({ name: '天峰群', events: ['*'], enabled: false, url: KEY_URL, updatedAt: t.clock.now().toISOString() });
    expect((await post(s.basang, `/webhooks/${hook.id}`, { url: 'file:///etc/passwd' })).statusCode).toBe(400);
    expect((await post(s.basang, `/webhooks/${hook.id}`, {})).statusCode).toBe(400);
    expect(json<Webhook>(await post(s.linqiong, `/webhooks/${hook.id}`, { enabled: true, url: 'https://example.com/hook' }))).toMatchObject({ enabled: true, url: 'https://example.com/hook' });
    const audit = await t.services.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'webhook.update').where('subject_id', '=', String(hook.id)).orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0].before_json ?? '{}')).toMatchObject({ name: '天峰祥和苑工作群', enabled: true, url: expect.stringContaining('key=***') });
    expect(JSON.parse(audit[0].after_json ?? '{}')).toMatchObject({ name: '天峰群', enabled: false, events: ['*'] });
  });

  it('keeps another compound’s building leader out (404) and a building leader without the right out (403)', async () => {
    expect((await post(s.xiangxue, `/webhooks/${hook.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await post(s.xiangxue, `/webhooks/${hook.id}/test`)).statusCode).toBe(404);
    expect((await get(s.xiangxue, `/webhooks/${hook.id}/deliveries`)).statusCode).toBe(404);
    // The compound lies above 4号楼, so its leader does not see the compound's webhook at all …
    expect((await post(s.suolang, `/webhooks/${hook.id}`, { enabled: false })).statusCode).toBe(404);
    // … but sees one on the building itself, and may not manage it.
    const onBuilding = json<Webhook>(await post(s.basang, '/webhooks', { unitId: ids.tf4, name: '4号楼群', url: KEY_URL, events: ['*'] }));
    expect((await post(s.suolang, `/webhooks/${onBuilding.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await post(s.suolang, `/webhooks/${onBuilding.id}/test`)).statusCode).toBe(403);
    expect((await get(s.suolang, `/webhooks/${onBuilding.id}/deliveries`)).statusCode).toBe(403);
    expect((await post(s.basang, '/webhooks/999999', { enabled: false })).statusCode).toBe(404);
  });

  it('offers the management page to exactly the managing roles', async () => {
    const perms = async (who: Session) => json<{ permissions: string[] }>(await get(who, '/me')).permissions;
    for (const name of ['najin', 'linqiong', 'basang']) expect(await perms(s[name])).toContain('webhooks.manage');
    for (const name of ['suolang', 'xiangxue', 'luosang', 'zhangheng']) expect(await perms(s[name])).not.toContain('webhooks.manage');
  });
});

describe('webhooks: deleting', () => {
  const del = (who: Session, id: number) => t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: who.headers });
  const announce = (path: string, title: string) =>
    t.services.db.transaction().execute((tx) => queueWebhooks(tx, { path, event: 'issue.reported', title, markdown: `> ${title}`, at: t.clock.now().toISOString() }));
  const make = async (unitId: number, name: string, url: string) => json<Webhook>(await post(s.basang, '/webhooks', { unitId, name, url, events: ['*'] }));
  const pathOf = async (unitId: number) => (await t.services.db.selectFrom('org_units').select('path').where('id', '=', unitId).executeTakeFirstOrThrow()).path;
  const deliveryCount = async (webhookId: number) =>
    Number((await t.services.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('webhook_id', '=', webhookId).executeTakeFirstOrThrow()).n);

  it('climbs the ladder: 401, 404 outside the tree or unknown, 403 without the right', async () => {
    const onBuilding = await make(ids.tf4, '4号楼删除测试', KEY_URL);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${onBuilding.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/webhooks/abc', headers: s.basang.headers })).statusCode).toBe(400);
    expect((await del(s.xiangxue, onBuilding.id)).statusCode).toBe(404);
    expect((await del(s.basang, 999999)).statusCode).toBe(404);
    expect((await del(s.suolang, onBuilding.id)).statusCode).toBe(403);
    expect((await del(s.zhangheng, onBuilding.id)).statusCode).toBe(403);
    expect(await t.services.db.selectFrom('webhooks').select('id').where('id', '=', onBuilding.id).executeTakeFirst()).toEqual({ id: onBuilding.id });
  });

  it('deletes a webhook with its delivery log in one step, audited, and sends nothing more to its address', async () => {
    const gone = await make(ids.tianfeng, '要删除的群', 'https://example.com/delete-me?key=secret-robot-key');
    const kept = await make(ids.tianfeng, '保留的群', 'https://example.com/keep-me');
    await announce(await pathOf(ids.tf4), '楼道灯坏了');
    await announce(await pathOf(ids.tf4), '电梯异响');
    await t.services.db.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: t.clock.now().toISOString() }).where('webhook_id', '=', gone.id).where('payload_json', 'like', '%楼道灯%').execute();
    expect(await deliveryCount(gone.id)).toBe(2);

    const res = await del(s.basang, gone.id);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect(await deliveryCount(gone.id)).toBe(0);
    expect(await deliveryCount(kept.id)).toBe(2);
    const names = json<{ items: Webhook[] }>(await get(s.basang, `/webhooks?unitId=${ids.tianfeng}`)).items.map((w) => w.name);
    expect(names).toContain('保留的群');
    expect(names).not.toContain('要删除的群');
    expect((await get(s.basang, `/webhooks/${gone.id}/deliveries`)).statusCode).toBe(404);
    expect((await del(s.basang, gone.id)).statusCode).toBe(404);

    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'webhook.delete').where('subject_id', '=', String(gone.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_name).toBe('basang');
    expect(audit[0]?.path).toBe(await pathOf(ids.tianfeng));
    expect(audit[0]?.after_json).toBeNull();
    expect(audit[0]?.before_json).not.toContain('secret-robot-key');
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toEqual({
      unitId: ids.tianfeng,
      name: '要删除的群',
      url: 'https://example.com/delete-me?key=***',
      events: ['*'],
      enabled: true,
      deliveries: { pending: 1, delivered: 1, failed: 0 },
    });

    const sentTo: string[] = [];
    const fakeFetch = async (url: string | URL | Request) => {
      sentTo.push(String(url));
      return new Response('{"errcode":0}', { status: 200 });
    };
    await deliverDueWebhooks(t.services, { fetch: fakeFetch as typeof fetch });
    expect(sentTo.filter((u) => u.includes('delete-me'))).toEqual([]);
    expect(sentTo.filter((u) => u.includes('keep-me'))).toHaveLength(2);
  });

  it('lets the community delete a webhook a compound below set up', async () => {
    const hook = await make(ids.tianfeng, '社区清理的群', KEY_URL);
    expect((await del(s.linqiong, hook.id)).statusCode).toBe(204);
    expect(await t.services.db.selectFrom('webhooks').select('id').where('id', '=', hook.id).executeTakeFirst()).toBeUndefined();
  });
});
