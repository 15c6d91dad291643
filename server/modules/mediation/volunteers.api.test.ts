import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

// Changing a volunteer and ending their service (离队): the ladder 401 → 400 → 404 → 403 → success, the list by
// status, the audit rows, and an ended volunteer no longer taken as a mediator. The test clock reads
// 2026-11-27 (Lhasa).

let t: TestApp;
let linqiong: Session;
let gesang: Session;
let basang: Session;
let yeweihui: Session;
let xiangxue: Session;
let tianfeng: number;
let building4: number;
let xiangxueCompound: number;

interface Volunteer {
  id: number;
  name: string;
  team: string;
  unitName: string;
  residentId: number | null;
  note: string | null;
  createdAt: string;
  endedOn: string | null;
  endReason: string | null;
  updatedAt: string | null;
  actions: string[];
}
interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string; reason?: string }[] } };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const post = (who: Session | null, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who?.headers ?? {}, payload: payload as Record<string, unknown> });
const get = (who: Session | null, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who ? { cookie: who.cookie } : {} });
const issuePaths = (res: { body: string }) => json<ErrorBody>(res).error.details?.issues?.map((i) => i.path);

async function register(who: Session, body: Record<string, unknown>): Promise<Volunteer> {
  const res = await post(who, '/volunteers', body);
  expect(res.statusCode).toBe(201);
  return json<Volunteer>(res);
}

async function residentOf(username: string): Promise<number> {
  const row = await t.services.db.selectFrom('users').select('resident_id').where('username', '=', username).executeTakeFirst();
  if (!row?.resident_id) throw new Error(`${username} is not a resident`);
  return row.resident_id;
}

const newCase = (mediatorVolunteerId: number) => ({
  unitId: building4,
  title: '楼道堆放杂物纠纷',
  kind: 'neighbour',
  facts: '扎西在4号楼2单元楼道长期堆放纸箱和旧家具，对门邻居德吉多次要求清理未果。',
  dispute: '杂物是否应当清理及清理期限。',
  mediatorVolunteerId,
  parties: [
    { role: 'applicant', name: '德吉' },
    { role: 'respondent', name: '扎西' },
  ],
});

beforeAll(async () => {
  t = await startTestApp();
  [linqiong, gesang, basang, yeweihui, xiangxue] = await Promise.all(['linqiong', 'gesang', 'basang', 'yeweihui', 'xiangxue'].map((u) => signIn(t.app, u)));
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  xiangxueCompound = await unitIdOf(t.services, '香雪佳园');
});
afterAll(async () => t.close());

describe('one volunteer', () => {
  it('is shown to readers with the actions their role allows there', async () => {
    const v = await register(linqiong, { unitId: tianfeng, name: '旺堆', team: 'patrol' });
    expect(v).toMatchObject({ unitName: '天峰祥和苑', endedOn: null, endReason: null, updatedAt: null, actions: ['update', 'end'] });
    expect(json<Volunteer>(await get(basang, `/volunteers/${v.id}`))).toMatchObject({ id: v.id, name: '旺堆', actions: ['update', 'end'] });
    // The owners committee follows the volunteers but changes nothing.
    expect(json<Volunteer>(await get(yeweihui, `/volunteers/${v.id}`)).actions).toEqual([]);
    expect((await get(null, `/volunteers/${v.id}`)).statusCode).toBe(401);
    expect((await get(xiangxue, `/volunteers/${v.id}`)).statusCode).toBe(404);
    expect((await get(linqiong, '/volunteers/999999')).statusCode).toBe(404);
  });
});

