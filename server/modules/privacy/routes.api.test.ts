import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { makeIdNumber } from '../org/rules/identity.ts';
import { runRetention } from './commands/retention.ts';
import type { AnonymiseResult, PersonRecord } from './schemas.ts';

let t: TestApp;
const s: Record<string, Session> = {};
let tianfeng = 0;
let building4 = 0;
let lighting = 0;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['luosang', 'gesang', 'linqiong', 'basang', 'xiangxue', 'suolang']) s[u] = await signIn(t.app, u);
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  const cats = json<{ items: { id: number; code: string }[] }>(await get('linqiong', '/issue-categories')).items;
  lighting = cats.find((c) => c.code === 'lighting')?.id ?? 0;
});
afterAll(async () => t.close());

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}
const get = (who: string | null, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who ? { cookie: S(who).cookie } : {} });
const post = (who: string | null, url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who ? S(who).headers : {}, payload });
const code = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;

async function residentIdOf(name: string): Promise<number> {
  const row = await t.services.db.selectFrom('residents').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

describe('a resident sees what is held about them', () => {
  it('needs a session', async () => {
    expect((await get(null, '/me/data')).statusCode).toBe(401);
  });

  it('shows 洛桑 his register entry masked, his household as a member sees it, his reports and his mediation case', async () => {
    const res = await get('luosang', '/me/data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const me = json<PersonRecord>(res);
    expect(me.resident?.name).toBe('洛桑');
    expect(me.resident?.masked).toBe(true);
    expect(me.resident?.idNumber).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(me.household?.members.some((m) => m.self && m.name === '洛桑')).toBe(true);
    // Members are other people: names and relations only, never their numbers.
    expect(Object.keys(me.household?.members[0] ?? {}).sort()).toEqual(['id', 'name', 'relation', 'self']);
    expect(me.reports.map((r) => r.title)).toEqual(expect.arrayContaining(['4号楼2单元楼道灯不亮', '4号楼楼顶水箱溢水']));
    expect(me.mediationCases).toHaveLength(1);
    expect(me.mediationCases[0]?.role).toBe('applicant');
  });

  it('lists who revealed his numbers, and records his own reveal too', async () => {
    const luosang = await residentIdOf('洛桑');
    expect((await get('gesang', `/org/residents/${luosang}?reveal=1`)).statusCode).toBe(200);
    const own = json<PersonRecord>(await get('luosang', '/me/data?reveal=1'));
    expect(own.resident?.masked).toBe(false);
    expect(own.resident?.idNumber).toMatch(/^\d{17}[\dX]$/);
    const rows = await t.services.db.selectFrom('audit_log').select(['actor_name', 'after_json']).where('action', '=', 'resident.reveal').where('subject_id', '=', String(luosang)).orderBy('id').execute();
    expect(rows.map((r) => r.actor_name)).toEqual(['gesang', 'luosang']);
    expect(JSON.parse(rows[1]?.after_json ?? '{}')).toMatchObject({ self: true });
    const log = json<PersonRecord>(await get('luosang', '/me/data')).accesses;
    expect(log.map((a) => [a.by, a.action, a.self])).toEqual([
      ['洛桑', 'resident.reveal', true],
      ['格桑次仁', 'resident.reveal', false],
    ]);
  });

  it('shows an unmasked register export of his compound as a reveal, and a masked one not', async () => {
    expect((await get('basang', `/org/export.xlsx?unitId=${tianfeng}`)).statusCode).toBe(200);
    expect((await get('gesang', `/org/export.xlsx?unitId=${tianfeng}`)).statusCode).toBe(200);
    const log = json<PersonRecord>(await get('luosang', '/me/data')).accesses;
    expect(log.filter((a) => a.action === 'org.export').map((a) => a.by)).toEqual(['格桑次仁']);
  });

  it('gives an account linked to no resident its own reports and nothing else', async () => {
    const me = json<PersonRecord>(await get('gesang', '/me/data'));
    expect(me.resident).toBeNull();
    expect(me.household).toBeNull();
    expect(me.accesses).toEqual([]);
  });
});

describe('staff export a person’s record', () => {
  it('climbs the ladder: 401, 400, 404 outside the tree, 403 without the reveal right', async () => {
    const luosang = await residentIdOf('洛桑');
    expect((await post(null, `/privacy/residents/${luosang}/export`, { purpose: '本人申请查阅' })).statusCode).toBe(401);
    expect((await post('gesang', `/privacy/residents/${luosang}/export`, {})).statusCode).toBe(400);
    expect((await post('gesang', `/privacy/residents/${luosang}/export`, { purpose: '  ' })).statusCode).toBe(400);
    expect((await post('xiangxue', `/privacy/residents/${luosang}/export`, { purpose: '本人申请查阅' })).statusCode).toBe(404);
    expect((await post('basang', `/privacy/residents/${luosang}/export`, { purpose: '本人申请查阅' })).statusCode).toBe(403);
    expect((await post('gesang', '/privacy/residents/99999999/export', { purpose: '本人申请查阅' })).statusCode).toBe(404);
  });

  it('hands over the full record as a file and records the purpose and the parts exposed, not the values', async () => {
    const luosang = await residentIdOf('洛桑');
    const res = await post('gesang', `/privacy/residents/${luosang}/export`, { purpose: '洛桑本人到站申请复制其个人信息' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="resident-\d+-\d{4}-\d{2}-\d{2}\.json"/);
    const record = json<PersonRecord>(res);
    expect(record.resident?.masked).toBe(false);
    expect(record.resident?.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(record.accounts.map((a) => a.username)).toEqual(['luosang']);
    const row = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('gesang');
    expect(row.subject_id).toBe(String(luosang));
    const after = JSON.parse(row.after_json ?? '{}') as { purpose: string; fields: string[] };
    expect(after.fields).toEqual(expect.arrayContaining(['name', 'idNumber', 'household', 'reports', 'mediationCases', 'accesses']));
    // The purpose is kept without the person's name; the numbers never reach the log.
    expect(after.purpose).toBe(`#${luosang}本人到站申请复制其个人信息`);
    expect(row.after_json).not.toContain(record.resident?.idNumber ?? 'none');
    expect(row.after_json).not.toContain('洛桑');
    const log = json<PersonRecord>(await get('luosang', '/me/data')).accesses;
    expect(log[0]).toMatchObject({ by: '格桑次仁', action: 'privacy.export', purpose: `#${luosang}本人到站申请复制其个人信息` });
  });
});

// Every text value of every table but the audit log (which keeps what happened; see docs/privacy.md).
async function everyStoredText(): Promise<{ table: string; text: string }[]> {
  const tables =
    t.kind === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.services.db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.services.db)).rows;
  const out: { table: string; text: string }[] = [];
  for (const { name } of tables) {
    if (name === 'audit_log') continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.services.db)).rows;
    for (const row of rows) for (const v of Object.values(row)) if (typeof v === 'string') out.push({ table: name, text: v });
  }
  return out;
}

