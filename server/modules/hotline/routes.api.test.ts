import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from './rules/csv.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const s: Record<string, Session> = {};
let community: number;
let tianfeng: number;
let building4: number;
let sourceId: number;

const HEADERS = ['工单编号', '标题', '诉求内容', '来电时间', '办理时限', '事发地址', '来电人', '联系电话', '诉求类别'];
const MAPPING = { orderNo: '工单编号', title: '标题', body: '诉求内容', receivedAt: '来电时间', dueAt: '办理时限', address: '事发地址', callerName: '来电人', callerPhone: '联系电话', category: '诉求类别' };

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}

function multipart(file: Buffer, name: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----xiaoqu-hotline-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const csv = (rows: string[][]) => Buffer.from(toCsv([HEADERS, ...rows]));

async function upload(who: string, url: string, file: Buffer, name = 'orders.csv') {
  const body = multipart(file, name);
  return t.app.inject({ method: 'POST', url, headers: { ...S(who).headers, ...body.headers }, payload: body.payload });
}

const importFile = (who: string, file: Buffer, name?: string, id = sourceId) => upload(who, `/api/v1/hotline/import?sourceId=${id}`, file, name);

const issuesOf = (orderNo: string) =>
  t.services.db.selectFrom('issues').select(['id', 'unit_id', 'source', 'due_at', 'external_due_at', 'status', 'version', 'assignee_name', 'reporter_user_id', 'reporter_name', 'show_name']).where('hotline_source_id', '=', sourceId).where('external_no', '=', orderNo).execute();

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['linqiong', 'gesang', 'basang', 'xiangxue', 'suolang']) s[u] = await signIn(t.app, u);
  community = await unitIdOf(t.services, '林琼社区');
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
});
afterAll(async () => t.close());

