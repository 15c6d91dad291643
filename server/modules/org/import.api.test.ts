import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../../test/harness.ts';
import { makeIdNumber } from './rules/identity.ts';
import { SHEET_COLUMNS } from './rules/sheet.ts';

let t: TestApp;
let gesang: Session;
let tianfeng: number;

beforeAll(async () => {
  t = await startTestApp();
  gesang = await signIn(t.app, 'gesang');
  tianfeng = await unitIdOf(t.services, '天峰祥和苑');
});
afterAll(async () => t.close());

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户信息');
  ws.addRow(SHEET_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, name = 'register.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----xiaoqu-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = async (file: Buffer, who: Session = gesang, unitId = tianfeng) => {
  const body = multipart(file);
  return t.app.inject({ method: 'POST', url: `/api/v1/org/import?unitId=${unitId}`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
};

const counts = async () => {
  const n = async (table: 'households' | 'residents') => Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { households: await n('households'), residents: await n('residents') };
};

const id1 = makeIdNumber('540102', '19800101', 11, 'male');
const id2 = makeIdNumber('540102', '19820202', 12, 'female');
const good = [
  ['2号楼', '3', '7', '701', '101.5', '强巴', '男', '藏族', '', '13908917001', id1, '业主'],
  ['2号楼', '3', '7', '701', '101.5', '央拉', '', '藏族', '', '', id2, '家庭成员'],
  ['2号楼', '3', '7', '702', '88', '', '', '', '', '', '', ''],
];

describe('household register import', () => {
  it('serves a template with the Chinese headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/org/import/template.xlsx', headers: { cookie: gesang.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(SHEET_COLUMNS.map((c) => c.header));
  });

  it('imports nothing from a sheet with one bad row, and says why for each row', async () => {
    const before = await counts();
    const bad = [...good, ['9号楼', '1', '1', '101', '80', '', '', '', '', '', '', ''], ['99号楼', 'x', '1', '102', '-3', '次仁', '男', '藏族', '', '123', '', '']];
    const res = await upload(await workbook(bad));
    expect(res.statusCode).toBe(422);
    const err = json<{ error: { code: string; details: { rejected: { row: number; reason: string }[]; reportId: number } } }>(res).error;
    expect(err.code).toBe('IMPORT_REJECTED');
    expect(err.details.rejected.map((r) => r.row)).toEqual([5, 6]);
    expect(err.details.rejected[0]?.reason).toContain('9号楼');
    expect(err.details.rejected[1]?.reason).toMatch(/单元.*建筑面积.*联系电话不是有效的电话号码/);
    expect(err.details.rejected[1]?.reason).toContain('小区中没有楼栋“99号楼”');
    expect(err.details.rejected.map((r) => r.reason).join()).not.toMatch(/[a-z]{3}/);
    expect(await counts()).toEqual(before);

    const report = await t.app.inject({ method: 'GET', url: `/api/v1/org/import/reports/${err.details.reportId}`, headers: { cookie: gesang.cookie } });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(3);
    expect(String(ws?.getRow(2).getCell(SHEET_COLUMNS.length + 1).value)).toContain('第 5 行');
    const other = await signIn(t.app, 'linqiong');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/org/import/reports/${err.details.reportId}`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
  });

  it('rejects a sheet without the template columns', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['name', 'phone']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(res).error.code).toBe('IMPORT_BAD_HEADERS');
  });

  it('imports a good sheet, and importing it again changes nothing', async () => {
    const before = await counts();
    const res = await upload(await workbook(good));
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ households: 2, updatedHouseholds: 0, residents: 2 });
    expect(await counts()).toEqual({ households: before.households + 2, residents: before.residents + 2 });
    const again = await upload(await workbook(good));
    expect(json(again)).toEqual({ households: 0, updatedHouseholds: 0, residents: 0 });
    expect(await counts()).toEqual({ households: before.households + 2, residents: before.residents + 2 });
    const yangla = await t.services.db.selectFrom('residents').selectAll().where('name', '=', '央拉').executeTakeFirstOrThrow();
    expect(yangla).toMatchObject({ gender: 'female', birth_date: '1982-02-02', relation: 'member' });
  });

  it('refuses an import by a role without the right (403) and outside the tree (404)', async () => {
    const file = await workbook(good);
    expect((await upload(file, await signIn(t.app, 'basang'))).statusCode).toBe(403);
    expect((await upload(file, await signIn(t.app, 'xiangxue'))).statusCode).toBe(404);
  });

  it('exports the same data back in the import format', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/export.xlsx?unitId=${tianfeng}`, headers: { cookie: gesang.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws?.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
    });
    const qiangba = rows.find((r) => r[5] === '强巴');
    expect(qiangba).toEqual(['2号楼', '3', '7', '701', '101.5', '强巴', '男', '藏族', '1980-01-01', '13908917001', id1, '业主']);
    // A grid worker may see the data in full; the export is audited as such.
    const audit = await t.services.db.selectFrom('audit_log').select('after_json').where('action', '=', 'org.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ unmasked: true });
    // Re-importing the export of the whole compound adds nothing.
    const before = await counts();
    const back = await upload(Buffer.from(res.rawPayload));
    expect(back.statusCode).toBe(200);
    expect(json(back)).toMatchObject({ households: 0, residents: 0 });
    expect(await counts()).toEqual(before);
  });

  it('masks the export for a role that may not see personal data in full', async () => {
    const zh = await signIn(t.app, 'zhangheng');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/export.xlsx?unitId=${tianfeng}`, headers: { cookie: zh.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cell = String(wb.worksheets[0]?.getRow(2).getCell(11).value ?? '');
    expect(cell).toMatch(/^\d{4}\*+[\dX]{4}$/);
  });
});