describe('staff anonymise a person on request', () => {
  const name = '隐私测试员';
  const phone = '19987654321';
  const idNumber = makeIdNumber('540102', '19880415', 771, 'female');
  const secrets = () => [name, phone, '199****4321', t.services.cipher.lookupHash(phone), idNumber, `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`, t.services.cipher.lookupHash(idNumber)];
  let residentId = 0;
  let userId = 0;
  const reportIds: number[] = [];

  beforeAll(async () => {
    const households = json<{ items: { id: number }[] }>(await get('gesang', `/org/units/${building4}/households`)).items;
    const household = households[households.length - 1]?.id ?? 0;
    const made = await post('gesang', '/org/residents', { householdId: household, name, ethnicity: '藏族', phone, idNumber, relation: 'tenant' });
    expect(made.statusCode).toBe(201);
    residentId = json<{ id: number }>(made).id;
    // Her account: made by staff, given the resident role, linked to her register entry (no API links them yet).
    const account = await post('linqiong', '/accounts', { username: 'privtest', displayName: name, password: 'a-long-test-password-1', unitId: tianfeng });
    expect(account.statusCode).toBe(201);
    userId = json<{ id: number }>(account).id;
    expect((await post('linqiong', `/accounts/${userId}/grants`, { role: 'resident', unitId: tianfeng })).statusCode).toBe(201);
    await t.services.db.updateTable('users').set({ resident_id: residentId }).where('id', '=', userId).execute();
    s.privtest = await signIn(t.app, 'privtest', 'a-long-test-password-1');
    // A password set by staff must be changed by its holder before anything else.
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s.privtest.headers, payload: { currentPassword: 'a-long-test-password-1', newPassword: 'her-own-password-7' } });
    expect(changed.statusCode).toBeLessThan(300);

    const own = await post('privtest', '/issues', { title: `${name}反映楼道灯不亮`, body: `我是${name}，电话${phone}，晚上看不清。`, categoryId: lighting, nature: 'help', unitId: building4, placeKind: 'building', showName: true });
    expect(own.statusCode).toBe(201);
    reportIds.push(json<{ id: number }>(own).id);
    // The same person reporting from the QR code, without signing in: found by her phone.
    const link = json<{ items: { buildingId: number; token: string }[] }>(await get('gesang', `/issues/qr-links?unitId=${tianfeng}`)).items.find((l) => l.buildingId === building4);
    const qr = await post(null, `/public/buildings/${link?.token ?? ''}/issues`, { title: '楼下垃圾没人清', body: '三天没人清理', categoryId: lighting, nature: 'help', placeKind: 'building', reporterName: '住户', reporterPhone: phone });
    expect(qr.statusCode).toBe(201);
    reportIds.push(json<{ id: number }>(qr).id);
    // The building leader answers her, naming her in the reply and the internal note.
    const accepted = await post('suolang', `/issues/${reportIds[0] ?? 0}/actions/accept`, { comment: `已电话联系${name}`, note: `${name}电话 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, version: 2 });
    expect(accepted.statusCode).toBe(200);

    const mediation = await post('gesang', '/mediation/cases', {
      unitId: building4,
      title: '楼道噪音纠纷',
      kind: 'neighbour',
      facts: `${name}反映对门夜间噪音，联系电话${phone}。`,
      dispute: '夜间施工时间。',
      mediatorName: '格桑次仁',
      parties: [
        { role: 'applicant', name, residentId, address: '天峰祥和苑4号楼' },
        { role: 'respondent', name: '王五', address: '天峰祥和苑4号楼' },
      ],
    });
    expect(mediation.statusCode).toBe(201);
    expect((await get('gesang', `/org/residents/${residentId}?reveal=1`)).statusCode).toBe(200);
  });

  it('shows her everything before: both reports, the case and the reveal', async () => {
    const me = json<PersonRecord>(await get('privtest', '/me/data'));
    expect(me.resident?.name).toBe(name);
    expect(me.reports.map((r) => r.id).sort()).toEqual([...reportIds].sort());
    expect(me.mediationCases).toHaveLength(1);
    // Staff revealed her entry; and the unmasked register export of her compound earlier showed her numbers too.
    expect(me.accesses.map((a) => [a.by, a.action])).toEqual([
      ['格桑次仁', 'resident.reveal'],
      ['格桑次仁', 'org.export'],
    ]);
  });

  it('refuses without the rights, a wrong name typed, or no reason', async () => {
    expect((await post(null, `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: name })).statusCode).toBe(401);
    expect((await post('xiangxue', `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: name })).statusCode).toBe(404);
    expect((await post('basang', `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: name })).statusCode).toBe(403);
    expect((await post('privtest', `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: name })).statusCode).toBe(403);
    expect((await post('gesang', `/privacy/residents/${residentId}/anonymise`, { confirmName: name })).statusCode).toBe(400);
    expect((await post('gesang', `/privacy/residents/${residentId}/anonymise`, { reason: ' ', confirmName: name })).statusCode).toBe(400);
    const wrong = await post('gesang', `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: '隐私测试' });
    expect(wrong.statusCode).toBe(422);
    expect(code(wrong)).toBe('PRIVACY_CONFIRMATION_MISMATCH');
    // Nothing changed on the way.
    expect((await get('privtest', '/me/data')).statusCode).toBe(200);
  });

  it('leaves no table holding her name or numbers, keeps the history and the counts, and records what went', async () => {
    const before = (await everyStoredText()).filter((v) => secrets().some((x) => v.text.includes(x)));
    // The check below can only pass after the erasure if it finds her everywhere before it.
    // (On PostgreSQL the search index is a table of tokens too; SQLite's index is contentless.)
    expect([...new Set(before.map((v) => v.table))]).toEqual(expect.arrayContaining(['residents', 'users', 'issues', 'issue_events', 'notifications', 'mediation_cases', 'mediation_parties']));
    // Search finds her by name before: the index must not keep finding her after.
    const found = async () => ({
      residents: json<{ items: unknown[] }>(await get('gesang', `/org/residents?unitId=${tianfeng}&q=${encodeURIComponent(name)}`)).items.length,
      issues: json<{ items: unknown[] }>(await get('gesang', `/issues?view=all&unitId=${tianfeng}&q=${encodeURIComponent(name)}`)).items.length,
    });
    expect(await found()).toEqual({ residents: 1, issues: 1 });
    const eventsBefore = await t.services.db.selectFrom('issue_events').select(['issue_id', 'action', 'to_status']).where('issue_id', 'in', reportIds).orderBy('id').execute();
    const statusBefore = await t.services.db.selectFrom('issues').select(['id', 'status', 'category_id', 'household_id']).where('id', 'in', reportIds).orderBy('id').execute();
    const summaryBefore = json<Record<string, number>>(await get('gesang', `/org/units/${tianfeng}/summary`));

    const res = await post('gesang', `/privacy/residents/${residentId}/anonymise`, { reason: `${name}本人书面申请删除`, confirmName: ` ${name} ` });
    expect(res.statusCode).toBe(200);
    const result = json<AnonymiseResult>(res);
    expect(result.pseudonym).toBe(`已匿名-${residentId}`);
    expect(result.removed).toMatchObject({ residentFields: ['name', 'phone', 'idNumber', 'birthDate'], reports: 2, mediationCases: 1, accountsUnlinked: 1, accountsClosed: 1 });

    const left = (await everyStoredText()).filter((v) => secrets().some((x) => v.text.includes(x)));
    expect(left).toEqual([]);
    expect(await found()).toEqual({ residents: 0, issues: 0 });

    // The history and the figures stay.
    expect(await t.services.db.selectFrom('issue_events').select(['issue_id', 'action', 'to_status']).where('issue_id', 'in', reportIds).orderBy('id').execute()).toEqual(eventsBefore);
    expect(await t.services.db.selectFrom('issues').select(['id', 'status', 'category_id', 'household_id']).where('id', 'in', reportIds).orderBy('id').execute()).toEqual(statusBefore);
    expect(json<Record<string, number>>(await get('gesang', `/org/units/${tianfeng}/summary`))).toEqual(summaryBefore);
    const issue = await t.services.db.selectFrom('issues').select(['title', 'body', 'reporter_name']).where('id', '=', reportIds[0] ?? 0).executeTakeFirstOrThrow();
    expect(issue).toEqual({ title: `已匿名-${residentId}反映楼道灯不亮`, body: `我是已匿名-${residentId}，电话***，晚上看不清。`, reporter_name: `已匿名-${residentId}` });

    // The audit row: who, why (without her name), what went, never the values.
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.anonymise').where('subject_id', '=', String(residentId)).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('gesang');
    const after = JSON.parse(audit.after_json ?? '{}') as { reason: string; removed: { residentFields: string[] } };
    expect(after.reason).toBe(`已匿名-${residentId}本人书面申请删除`);
    expect(after.removed.residentFields).toEqual(['name', 'phone', 'idNumber', 'birthDate']);
    for (const x of secrets()) expect(audit.after_json).not.toContain(x);

    // Her account is closed: its session ends and it cannot sign in again.
    expect((await get('privtest', '/me/data')).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'privtest', password: 'a-long-test-password-1' } });
    expect(login.statusCode).toBe(401);
    const account = await t.services.db.selectFrom('users').select(['resident_id', 'disabled']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(account).toEqual({ resident_id: null, disabled: 1 });
  });

  it('cannot be done twice', async () => {
    const again = await post('gesang', `/privacy/residents/${residentId}/anonymise`, { reason: '本人申请', confirmName: `已匿名-${residentId}` });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('PRIVACY_ALREADY_ANONYMISED');
  });
});

