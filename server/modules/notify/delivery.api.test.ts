import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../core/db.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { deliverDueWebhooks, queueWebhooks } from './index.ts';

// Deliveries against a real HTTP receiver on this machine; the test clock decides when a retry is due.

interface Received {
  path: string;
  body: { msgtype: string; markdown: { content: string } };
}
type Answer = { status: number; body?: string; delayMs?: number };

let receiver: http.Server;
let base = '';
let received: Received[] = [];
/** What each path answers, in turn; the last answer repeats. */
const script = new Map<string, Answer[]>();

let t: TestApp;
let basang: Session;
let linqiong: Session;
const ids: Record<string, number> = {};
let tf4Path = '';

interface Webhook {
  id: number;
}
interface Delivery {
  id: number;
  webhookId: number;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const MINUTE = 60_000;
const post = (who: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const deliveries = async (hookId: number, who = basang) => json<{ items: Delivery[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${hookId}/deliveries`, headers: { cookie: who.cookie } })).items;
const hookAt = async (who: Session, unitId: number, path: string, events: string[] = ['*']) => {
  const res = await post(who, '/webhooks', { unitId, name: `接收 ${path}`, url: `${base}${path}`, events });
  expect(res.statusCode).toBe(201);
  return json<Webhook>(res).id;
};
const announce = (event: string, title: string, path = tf4Path) =>
  t.services.db.transaction().execute((tx) => queueWebhooks(tx, { path, event, title, markdown: `> 天峰祥和苑 4号楼\n> ${title}`, at: t.clock.now().toISOString() }));
const receivedAt = (path: string) => received.filter((r) => r.path === path);

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'] });
      const answers = script.get(path) ?? [{ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }];
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? { status: 200 };
      setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? ''), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  t = await startTestApp();
  ids.community = await unitIdOf(t.services, '林琼社区');
  ids.tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  ids.tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  ids.xiangxue = await unitIdOf(t.services, '香雪佳园');
  tf4Path = (await t.services.db.selectFrom('org_units').select('path').where('id', '=', ids.tf4).executeTakeFirstOrThrow()).path;
});
afterAll(async () => {
  await t.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  received = [];
  // The clock jumps hours ahead below; sessions are taken afresh so they never run out mid-test.
  basang = await signIn(t.app, 'basang');
  linqiong = await signIn(t.app, 'linqiong');
});
afterEach(async () => {
  // Each test counts what deliverDueWebhooks did for its own messages: settle whatever another left pending.
  await t.services.db.updateTable('webhook_deliveries').set({ status: 'failed' }).where('status', '=', 'pending').execute();
});

describe('queueing', () => {
  it('queues for enabled webhooks on the node or above it that want the event, and sends them', async () => {
    const compound = await hookAt(basang, ids.tianfeng, '/compound', ['issue.reported']);
    const community = await hookAt(linqiong, ids.community, '/community', ['*']);
    await hookAt(linqiong, ids.xiangxue, '/elsewhere', ['*']);
    await hookAt(basang, ids.tianfeng, '/other-event', ['issue.resolved']);
    const off = await hookAt(basang, ids.tf4, '/switched-off', ['*']);
    await post(basang, `/webhooks/${off}`, { enabled: false });

    expect(await announce('issue.reported', '楼道灯不亮')).toBe(2);
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 2, failed: 0, retried: 0 });
    expect(received.map((r) => r.path).sort()).toEqual(['/community', '/compound']);
    expect(received[0].body).toEqual({ msgtype: 'markdown', markdown: { content: '**楼道灯不亮**\n> 天峰祥和苑 4号楼\n> 楼道灯不亮' } });

    const [log] = await deliveries(compound);
    expect(log).toMatchObject({ event: 'issue.reported', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, deliveredAt: t.clock.now().toISOString() });
    expect((await deliveries(community, linqiong))[0].status).toBe('delivered');
    // Nothing is left to send.
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 0, failed: 0, retried: 0 });
    expect(received).toHaveLength(2);
    // Disable the subscribers again so the tests below count only their own receivers.
    await post(basang, `/webhooks/${compound}`, { enabled: false });
    await post(linqiong, `/webhooks/${community}`, { enabled: false });
  });

  it('queues nothing inside a transaction that is rolled back', async () => {
    const hook = await hookAt(basang, ids.tf4, '/rolled-back', ['issue.assigned']);
    await expect(
      t.services.db.transaction().execute(async (tx) => {
        await queueWebhooks(tx, { path: tf4Path, event: 'issue.assigned', title: 'x', markdown: '', at: t.clock.now().toISOString() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveries(hook)).toEqual([]);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
  });
});

describe('retrying', () => {
  it('retries after a 500 once the backoff has passed, and counts both attempts', async () => {
    script.set('/flaky', [{ status: 500, body: 'upstream down' }, { status: 200, body: '{"errcode":0}' }]);
    const hook = await hookAt(basang, ids.tf4, '/flaky', ['issue.overdue']);
    await announce('issue.overdue', '问题已超期');
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 0, failed: 0, retried: 1 });
    const [first] = await deliveries(hook);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500: upstream down', nextAttemptAt: new Date(t.clock.now().getTime() + MINUTE).toISOString() });

    // Not due yet.
    t.clock.advance(MINUTE - 1000);
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 0, failed: 0, retried: 0 });
    t.clock.advance(2000);
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 1, failed: 0, retried: 0 });
    const [after] = await deliveries(hook);
    expect(after).toMatchObject({ id: first.id, status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(receivedAt('/flaky')).toHaveLength(2);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
  });

  it('treats the chat robot’s non-zero errcode as a failure', async () => {
    script.set('/refused', [{ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }]);
    const hook = await hookAt(basang, ids.tf4, '/refused', ['issue.rated']);
    await announce('issue.rated', '居民已评价');
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 0, failed: 0, retried: 1 });
    expect((await deliveries(hook))[0]).toMatchObject({ status: 'pending', lastStatusCode: 200, lastError: 'errcode 93000: invalid webhook url' });
    await post(basang, `/webhooks/${hook}`, { enabled: false });
  });

  it('gives up after six attempts spread over the backoff schedule', async () => {
    script.set('/down', [{ status: 503 }]);
    const hook = await hookAt(basang, ids.tf4, '/down', ['issue.supervised']);
    await announce('issue.supervised', '街道督办');
    const tallies = [];
    for (const wait of [0, 1, 5, 30, 120, 360]) {
      t.clock.advance(wait * MINUTE);
      tallies.push(await deliverDueWebhooks(t.services));
    }
    expect(tallies.map((x) => x.retried)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(tallies[5].failed).toBe(1);
    // Hours passed on the test clock: the session has ended (idle timeout) and is opened again.
    basang = await signIn(t.app, 'basang');
    expect((await deliveries(hook))[0]).toMatchObject({ status: 'failed', attempts: 6, lastStatusCode: 503, lastError: 'HTTP 503' });
    t.clock.advance(24 * 60 * MINUTE);
    expect(await deliverDueWebhooks(t.services)).toEqual({ delivered: 0, failed: 0, retried: 0 });
    expect(receivedAt('/down')).toHaveLength(6);
    basang = await signIn(t.app, 'basang');
    await post(basang, `/webhooks/${hook}`, { enabled: false });
  });
});

describe('several senders at once', () => {
  let second: DbHandle;
  beforeAll(() => {
    // A second connection (pool) to the same database stands for a second server process.
    second = openDatabase(t.databaseUrl);
  });
  afterAll(async () => second.close());

  it('delivers each queued message exactly once', async () => {
    script.set('/once', [{ status: 200, body: '{"errcode":0}', delayMs: 20 }]);
    const hook = await hookAt(basang, ids.tf4, '/once', ['issue.assigned']);
    const titles = Array.from({ length: 12 }, (_, i) => `派单 ${i + 1}`);
    for (const title of titles) await announce('issue.assigned', title);
    const other = { db: second.db, clock: t.clock, log: pino({ level: 'silent' }) };
    const results = await Promise.all([deliverDueWebhooks(t.services), deliverDueWebhooks(other), deliverDueWebhooks(t.services), deliverDueWebhooks(other)]);
    expect(results.reduce((sum, r) => sum + r.delivered, 0)).toBe(12);
    const got = receivedAt('/once').map((r) => r.body.markdown.content.split('\n')[0]);
    expect(got.sort()).toEqual(titles.map((x) => `**${x}**`).sort());
    expect((await deliveries(hook)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
  });
});

describe('the test button', () => {
  it('sends a test message at once and answers with the delivery', async () => {
    const hook = await hookAt(basang, ids.tianfeng, '/test-ok', ['issue.reported']);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
    // A switched-off webhook can still be tested before it is switched on.
    const res = await post(basang, `/webhooks/${hook}/test`);
    expect(res.statusCode).toBe(201);
    expect(json<Delivery>(res)).toMatchObject({ webhookId: hook, event: 'webhook.test', status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(receivedAt('/test-ok')[0].body.markdown.content).toMatch(/^\*\*测试消息\*\*\n> .*天峰祥和苑/);
    const audit = await t.services.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'webhook.test').where('subject_id', '=', String(hook)).execute();
    expect(audit).toEqual([{ actor_name: 'basang' }]);
  });

  it('reports a refused test at once and does not retry it', async () => {
    script.set('/test-500', [{ status: 500, body: 'nope' }]);
    const hook = await hookAt(basang, ids.tianfeng, '/test-500', ['issue.reported']);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
    expect(json<Delivery>(await post(basang, `/webhooks/${hook}/test`))).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500: nope' });
    t.clock.advance(10 * MINUTE);
    await deliverDueWebhooks(t.services);
    expect(receivedAt('/test-500')).toHaveLength(1);
  });

  it('does not follow a redirect', async () => {
    script.set('/moved', [{ status: 302 }]);
    const hook = await hookAt(basang, ids.tianfeng, '/moved', ['issue.reported']);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
    expect(json<Delivery>(await post(basang, `/webhooks/${hook}/test`))).toMatchObject({ status: 'failed', lastStatusCode: 302, lastError: 'HTTP 302' });
  });

  it('reports an address where nobody listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const res = await post(basang, '/webhooks', { unitId: ids.tianfeng, name: '无人接收', url: `http://127.0.0.1:${port}/hook`, events: ['*'] });
    const hook = json<Webhook>(res).id;
    await post(basang, `/webhooks/${hook}`, { enabled: false });
    expect(json<Delivery>(await post(basang, `/webhooks/${hook}/test`))).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null, lastError: expect.stringContaining('ECONNREFUSED') });
  });

  it('gives up on a receiver that does not answer within 5 s', async () => {
    script.set('/slow', [{ status: 200, delayMs: 6000 }]);
    const hook = await hookAt(basang, ids.tianfeng, '/slow', ['issue.reported']);
    await post(basang, `/webhooks/${hook}`, { enabled: false });
    const started = performance.now();
    expect(json<Delivery>(await post(basang, `/webhooks/${hook}/test`))).toMatchObject({ status: 'failed', lastStatusCode: null, lastError: 'no answer within 5 s' });
    expect(performance.now() - started).toBeLessThan(5900);
  });
});
