import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let linqiong: Session;
let gesang: Session;
let basang: Session;
let suolang: Session;
let luosang: Session;
let xiangxue: Session;
let yeweihui: Session;
let tianfeng: number;
let building4: number;
let xiangxueCompound: number;
let mediatorId: number;

interface Detail {
  id: number;
  number: string;
  status: string;
  version: number;
  unitName: string;
  committee: string;
  mediatorName: string;
  applicants: string[];
  respondents: string[];
  parties: { role: string; name: string; residentId: number | null }[];
  sessions: { heldOn: string; place: string }[];
  visits: { honoured: boolean; visitorName: string }[];
  terms: string | null;
  failureReason: string | null;
  actions: string[];
}
interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string }[] } };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const post = (who: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload: payload as Record<string, unknown> });
const get = (who: Session | null, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who ? { cookie: who.cookie } : {} });

const newCase = (overrides: Record<string, unknown> = {}) => ({
  unitId: building4,
  title: '楼道堆放杂物纠纷',
  kind: 'neighbour',
  facts: '扎西在4号楼2单元楼道长期堆放纸箱和旧家具，对门邻居德吉多次要求清理未果。',
  dispute: '杂物是否应当清理及清理期限。',
  mediatorVolunteerId: mediatorId,
  parties: [
    { role: 'applicant', name: '德吉', gender: 'female', ethnicity: '藏族', address: '天峰祥和苑4号楼2单元301' },
    { role: 'respondent', name: '扎西', gender: 'male', ethnicity: '藏族', address: '天峰祥和苑4号楼2单元302' },
  ],
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp();
  [linqiong, gesang, basang, suolang, luosang, xiangxue, yeweihui] = await Promise.all(
    ['linqiong', 'gesang', 'basang', 'suolang', 'luosang', 'xiangxue', 'yeweihui'].map((u) => signIn(t.app, u)),
  );
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  xiangxueCompound = await unitIdOf(t.services, '香雪佳园');
  const volunteers = json<Page<{ id: number; name: string; team: string }>>(await get(linqiong, `/volunteers?unitId=${tianfeng}&team=mediation`));
  mediatorId = volunteers.items[0]?.id ?? 0;
});
afterAll(async () => t.close());

describe('the demo', () => {
  it('has four mediation volunteers in 天峰祥和苑, a closed case with a return visit and an open one with a session', async () => {
    const volunteers = json<Page<{ name: string; team: string; unitName: string }>>(await get(basang, `/volunteers?unitId=${tianfeng}&team=mediation`));
    expect(volunteers.items).toHaveLength(4);
    expect(volunteers.items.every((v) => v.team === 'mediation' && v.unitName === '天峰祥和苑')).toBe(true);

    const cases = json<Page<{ id: number; status: string; applicants: string[] }>>(await get(linqiong, '/mediation/cases'));
    expect(cases.items.map((c) => c.status).sort()).toEqual(['closed', 'open']);
    const closed = cases.items.find((c) => c.status === 'closed');
    const detail = json<Detail>(await get(linqiong, `/mediation/cases/${closed?.id}`));
    expect(detail.visits).toHaveLength(1);
    expect(detail.visits[0]?.honoured).toBe(true);
    expect(detail.applicants).toEqual(['洛桑']);
    expect(detail.actions).toEqual(['downloadAgreement']);
    expect(detail.committee).toBe('林琼社区人民调解委员会');
  });
});

