import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIssueTimers } from './index.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const s: Record<string, Session> = {};
let building4: number;
let building2: number;
let tianfeng: number;
const cat: Record<string, number> = {};

interface Made {
  id: number;
  status: string;
  level: string;
  assigneeName: string | null;
  dueAt: string | null;
  version: number;
  token: string;
}
interface Detail {
  id: number;
  status: string;
  version: number;
  level: string;
  supervision: number;
  overdue: boolean;
  actions: string[];
  timeline: { action: string; note: string | null; comment: string | null }[];
  photos: { id: number; url: string }[];
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['luosang', 'suolang', 'zhangheng', 'basang', 'linqiong', 'xiangxue', 'gesang', 'najin']) s[u] = await signIn(t.app, u);
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  building2 = await unitIdOf(t.services, '2号楼', '天峰祥和苑');
  const cats = json<{ items: { id: number; code: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issue-categories', headers: { cookie: S('linqiong').cookie } })).items;
  for (const c of cats) cat[c.code] = c.id;
});
afterAll(async () => t.close());

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}

/** Moves the clock; sessions last 12 hours, so everyone signs in again. */
async function later(ms: number): Promise<void> {
  t.clock.advance(ms);
  for (const u of Object.keys(s)) s[u] = await signIn(t.app, u);
}

const report = (who: string, payload: Record<string, unknown>, key?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { ...S(who).headers, ...(key ? { 'idempotency-key': key } : {}) }, payload });
const detail = async (who: string, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/issues/${id}`, headers: { cookie: S(who).cookie } });
const act = (who: string, id: number, action: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/issues/${id}/actions/${action}`, headers: S(who).headers, payload });
const small = (title: string) => ({ title, body: '楼道灯坏了', categoryId: cat.lighting, nature: 'help', unitId: building4, placeKind: 'building', showName: true });

// A 1×1 JPEG with an Exif APP1 segment that carries GPS data.
function jpegWithGps(): string {
  const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from('GPSLatitude 29.65N GPSLongitude 91.13E')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const jfif = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0xff, 0xd9]);
  return `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, app1, sos]).toString('base64')}`;
}