describe('hotline sources', () => {
  it('are set up on a community with a column mapping, by front-line staff only', async () => {
    const body = { unitId: community, name: '12345市民热线', mapping: MAPPING };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', payload: body })).statusCode).toBe(401);
    const noBody = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('linqiong').headers, payload: { ...body, mapping: { title: '标题' } } });
    expect(noBody.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('linqiong').headers, payload: { ...body, unitId: tianfeng } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('xiangxue').headers, payload: body })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('basang').headers, payload: body })).statusCode).toBe(404);

    const made = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('linqiong').headers, payload: body });
    expect(made.statusCode, made.body).toBe(201);
    const source = json<{ id: number; unitName: string; mapping: Record<string, string> }>(made);
    expect(source).toMatchObject({ unitName: '林琼社区', mapping: MAPPING });
    sourceId = source.id;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: S('linqiong').headers, payload: body })).statusCode).toBe(409);

    const list = json<{ items: { id: number }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/hotline/sources?unitId=${community}`, headers: { cookie: S('gesang').cookie } }));
    expect(list.items.map((i) => i.id)).toEqual([sourceId]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/hotline/sources?unitId=${community}`, headers: { cookie: S('xiangxue').cookie } })).statusCode).toBe(404);

    const renamed = await t.app.inject({ method: 'POST', url: `/api/v1/hotline/sources/${sourceId}`, headers: S('linqiong').headers, payload: { name: '12345热线（城关区）', mapping: MAPPING } });
    expect(json<{ name: string }>(renamed).name).toBe('12345热线（城关区）');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/hotline/sources/${sourceId}`, headers: S('xiangxue').headers, payload: { mapping: MAPPING } })).statusCode).toBe(404);
  });

  it('previews a file: its headers, a guessed mapping and the first rows', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`GD-P${i}`, '', '楼道灯不亮', '', '', '天峰祥和苑4号楼', '', '', '']);
    const res = await upload('gesang', '/api/v1/hotline/preview', csv(rows));
    expect(res.statusCode, res.body).toBe(200);
    const preview = json<{ headers: string[]; guessed: Record<string, string>; sample: string[][] }>(res);
    expect(preview.headers).toEqual(HEADERS);
    expect(preview.guessed).toMatchObject({ orderNo: '工单编号', body: '诉求内容', dueAt: '办理时限', address: '事发地址', callerPhone: '联系电话' });
    expect(preview.sample).toHaveLength(5);
    expect(preview.sample[0]?.[0]).toBe('GD-P0');
    expect((await upload('basang', '/api/v1/hotline/preview', csv(rows))).statusCode).toBe(403);
    const notMultipart = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/preview', headers: S('gesang').headers, payload: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
  });
});

describe('importing work orders', () => {
  const lamp = ['GD-001', '4号楼楼道灯不亮', '4号楼2单元楼道灯坏了一周', '2026-11-27 09:12', '2026-11-30 18:00', '天峰祥和苑4号楼2单元', '王女士', '13908911234', '路灯照明'];

  it('routes each order like a report and keeps the hotline deadline as the due time', async () => {
    const res = await importFile('linqiong', csv([lamp]));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ imported: 1, existing: 0, duplicatesInFile: 0, total: 1 });
    const [issue, ...more] = await issuesOf('GD-001');
    expect(more).toHaveLength(0);
    expect(issue).toMatchObject({ unit_id: building4, source: 'hotline', status: 'assigned', assignee_name: '索朗曲珍', reporter_user_id: null, reporter_name: '王女士', show_name: 0 });
    // 18:00 Lhasa time is 10:00 UTC.
    expect(issue?.due_at).toBe('2026-11-30T10:00:00.000Z');
    expect(issue?.external_due_at).toBe('2026-11-30T10:00:00.000Z');
  });

  it('lands each order exactly once: repeats in the file and orders imported before are skipped and counted', async () => {
    const lift = ['GD-002', '', '2号楼电梯经常停运', '2026-11-27 09:30', '2026-12-02', '天峰祥和苑2号楼', '李先生', '13800000002', '物业服务-电梯故障'];
    const litter = ['GD-003', '', '南门垃圾堆放', '2026-11-27 10:01', '', '天峰祥和苑南门', '', '', '环境卫生'];
    const res = await importFile('gesang', csv([lift, lamp, lift, litter]));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ imported: 2, existing: 1, duplicatesInFile: 1, total: 4 });
    for (const no of ['GD-001', 'GD-002', 'GD-003']) expect(await issuesOf(no)).toHaveLength(1);
    const [onCompound] = await issuesOf('GD-003');
    expect(onCompound?.unit_id).toBe(tianfeng);
    const again = await importFile('gesang', csv([lift, lamp, litter]));
    expect(json(again)).toEqual({ imported: 0, existing: 3, duplicatesInFile: 0, total: 3 });
    const audit = await t.services.db.selectFrom('audit_log').select(['actor_name', 'after_json']).where('action', '=', 'hotline.import').orderBy('id').execute();
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({ imported: 2, existing: 1, duplicatesInFile: 1, total: 4 });
    expect(audit[1]?.actor_name).toBe('gesang');
  });

  it('imports nothing when an address names no compound or building of the source', async () => {
    const good = ['GD-010', '', '楼下噪音', '', '', '天峰祥和苑3号楼', '', '', '噪音扰民'];
    const lost = ['GD-011', '', '路面坑洼', '', '', '北京中路88号', '', '', '其他'];
    const broken = ['GD-012', '', '', '', '明天', '天峰祥和苑', '', '', ''];
    const res = await importFile('linqiong', csv([good, lost, broken]));
    expect(res.statusCode).toBe(422);
    const error = json<{ error: { code: string; details: { rejected: { row: number; reasons: string[] }[] } } }>(res).error;
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.details.rejected).toEqual([
      { row: 3, reasons: ['地址无法匹配到小区或楼栋'] },
      { row: 4, reasons: ['缺少诉求内容', expect.stringContaining('时间格式无法识别')] },
    ]);
    expect(await issuesOf('GD-010')).toHaveLength(0);
  });

  it('reads .xlsx exports with date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(HEADERS);
    // A spreadsheet date holds the local wall-clock time.
    ws.addRow(['GD-020', '', '门禁刷卡无反应', new Date(Date.UTC(2026, 10, 27, 9, 0)), new Date(Date.UTC(2026, 11, 1, 12, 0)), '天峰祥和苑4号楼', '', 13908910000, '门禁']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile('linqiong', file, 'orders.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const [issue] = await issuesOf('GD-020');
    expect(issue?.due_at).toBe('2026-12-01T04:00:00.000Z');
  });

  it('answers 404 for a source outside the caller\'s part of the tree', async () => {
    expect((await importFile('xiangxue', csv([lamp]))).statusCode).toBe(404);
    expect((await importFile('linqiong', csv([lamp]), 'orders.csv', 999_999)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/hotline/export.xlsx?sourceId=${sourceId}`, headers: { cookie: S('xiangxue').cookie } })).statusCode).toBe(404);
  });
});