describe('who may see and handle cases', () => {
  it('asks for a session, then lists only for roles that read mediation', async () => {
    expect((await get(null, '/mediation/cases')).statusCode).toBe(401);
    expect((await get(luosang, '/mediation/cases')).statusCode).toBe(403);
    expect((await get(suolang, '/mediation/cases')).statusCode).toBe(403);
    expect((await get(yeweihui, '/mediation/cases')).statusCode).toBe(200);
    // A compound the branch secretary does not belong to is outside their tree.
    expect((await get(basang, `/mediation/cases?unitId=${xiangxueCompound}`)).statusCode).toBe(404);
  });

  it('refuses bad input field by field', async () => {
    const oneSided = await post(linqiong, '/mediation/cases', newCase({ parties: [{ role: 'applicant', name: '德吉' }, { role: 'applicant', name: '卓玛' }] }));
    expect(oneSided.statusCode).toBe(400);
    expect(json<ErrorBody>(oneSided).error.details?.issues?.map((i) => i.path)).toEqual(['parties']);
    expect((await post(linqiong, '/mediation/cases', newCase({ kind: 'murder' }))).statusCode).toBe(400);
    expect((await post(linqiong, '/mediation/cases', newCase({ title: '   ' }))).statusCode).toBe(400);
    expect((await post(linqiong, '/mediation/cases', newCase({ parties: [{ role: 'applicant', name: '德吉' }] }))).statusCode).toBe(400);
    const noMediator = await post(linqiong, '/mediation/cases', newCase({ mediatorVolunteerId: null, mediatorName: ' ' }));
    expect(json<ErrorBody>(noMediator).error.details?.issues?.map((i) => i.path)).toEqual(['mediatorName']);
  });

  it('answers 404 outside the caller’s tree and 403 without a handling role', async () => {
    expect((await post(basang, '/mediation/cases', newCase({ unitId: xiangxueCompound }))).statusCode).toBe(404);
    expect((await post(suolang, '/mediation/cases', newCase())).statusCode).toBe(403);
    expect((await post(luosang, '/mediation/cases', newCase({ unitId: tianfeng }))).statusCode).toBe(403);
    expect((await post(linqiong, '/mediation/cases', newCase({ issueId: 999999 }))).statusCode).toBe(404);
  });

  it('takes mediators only from the mediation team of the case’s compound', async () => {
    const elsewhere = await post(linqiong, '/volunteers', { unitId: xiangxueCompound, name: '普布', team: 'mediation' });
    expect(elsewhere.statusCode).toBe(201);
    const outOfArea = await post(linqiong, '/mediation/cases', newCase({ mediatorVolunteerId: json<{ id: number }>(elsewhere).id }));
    expect(outOfArea.statusCode).toBe(422);
    expect(json<ErrorBody>(outOfArea).error.code).toBe('MEDIATOR_OUT_OF_AREA');

    const patrol = await post(gesang, '/volunteers', { unitId: tianfeng, name: '旺堆', team: 'patrol', note: '夜间巡逻' });
    expect(patrol.statusCode).toBe(201);
    const notMediator = await post(linqiong, '/mediation/cases', newCase({ mediatorVolunteerId: json<{ id: number }>(patrol).id }));
    expect(json<ErrorBody>(notMediator).error.code).toBe('NOT_A_MEDIATOR');

    // A volunteer the caller cannot see does not exist for them.
    expect((await post(basang, '/mediation/cases', newCase({ mediatorVolunteerId: json<{ id: number }>(elsewhere).id }))).statusCode).toBe(404);
    expect((await post(luosang, '/volunteers', { unitId: tianfeng, name: '次仁', team: 'mediation' })).statusCode).toBe(403);
  });
});