describe('the closed loop', () => {
  it('routes a resident\'s 小事 to the building leader, due the same working day, and a retry lands once', async () => {
    const payload = { ...small('4号楼1单元楼道灯不亮'), photos: [jpegWithGps()] };
    const first = await report('luosang', payload, 'k-lamp-1');
    expect(first.statusCode).toBe(201);
    const made = json<Made>(first);
    expect(made).toMatchObject({ status: 'assigned', level: 'building', assigneeName: '索朗曲珍' });
    // Reported 11:00 Lhasa time on a Friday: due at 18:00 the same day.
    expect(made.dueAt).toBe('2026-11-27T10:00:00.000Z');
    const again = await report('luosang', payload, 'k-lamp-1');
    expect(again.statusCode).toBe(201);
    expect(json<Made>(again).id).toBe(made.id);
    const rows = await t.services.db.selectFrom('issues').select('id').where('title', '=', '4号楼1单元楼道灯不亮').execute();
    expect(rows).toHaveLength(1);

    const photo = json<Detail>(await detail('suolang', made.id)).photos[0];
    const image = await t.app.inject({ method: 'GET', url: photo?.url ?? '', headers: { cookie: S('suolang').cookie } });
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);

    const queue = json<{ items: { id: number }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issues?view=mine', headers: { cookie: S('suolang').cookie } }));
    expect(queue.items.map((i) => i.id)).toContain(made.id);

    const audit = await t.services.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'issue').where('subject_id', '=', String(made.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['issue.report']);
  });

  it('takes a resident\'s "my flat" to be their own household', async () => {
    const made = await report('luosang', { ...small('家里厨房水管漏水'), categoryId: cat['repair.utilities'], placeKind: 'room' });
    expect(made.statusCode).toBe(201);
    const row = await t.services.db.selectFrom('issues').select('household_id').where('id', '=', json<Made>(made).id).executeTakeFirstOrThrow();
    const luosangResident = await t.services.db.selectFrom('users').innerJoin('residents', 'residents.id', 'users.resident_id').select('residents.household_id').where('users.username', '=', 'luosang').executeTakeFirstOrThrow();
    expect(row.household_id).toBe(luosangResident.household_id);
    expect((await report('gesang', { ...small('某户漏水'), placeKind: 'room', source: 'door_visit' })).statusCode).toBe(400);
  });

  it('is accepted, resolved and rated by the reporter, then closed', async () => {
    const made = json<Made>(await report('luosang', small('4号楼2单元门禁失灵')));
    expect(json<Detail>(await detail('suolang', made.id)).actions).toEqual(expect.arrayContaining(['accept', 'return']));
    const accepted = json<{ version: number; status: string }>(await act('suolang', made.id, 'accept', { version: made.version }));
    expect(accepted.status).toBe('accepted');
    const noReply = await act('suolang', made.id, 'resolve', { version: accepted.version });
    expect(noReply.statusCode).toBe(400);
    const resolved = json<{ version: number; status: string }>(await act('suolang', made.id, 'resolve', { version: accepted.version, comment: '已更换门禁读卡器', note: '费用由物业承担' }));
    expect(resolved.status).toBe('resolved');
    // The resident sees the reply but never the internal note.
    const pub = json<{ reply: string; canRate: boolean; timeline: { comment: string | null }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/public/issues/${made.token}` }));
    expect(pub.reply).toBe('已更换门禁读卡器');
    expect(pub.canRate).toBe(true);
    expect(JSON.stringify(pub)).not.toContain('费用由物业承担');
    const resident = json<Detail>(await detail('luosang', made.id));
    expect(resident.actions).toEqual(['rate']);
    expect(resident.timeline.every((e) => e.note === null)).toBe(true);
    const rated = json<{ status: string }>(await act('luosang', made.id, 'rate', { version: resolved.version, rating: 'satisfied', comment: '很及时' }));
    expect(rated.status).toBe('closed');
  });

  it('sends a 大事 to the property company and a 难事 to the four-party meeting', async () => {
    const major = json<Made>(await report('gesang', { title: '2号楼电梯困人', body: '电梯停在两层之间', categoryId: cat['repair.elevator'], nature: 'help', unitId: building2, placeKind: 'building', source: 'door_visit' }));
    expect(major).toMatchObject({ status: 'assigned', level: 'compound' });
    expect(major.assigneeName).toContain('物业');
    const mine = json<{ items: { id: number }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issues?view=mine', headers: { cookie: S('zhangheng').cookie } }));
    expect(mine.items.map((i) => i.id)).toContain(major.id);
    expect((await act('zhangheng', major.id, 'accept', { version: major.version })).statusCode).toBe(200);

    const hard = json<Made>(await report('basang', { title: '绿地私搭彩钢棚', body: '占用公共绿地', categoryId: cat.illegal_building, nature: 'tip_off', unitId: tianfeng, placeKind: 'common', source: 'meeting' }));
    expect(hard).toMatchObject({ status: 'assigned', level: 'meeting', dueAt: null });
    const event = await t.services.db.selectFrom('domain_events').selectAll().where('type', '=', 'issue.awaiting_meeting').where('subject_id', '=', hard.id).executeTakeFirst();
    expect(event?.path).toContain(`/${tianfeng}/`);
  });

  it('answers 404 outside the caller\'s compound, 409 on a stale version and 422 on a wrong action', async () => {
    const made = json<Made>(await report('luosang', small('4号楼3单元灯不亮')));
    expect((await detail('xiangxue', made.id)).statusCode).toBe(404);
    expect((await act('xiangxue', made.id, 'accept', { version: made.version })).statusCode).toBe(404);
    expect((await act('zhangheng', made.id, 'accept', { version: made.version })).statusCode).toBe(403);
    expect((await act('suolang', made.id, 'accept', { version: made.version - 1 })).statusCode).toBe(409);
    const wrong = await act('luosang', made.id, 'rate', { version: made.version, rating: 'satisfied' });
    expect(wrong.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(wrong).error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await act('suolang', made.id, 'fly', { version: made.version })).statusCode).toBe(404);
  });

  it('reminds the building leader an hour before the deadline, once', async () => {
    const made = json<Made>(await report('luosang', small('4号楼地下室漏水')));
    await later(6.5 * 3600_000); // 17:30 Lhasa time; due 18:00
    const [a, b] = await Promise.all([runIssueTimers(t.services), runIssueTimers(t.services)]);
    expect(a.reminded + b.reminded).toBeGreaterThanOrEqual(1);
    const reminders = await t.services.db.selectFrom('issue_events').select('action').where('issue_id', '=', made.id).where('action', '=', 'remind').execute();
    expect(reminders).toHaveLength(1);
    const suolangId = (await t.services.db.selectFrom('users').select('id').where('username', '=', 'suolang').executeTakeFirstOrThrow()).id;
    const notes = await t.services.db.selectFrom('notifications').select('kind').where('issue_id', '=', made.id).where('user_id', '=', suolangId).execute();
    expect(notes.map((n) => n.kind)).toContain('issue.remind');
  });

  it('moves the deadline by working time when the compound approves an extension', async () => {
    const made = json<Made>(await report('luosang', small('4号楼屋面防水层破损')));
    let v = json<{ version: number }>(await act('suolang', made.id, 'accept', { version: made.version })).version;
    expect((await act('suolang', made.id, 'request_extension', { version: v, minutes: 10 })).statusCode).toBe(400);
    v = json<{ version: number }>(await act('suolang', made.id, 'request_extension', { version: v, minutes: 360, reason: '需等待材料' })).version;
    expect((await act('suolang', made.id, 'approve_extension', { version: v })).statusCode).toBe(403);
    const before = await t.services.db.selectFrom('issues').select('due_at').where('id', '=', made.id).executeTakeFirstOrThrow();
    expect((await act('basang', made.id, 'approve_extension', { version: v })).statusCode).toBe(200);
    const after = await t.services.db.selectFrom('issues').select(['due_at', 'extension_requested_minutes']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(after.extension_requested_minutes).toBeNull();
    // One working day (six office hours) later: the next working day at the same office time.
    expect(Date.parse(after.due_at ?? '') - Date.parse(before.due_at ?? '')).toBeGreaterThanOrEqual(24 * 3600_000);
  });

  it('merges a duplicate, rejects with a reason and transfers to a department', async () => {
    const a = json<Made>(await report('luosang', small('4号楼门口路灯坏了')));
    const b = json<Made>(await report('luosang', small('4号楼门口的路灯不亮')));
    const back = json<{ version: number }>(await act('suolang', b.id, 'return', { version: b.version, reason: '重复' }));
    const merged = json<{ status: string }>(await act('basang', b.id, 'merge', { version: back.version, intoId: a.id }));
    expect(merged.status).toBe('merged');
    const c = json<Made>(await report('luosang', small('希望小区开通免费WiFi')));
    const cBack = json<{ version: number }>(await act('suolang', c.id, 'return', { version: c.version, reason: '不属于楼栋事务' }));
    expect((await act('basang', c.id, 'reject', { version: cBack.version })).statusCode).toBe(400);
    expect(json<{ status: string }>(await act('basang', c.id, 'reject', { version: cBack.version, reason: 'not_actionable', comment: '建议向运营商咨询' })).status).toBe('rejected');
    const departments = json<{ items: { id: number; name: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/org/departments', headers: { cookie: S('najin').cookie } })).items;
    const d = json<Made>(await report('luosang', small('4号楼旁违规占道经营')));
    const dBack = json<{ version: number }>(await act('suolang', d.id, 'escalate', { version: d.version, reason: '需城管执法' }));
    const detailD = json<Detail>(await detail('basang', d.id));
    const up = json<{ version: number }>(await act('basang', d.id, 'escalate', { version: detailD.version, reason: '超出小区职权' }));
    expect(dBack.version).toBeLessThan(up.version);
    const up2 = json<{ version: number }>(await act('linqiong', d.id, 'escalate', { version: up.version, reason: '报街道' }));
    const dept = departments.find((x) => x.name.includes('城市管理'));
    const sent = json<{ status: string }>(await act('najin', d.id, 'assign', { version: up2.version, target: { kind: 'department', departmentId: dept?.id } }));
    expect(sent.status).toBe('assigned');
    expect(json<Detail>(await detail('najin', d.id)).level).toBe('department');
  });

  it('puts an overdue 小事 under the compound\'s supervision when the clock passes, exactly once', async () => {
    const made = json<Made>(await report('luosang', small('4号楼楼梯扶手松动')));
    expect(json<{ items: { id: number }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issues?view=supervision', headers: { cookie: S('basang').cookie } })).items.map((i) => i.id)).not.toContain(made.id);
    await later(8 * 3600_000); // 19:00 Lhasa time, past the 18:00 deadline
    const [a, b] = await Promise.all([runIssueTimers(t.services), runIssueTimers(t.services)]);
    expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(1);
    const events = await t.services.db.selectFrom('issue_events').select('action').where('issue_id', '=', made.id).where('action', '=', 'overdue').execute();
    expect(events).toHaveLength(1);
    const again = await runIssueTimers(t.services);
    expect(again.overdue).toBe(0);
    const sup = json<{ items: { id: number; overdue: boolean; supervision: number }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/issues?view=supervision', headers: { cookie: S('basang').cookie } }));
    const item = sup.items.find((i) => i.id === made.id);
    expect(item).toMatchObject({ overdue: true, supervision: 1 });
    expect(json<Detail>(await detail('basang', made.id)).actions).toContain('supervise');
    const notes = await t.services.db.selectFrom('notifications').select('kind').where('issue_id', '=', made.id).where('kind', '=', 'issue.overdue').execute();
    expect(notes.length).toBeGreaterThan(0);
  });

  it('sends a second return up a level by itself', async () => {
    const made = json<Made>(await report('luosang', small('4号楼外墙瓷砖脱落')));
    const r1 = json<{ status: string; version: number }>(await act('suolang', made.id, 'return', { version: made.version, reason: '需要物业高空作业' }));
    expect(r1.status).toBe('reported');
    let d = json<Detail>(await detail('basang', made.id));
    expect(d.level).toBe('compound');
    expect(d.actions).toContain('assign');
    const again = json<{ version: number }>(await act('basang', made.id, 'assign', { version: r1.version, target: { kind: 'building', unitId: building4 } }));
    const r2 = json<{ status: string; version: number }>(await act('suolang', made.id, 'return', { version: again.version, reason: '仍需专业队伍' }));
    expect(r2.status).toBe('reported');
    d = json<Detail>(await detail('linqiong', made.id));
    expect(d.level).toBe('community');
    expect(d.timeline.map((e) => e.action).slice(-2)).toEqual(['return', 'escalate']);
  });

  it('reopens once after 不满意 and puts a second 不满意 under supervision', async () => {
    const made = json<Made>(await report('luosang', small('4号楼单元门闭门器坏了')));
    let v = json<{ version: number }>(await act('suolang', made.id, 'accept', { version: made.version })).version;
    v = json<{ version: number }>(await act('suolang', made.id, 'resolve', { version: v, comment: '已修' })).version;
    const first = json<{ status: string; version: number }>(await act('luosang', made.id, 'rate', { version: v, rating: 'dissatisfied', comment: '还是关不上' }));
    expect(first.status).toBe('assigned');
    v = json<{ version: number }>(await act('suolang', made.id, 'accept', { version: first.version })).version;
    v = json<{ version: number }>(await act('suolang', made.id, 'resolve', { version: v, comment: '更换了闭门器' })).version;
    const second = json<{ status: string; version: number }>(await act('luosang', made.id, 'rate', { version: v, rating: 'dissatisfied' }));
    expect(second.status).toBe('resolved');
    const d = json<Detail>(await detail('basang', made.id));
    expect(d.supervision).toBe(2);
    expect(d.actions).toEqual(expect.arrayContaining(['close', 'transfer']));
  });

  it('closes an unrated issue as 未评价 after three working days, never as satisfied', async () => {
    const made = json<Made>(await report('luosang', small('4号楼信报箱损坏')));
    let v = json<{ version: number }>(await act('suolang', made.id, 'accept', { version: made.version })).version;
    v = json<{ version: number }>(await act('suolang', made.id, 'resolve', { version: v, comment: '已更换' })).version;
    expect(v).toBeGreaterThan(0);
    await later(6 * 24 * 3600_000);
    await runIssueTimers(t.services);
    const row = await t.services.db.selectFrom('issues').select(['status', 'rating']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', rating: 'none' });
  });

  it('lets a resident report from the building QR page without an account and follow it by token', async () => {
    const linksRes = await t.app.inject({ method: 'GET', url: `/api/v1/issues/qr-links?unitId=${tianfeng}`, headers: { cookie: S('linqiong').cookie } });
    expect(linksRes.statusCode, linksRes.body).toBe(200);
    const links = json<{ items: { buildingId: number; token: string }[] }>(linksRes).items;
    const link = links.find((l) => l.buildingId === building4);
    expect(link).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/buildings/${building4}-0000000000000000` })).statusCode).toBe(404);
    const page = json<{ building: { name: string }; rooms: unknown[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/public/buildings/${link?.token}` }));
    expect(page.building.name).toBe('4号楼');
    const body = { title: '楼下垃圾桶满了', body: '三天没人清理', categoryId: cat.sanitation, nature: 'help', placeKind: 'building', showName: false };
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/public/buildings/${link?.token}/issues`, headers: { 'idempotency-key': 'phone-1' }, payload: body });
    const retry = await t.app.inject({ method: 'POST', url: `/api/v1/public/buildings/${link?.token}/issues`, headers: { 'idempotency-key': 'phone-1' }, payload: body });
    expect(sent.statusCode).toBe(201);
    expect(json<Made>(retry).id).toBe(json<Made>(sent).id);
    const mine = json<{ items: { title: string; status: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/public/issues?tokens=${json<Made>(sent).token}` }));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]?.title).toBe('楼下垃圾桶满了');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/issues/qr-sheet.pdf?unitId=${tianfeng}`, headers: { cookie: S('linqiong').cookie } });
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('measures 小事不出楼栋 and draws the compound plan', async () => {
    const stats = json<{ bySize: { size: string; closed: number; settledLocally: number; share: number | null }[]; total: number }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/stats?unitId=${tianfeng}`, headers: { cookie: S('basang').cookie } }));
    const smallRow = stats.bySize.find((b) => b.size === 'small');
    expect(smallRow?.closed).toBeGreaterThan(0);
    expect(smallRow?.share).toBeGreaterThan(0);
    const plan = json<{ buildings: { buildingId: number; open: number; overdue: number }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/plan?unitId=${tianfeng}`, headers: { cookie: S('basang').cookie } }));
    expect(plan.buildings.find((b) => b.buildingId === building4)?.open).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/issues/plan?unitId=${tianfeng}`, headers: { cookie: S('xiangxue').cookie } })).statusCode).toBe(404);
  });
});