describe('the reply sheet', () => {
  it('carries the reply of a resolved order back to the hotline', async () => {
    const [issue] = await issuesOf('GD-001');
    if (!issue) throw new Error('GD-001 was not imported');
    const act = (action: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/issues/${issue.id}/actions/${action}`, headers: S('suolang').headers, payload });
    const accepted = json<{ version: number }>(await act('accept', { version: issue.version }));
    expect((await act('resolve', { version: accepted.version, comment: '已更换楼道灯' })).statusCode).toBe(200);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/export.xlsx?sourceId=${sourceId}&from=2026-11-27&to=2026-11-27`, headers: { cookie: S('linqiong').cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['工单编号', '办理状态', '办结时间', '答复内容', '办理单位', '满意度']);
    expect(rows.find((r) => r[0] === 'GD-001')).toEqual(['GD-001', '已办结', '2026-11-27 11:00', '已更换楼道灯', '索朗曲珍', '']);
    expect(rows.find((r) => r[0] === 'GD-002')?.[1]).toBe('已派单');
    expect(rows).toHaveLength(5);

    const empty = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/export.xlsx?sourceId=${sourceId}&from=2026-11-28`, headers: { cookie: S('linqiong').cookie } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(empty.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]?.rowCount).toBe(1);
  });
});

describe('a failing import', () => {
  it('lands a file whole or not at all: a write failing on the second order leaves none of them', async () => {
    const rows = ['GD-090', 'GD-091', 'GD-092'].map((no, i) => [no, '', i === 1 ? '停电（写入失败）' : `路灯不亮 ${no}`, '', '', '天峰祥和苑4号楼', '', '', '路灯照明']);
    // A trigger makes the database refuse the second order's row, after the first was written.
    const sqlite = t.kind === 'sqlite';
    const create = sqlite
      ? [`create trigger refuse_order before insert on issues when new.external_no = 'GD-091' begin select raise(abort, 'refused for the test'); end`]
      : [
          `create function refuse_order() returns trigger language plpgsql as $$ begin if new.external_no = 'GD-091' then raise exception 'refused for the test'; end if; return new; end $$`,
          'create trigger refuse_order before insert on issues for each row execute function refuse_order()',
        ];
    for (const statement of create) await sql.raw(statement).execute(t.services.db);
    const failed = await importFile('linqiong', csv(rows));
    expect(failed.statusCode).toBe(500);
    for (const no of ['GD-090', 'GD-091', 'GD-092']) expect(await issuesOf(no)).toHaveLength(0);
    const drop = sqlite ? ['drop trigger refuse_order'] : ['drop trigger refuse_order on issues', 'drop function refuse_order()'];
    for (const statement of drop) await sql.raw(statement).execute(t.services.db);
    const again = await importFile('linqiong', csv(rows));
    expect(json(again)).toEqual({ imported: 3, existing: 0, duplicatesInFile: 0, total: 3 });
  });
});