describe('two erasures of one resident at once', () => {
  it('lets one through and answers the other 409, with one audit row', async () => {
    const households = json<{ items: { id: number }[] }>(await get('gesang', `/org/units/${building4}/households`)).items;
    const made = await post('gesang', '/org/residents', { householdId: households[0]?.id ?? 0, name: '并发测试员', ethnicity: '汉族', gender: 'male', relation: 'member' });
    expect(made.statusCode).toBe(201);
    const id = json<{ id: number }>(made).id;
    const body = { reason: '本人申请', confirmName: '并发测试员' };
    const answers = await Promise.all([post('gesang', `/privacy/residents/${id}/anonymise`, body), post('linqiong', `/privacy/residents/${id}/anonymise`, body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.services.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.anonymise').where('subject_id', '=', String(id)).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('issue events stay append-only in what happened', () => {
  it('refuses changing an event’s action, status, time or account, and deleting it; admits erasing its text', async () => {
    const db = t.services.db;
    const event = await db.selectFrom('issue_events').select(['id', 'comment']).orderBy('id').executeTakeFirstOrThrow();
    await expect(db.updateTable('issue_events').set({ to_status: 'closed' }).where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('issue_events').set({ at: '2000-01-01T00:00:00.000Z' }).where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('issue_events').set({ actor_user_id: null }).where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('issue_events').where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await db.updateTable('issue_events').set({ comment: event.comment }).where('id', '=', event.id).execute();
  });
});

// Last: it moves the clock three years on.
describe('closed reports lose their reporter when the retention period ends', () => {
  it('does nothing while the period is 0, then strips closed reports only, keeping their history', async () => {
    const db = t.services.db;
    const closed = await db.selectFrom('issues').select(['id', 'reporter_user_id']).where('title', '=', '4号楼2单元楼道灯不亮').executeTakeFirstOrThrow();
    const open = await db.selectFrom('issues').select(['id', 'reporter_name', 'reporter_user_id']).where('title', '=', '4号楼楼顶水箱溢水').executeTakeFirstOrThrow();
    expect(closed.reporter_user_id).not.toBeNull();
    expect(open.reporter_name).toBe('洛桑');
    const eventsBefore = await db.selectFrom('issue_events').select(['action', 'to_status', 'comment']).where('issue_id', '=', closed.id).orderBy('id').execute();

    t.clock.advance(1100 * 86_400_000);
    expect(await runRetention(t.services)).toBe(0);
    t.services.config.reporterRetentionDays = 1095;
    try {
      expect(await runRetention(t.services)).toBeGreaterThan(0);
      expect(await runRetention(t.services)).toBe(0);
    } finally {
      t.services.config.reporterRetentionDays = 0;
    }
    expect(await db.selectFrom('issues').select(['reporter_name', 'reporter_phone_enc', 'reporter_user_id']).where('id', '=', closed.id).executeTakeFirstOrThrow()).toEqual({ reporter_name: null, reporter_phone_enc: null, reporter_user_id: null });
    expect(await db.selectFrom('issues').select(['reporter_name', 'reporter_user_id']).where('id', '=', open.id).executeTakeFirstOrThrow()).toEqual({ reporter_name: '洛桑', reporter_user_id: open.reporter_user_id });
    // The rating and the steps stay; only who took them is no longer named.
    const eventsAfter = await db.selectFrom('issue_events').select(['action', 'to_status', 'comment', 'actor_name']).where('issue_id', '=', closed.id).orderBy('id').execute();
    expect(eventsAfter.map(({ action, to_status, comment }) => ({ action, to_status, comment }))).toEqual(eventsBefore);
    expect(eventsAfter.map((e) => e.actor_name)).not.toContain('洛桑');
    const audit = await db.selectFrom('audit_log').select(['actor_name', 'after_json']).where('action', '=', 'privacy.retention').where('subject_id', '=', String(closed.id)).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('system');
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ removed: ['reporterName', 'reporterAccount'], retentionDays: 1095 });
  });
});