describe('changing a volunteer', () => {
  let v: Volunteer;
  beforeAll(async () => {
    v = await register(linqiong, { unitId: tianfeng, name: '次仁', team: 'patrol', note: '夜间巡逻' });
  });

  it('refuses bad input field by field', async () => {
    expect((await post(null, `/volunteers/${v.id}`, { name: '次仁' })).statusCode).toBe(401);
    expect((await post(gesang, `/volunteers/${v.id}`, {})).statusCode).toBe(400);
    expect((await post(gesang, `/volunteers/${v.id}`, { unitId: xiangxueCompound })).statusCode).toBe(400);
    expect((await post(gesang, `/volunteers/${v.id}`, { note: 'x'.repeat(201) })).statusCode).toBe(400);
    const blank = await post(gesang, `/volunteers/${v.id}`, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(issuePaths(blank)).toEqual(['name']);
  });

  it('takes only the known teams, on registration and on change', async () => {
    const unknown = await post(gesang, `/volunteers/${v.id}`, { team: 'chess_club' });
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorBody>(unknown).error.code).toBe('VALIDATION_FAILED');
    expect((await post(linqiong, '/volunteers', { unitId: tianfeng, name: '普布', team: 'chess_club' })).statusCode).toBe(400);
    expect((await post(linqiong, '/volunteers', { unitId: tianfeng, name: '普布', team: 'Mediation' })).statusCode).toBe(400);
    // The list filter still accepts any well-formed code (and finds nobody under an unknown one).
    expect(json<Page<Volunteer>>(await get(linqiong, '/volunteers?team=chess_club')).items).toEqual([]);
  });

  it('answers 404 outside the caller’s tree and 403 without the right to write', async () => {
    const elsewhere = await register(linqiong, { unitId: xiangxueCompound, name: '普布', team: 'patrol' });
    expect((await post(basang, `/volunteers/${elsewhere.id}`, { name: '普布次仁' })).statusCode).toBe(404);
    expect((await post(basang, `/volunteers/${elsewhere.id}/end`, { endedOn: '2026-11-27' })).statusCode).toBe(404);
    expect((await post(linqiong, '/volunteers/999999', { name: '普布次仁' })).statusCode).toBe(404);
    expect((await post(yeweihui, `/volunteers/${v.id}`, { name: '次仁多吉' })).statusCode).toBe(403);
    expect((await post(yeweihui, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27' })).statusCode).toBe(403);
  });

  it('changes the name, team and note, keeping what is left out', async () => {
    const res = await post(gesang, `/volunteers/${v.id}`, { name: '  次仁罗布 ', team: 'mediation' });
    expect(res.statusCode).toBe(200);
    const changed = json<Volunteer>(res);
    expect(changed).toMatchObject({ id: v.id, name: '次仁罗布', team: 'mediation', note: '夜间巡逻', unitName: '天峰祥和苑', endedOn: null, actions: ['update', 'end'] });
    expect(changed.updatedAt).toBe(t.clock.now().toISOString());
    const cleared = json<Volunteer>(await post(gesang, `/volunteers/${v.id}`, { note: '  ' }));
    expect(cleared).toMatchObject({ name: '次仁罗布', team: 'mediation', note: null });
    // Stored, not only answered.
    expect(json<Volunteer>(await get(linqiong, `/volunteers/${v.id}`))).toMatchObject({ name: '次仁罗布', team: 'mediation', note: null });
  });

  it('links a resident of the volunteer’s unit, refuses one from elsewhere, and unlinks', async () => {
    const luosang = await residentOf('luosang');
    const linked = await post(basang, `/volunteers/${v.id}`, { residentId: luosang });
    expect(linked.statusCode).toBe(200);
    expect(json<Volunteer>(linked).residentId).toBe(luosang);
    expect((await post(basang, `/volunteers/${v.id}`, { residentId: await residentOf('xiangxue') })).statusCode).toBe(404);
    expect((await post(basang, `/volunteers/${v.id}`, { residentId: 999999 })).statusCode).toBe(404);
    expect(json<Volunteer>(await post(basang, `/volunteers/${v.id}`, { residentId: null })).residentId).toBeNull();
  });
});

describe('ending a service', () => {
  let v: Volunteer;
  beforeAll(async () => {
    v = await register(linqiong, { unitId: tianfeng, name: '索朗', team: 'mediation' });
  });

  it('needs a day that is neither in the future nor before registration', async () => {
    expect((await post(null, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27' })).statusCode).toBe(401);
    expect((await post(gesang, `/volunteers/${v.id}/end`, {})).statusCode).toBe(400);
    expect((await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '27.11.2026' })).statusCode).toBe(400);
    const future = await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-11-28' });
    expect(future.statusCode).toBe(400);
    expect(json<ErrorBody>(future).error.details?.issues).toEqual([expect.objectContaining({ path: 'endedOn', reason: 'future' })]);
    const early = await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-11-26' });
    expect(early.statusCode).toBe(400);
    expect(json<ErrorBody>(early).error.details?.issues).toEqual([expect.objectContaining({ path: 'endedOn', reason: 'order' })]);
    expect((await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-02-30' })).statusCode).toBe(400);
  });

  it('ends it with the reason; the record stays, closed to change', async () => {
    const res = await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27', reason: ' 搬离小区 ' });
    expect(res.statusCode).toBe(200);
    const ended = json<Volunteer>(res);
    expect(ended).toMatchObject({ id: v.id, name: '索朗', endedOn: '2026-11-27', endReason: '搬离小区', actions: [] });
    expect(ended.updatedAt).not.toBeNull();

    const twice = await post(linqiong, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27' });
    expect(twice.statusCode).toBe(422);
    expect(json<ErrorBody>(twice).error.code).toBe('VOLUNTEER_ENDED');
    const change = await post(linqiong, `/volunteers/${v.id}`, { note: '回来了' });
    expect(change.statusCode).toBe(422);
    expect(json<ErrorBody>(change).error.code).toBe('VOLUNTEER_ENDED');
    expect(json<Volunteer>(await get(yeweihui, `/volunteers/${v.id}`))).toMatchObject({ endedOn: '2026-11-27', note: null });
  });

  it('lists those serving by default, the ended ones with status=ended, everyone with status=all', async () => {
    const ids = async (query: string) => json<Page<Volunteer>>(await get(linqiong, `/volunteers?unitId=${tianfeng}&limit=200${query}`)).items.map((i) => i.id);
    const active = await ids('');
    expect(active).not.toContain(v.id);
    expect(await ids('&status=active')).toEqual(active);
    expect(await ids('&status=ended')).toEqual([v.id]);
    const all = await ids('&status=all');
    expect(all).toContain(v.id);
    expect(all).toHaveLength(active.length + 1);
    // The mediator picker asks for the mediation team: the ended one is not offered.
    expect(await ids('&team=mediation')).not.toContain(v.id);
    expect((await get(linqiong, '/volunteers?status=gone')).statusCode).toBe(400);
  });

  it('is no longer taken as the mediator of a new case (422)', async () => {
    const res = await post(linqiong, '/mediation/cases', newCase(v.id));
    expect(res.statusCode).toBe(422);
    expect(json<ErrorBody>(res).error.code).toBe('VOLUNTEER_ENDED');
  });

  it('leaves the cases a mediator handled before as they were', async () => {
    const demo = json<Page<Volunteer>>(await get(linqiong, `/volunteers?unitId=${tianfeng}&team=mediation`)).items.find((i) => i.name === '次仁旺姆');
    if (!demo) throw new Error('the demo mediator 次仁旺姆 is missing');
    const opened = await post(linqiong, '/mediation/cases', newCase(demo.id));
    expect(opened.statusCode).toBe(201);
    const caseId = json<{ id: number }>(opened).id;

    expect((await post(linqiong, `/volunteers/${demo.id}/end`, { endedOn: '2026-11-20', reason: '年事已高' })).statusCode).toBe(200);
    const cases = json<Page<{ id: number; mediatorName: string }>>(await get(linqiong, '/mediation/cases?limit=200')).items;
    expect(cases.filter((c) => c.mediatorName === '次仁旺姆').length).toBeGreaterThanOrEqual(2);
    const detail = await get(linqiong, `/mediation/cases/${caseId}`);
    expect(json<{ mediatorVolunteerId: number; mediatorName: string; actions: string[] }>(detail)).toMatchObject({
      mediatorVolunteerId: demo.id,
      mediatorName: '次仁旺姆',
      actions: ['addSession', 'recordAgreement', 'recordFailure'],
    });
    const session = await post(basang, `/mediation/cases/${caseId}/sessions`, { version: 1, heldOn: '2026-11-27', place: '党群服务站', summary: '双方陈述。' });
    expect(session.statusCode).toBe(200);
    expect((await post(linqiong, '/mediation/cases', newCase(demo.id))).statusCode).toBe(422);
  });
});

describe('the audit log', () => {
  it('has one row per change and per ending, with what was before and after, in the volunteer’s part of the tree', async () => {
    const v = await register(basang, { unitId: building4, name: '德吉', team: 'elderly_care', note: '会做饭' });
    await post(basang, `/volunteers/${v.id}`, { team: 'environment', note: null });
    await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27' });
    await post(gesang, `/volunteers/${v.id}/end`, { endedOn: '2026-11-27' });
    const rows = await t.services.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'path', 'before_json', 'after_json'])
      .where('subject_type', '=', 'volunteer')
      .where('subject_id', '=', String(v.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual([
      ['volunteer.create', 'basang'],
      ['volunteer.update', 'basang'],
      ['volunteer.end', 'gesang'],
    ]);
    expect(rows.every((r) => r.path?.endsWith(`/${building4}/`))).toBe(true);
    const parse = (text: string | null | undefined): unknown => JSON.parse(text ?? 'null');
    expect(parse(rows[1]?.before_json)).toEqual({ name: '德吉', team: 'elderly_care', residentId: null, note: '会做饭' });
    expect(parse(rows[1]?.after_json)).toEqual({ name: '德吉', team: 'environment', residentId: null, note: null });
    expect(parse(rows[2]?.before_json)).toEqual({ endedOn: null });
    expect(parse(rows[2]?.after_json)).toEqual({ endedOn: '2026-11-27', reason: null });
  });

  it('writes nothing for a refused change', async () => {
    const before = await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_type', '=', 'volunteer').executeTakeFirstOrThrow();
    const v = json<Page<Volunteer>>(await get(linqiong, `/volunteers?unitId=${tianfeng}&status=ended&limit=1`)).items[0];
    expect(v).toBeDefined();
    expect((await post(linqiong, `/volunteers/${v?.id}`, { name: '新名字' })).statusCode).toBe(422);
    expect((await post(yeweihui, `/volunteers/${v?.id}/end`, { endedOn: '2026-11-27' })).statusCode).toBe(403);
    const after = await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_type', '=', 'volunteer').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