describe('a case from opening to the return visit', () => {
  let id: number;

  it('opens with its parties and the mediator, and offers the steps of an open case', async () => {
    const res = await post(linqiong, '/mediation/cases', newCase());
    expect(res.statusCode).toBe(201);
    const c = json<Detail>(res);
    id = c.id;
    expect(c).toMatchObject({ status: 'open', version: 1, unitName: '4号楼', applicants: ['德吉'], respondents: ['扎西'], committee: '林琼社区人民调解委员会' });
    expect(c.number).toMatch(/^（2026）调字第\d{4}号$/);
    expect(c.mediatorName).not.toBe('');
    expect(c.actions).toEqual(['addSession', 'recordAgreement', 'recordFailure']);
    // The owners committee follows the case but takes no step.
    expect(json<Detail>(await get(yeweihui, `/mediation/cases/${id}`)).actions).toEqual([]);
  });

  it('keeps the case from other compounds and from roles that may not handle it', async () => {
    expect((await get(xiangxue, `/mediation/cases/${id}`)).statusCode).toBe(404);
    expect((await post(xiangxue, `/mediation/cases/${id}/sessions`, { version: 1, heldOn: '2026-11-26', place: '4号楼', summary: '…' })).statusCode).toBe(404);
    expect((await post(suolang, `/mediation/cases/${id}/sessions`, { version: 1, heldOn: '2026-11-26', place: '4号楼', summary: '…' })).statusCode).toBe(403);
    expect((await post(luosang, `/mediation/cases/${id}/agreement`, { version: 1, terms: 'x', performance: 'y', performBy: '2026-12-31' })).statusCode).toBe(403);
  });

  it('records a session, refusing a stale version and a future date', async () => {
    const session = { version: 1, heldOn: '2026-11-26', place: '天峰祥和苑党群服务站', summary: '双方陈述，扎西同意清理楼道。' };
    const future = await post(basang, `/mediation/cases/${id}/sessions`, { ...session, heldOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    const ok = await post(basang, `/mediation/cases/${id}/sessions`, session);
    expect(ok.statusCode).toBe(200);
    expect(json<Detail>(ok)).toMatchObject({ version: 2, sessions: [{ heldOn: '2026-11-26', place: '天峰祥和苑党群服务站' }] });
    const stale = await post(gesang, `/mediation/cases/${id}/sessions`, session);
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('STALE_VERSION');
  });

  it('has no agreement to print before there is one', async () => {
    const res = await get(linqiong, `/mediation/cases/${id}/agreement.pdf`);
    expect(res.statusCode).toBe(422);
    expect(json<ErrorBody>(res).error.code).toBe('NO_AGREEMENT');
  });

  it('records the agreement; its deadline may not precede it', async () => {
    const agreement = { version: 2, terms: '一、扎西于12月5日前清理楼道杂物；\n二、今后不在公共区域堆放物品。', performance: '扎西自行清理，楼栋长现场确认。', agreedOn: '2026-11-26', performBy: '2026-12-05' };
    expect((await post(linqiong, `/mediation/cases/${id}/agreement`, { ...agreement, performBy: '2026-11-20' })).statusCode).toBe(400);
    const res = await post(linqiong, `/mediation/cases/${id}/agreement`, agreement);
    expect(res.statusCode).toBe(200);
    expect(json<Detail>(res)).toMatchObject({ status: 'agreed', version: 3, actions: ['recordVisit', 'downloadAgreement'] });
  });

  it('prints the 人民调解协议书 in Chinese, and with Tibetan headings', async () => {
    const zh = await get(linqiong, `/mediation/cases/${id}/agreement.pdf`);
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    expect(String(zh.headers['content-disposition'])).toContain(encodeURIComponent('人民调解协议书'));
    expect(zh.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(zh.rawPayload.length).toBeGreaterThan(5 * 1024);
    expect(zh.rawPayload.toString('latin1')).toContain('NotoSansCJK');
    expect(zh.rawPayload.toString('latin1')).not.toContain('Tibetan_Machine_Uni');

    const bo = await get(yeweihui, `/mediation/cases/${id}/agreement.pdf?lang=bo`);
    expect(bo.statusCode).toBe(200);
    expect(bo.rawPayload.toString('latin1')).toContain('Tibetan_Machine_Uni');
    expect((await get(linqiong, `/mediation/cases/${id}/agreement.pdf?lang=fr`)).statusCode).toBe(400);
  });

  it('closes with the return visit, after which no step is left', async () => {
    const res = await post(gesang, `/mediation/cases/${id}/visits`, { version: 3, visitedOn: '2026-11-27', honoured: true, note: '楼道已清理干净。' });
    expect(res.statusCode).toBe(200);
    expect(json<Detail>(res)).toMatchObject({ status: 'closed', version: 4, visits: [{ honoured: true, visitorName: '格桑次仁' }], actions: ['downloadAgreement'] });
    const again = await post(gesang, `/mediation/cases/${id}/visits`, { version: 4, visitedOn: '2026-11-27', honoured: true });
    expect(again.statusCode).toBe(422);
    expect(json<ErrorBody>(again).error.code).toBe('CASE_STATE');
    expect((await get(linqiong, `/mediation/cases/${id}/agreement.pdf`)).statusCode).toBe(200);
  });

  it('wrote one audit row per step, in the case’s part of the tree', async () => {
    const rows = await t.services.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'path'])
      .where('subject_type', '=', 'mediation_case')
      .where('subject_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual([
      ['mediation.create', 'linqiong'],
      ['mediation.session', 'basang'],
      ['mediation.agree', 'linqiong'],
      ['mediation.visit', 'gesang'],
    ]);
    expect(rows.every((r) => r.path?.endsWith(`/${building4}/`))).toBe(true);
    const volunteerRows = await t.services.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'volunteer').execute();
    expect(volunteerRows.map((r) => r.action)).toEqual(['volunteer.create', 'volunteer.create']);
  });

  it('lists the case by status and unit, page by page', async () => {
    const closed = json<Page<{ id: number }>>(await get(linqiong, `/mediation/cases?unitId=${building4}&status=closed`));
    expect(closed.items.map((c) => c.id)).toContain(id);
    const first = json<Page<{ id: number }>>(await get(linqiong, '/mediation/cases?limit=1'));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = json<Page<{ id: number }>>(await get(linqiong, `/mediation/cases?limit=1&cursor=${first.nextCursor}`));
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});

describe('a case that fails', () => {
  it('records the reason and then refuses an agreement (422) and has nothing to print', async () => {
    const opened = json<Detail>(await post(basang, '/mediation/cases', newCase({ unitId: tianfeng, title: '宠物狗伤人赔偿纠纷', kind: 'other', mediatorVolunteerId: null, mediatorName: '巴桑' })));
    expect(opened.mediatorName).toBe('巴桑');
    const failed = await post(basang, `/mediation/cases/${opened.id}/fail`, { version: 1, reason: '双方对赔偿金额分歧过大，已告知可向人民法院起诉。' });
    expect(json<Detail>(failed)).toMatchObject({ status: 'failed', version: 2, actions: [] });
    expect(json<Detail>(failed).failureReason).toContain('人民法院');
    const agree = await post(basang, `/mediation/cases/${opened.id}/agreement`, { version: 2, terms: '赔偿500元', performance: '现金', performBy: '2026-12-31' });
    expect(agree.statusCode).toBe(422);
    expect(json<ErrorBody>(agree).error.code).toBe('CASE_STATE');
    expect((await get(basang, `/mediation/cases/${opened.id}/agreement.pdf`)).statusCode).toBe(422);
  });
});
