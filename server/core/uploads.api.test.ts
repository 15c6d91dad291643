import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from '../test/harness.ts';
import { UPLOAD_LIMITS } from './uploads.ts';
import { zip } from './zip.ts';

// Every upload route is bounded before anything is expanded, and a broken multipart body is a 400: a hostile or
// careless file fails its own request and the server keeps answering.

let t: TestApp;
let staff: Session;
let gridWorker: Session;
let compound: number;
let sourceId: number;

const BOUNDARY = '----xiaoqu-upload-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

function multipart(file: Buffer, name: string, field = 'file'): Buffer {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return Buffer.concat([head, file, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

interface Route {
  url: () => string;
  who: () => Session;
}
const ROUTES: Record<string, Route> = {
  'org import': { url: () => `/api/v1/org/import?unitId=${compound}`, who: () => staff },
  'hotline preview': { url: () => '/api/v1/hotline/preview', who: () => gridWorker },
  'hotline import': { url: () => `/api/v1/hotline/import?sourceId=${sourceId}`, who: () => staff },
};

const send = (route: Route, payload: Buffer | string, contentType = MULTIPART) =>
  t.app.inject({ method: 'POST', url: route.url(), headers: { ...route.who().headers, 'content-type': contentType }, payload });

const upload = (route: Route, file: Buffer, name: string) => send(route, multipart(file, name));

async function expectAlive(): Promise<void> {
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  expect(res.statusCode).toBe(200);
}

/** A workbook with the given worksheet XML as its only sheet (the parts exceljs needs to open it). */
function workbook(sheetXml: Buffer, opts: { deflate?: boolean; extra?: [string, Buffer][] } = {}): Buffer {
  const parts: [string, Buffer][] = [
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')],
    ['_rels/.rels', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')],
    ['xl/workbook.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')],
    ['xl/_rels/workbook.xml.rels', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
    ['xl/worksheets/sheet1.xml', sheetXml],
    ...(opts.extra ?? []),
  ];
  return zip(parts, { deflate: opts.deflate ?? true });
}

const sheetXml = (rows: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);

/** About 72 MB of sheet XML (the same small row again and again) that deflates to a few hundred KB. */
function bomb(): Buffer {
  const row = `<row>${'<c t="inlineStr"><is><t>0</t></is></c>'.repeat(8)}</row>`;
  const rows = row.repeat(Math.ceil(72_000_000 / row.length));
  return workbook(sheetXml(rows));
}

/** Rewrites the uncompressed size that the archive declares for one part (local header and central directory). */
function lieAboutSize(file: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(file);
  const name = Buffer.from(part);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + name.length).equals(name)) out.writeUInt32LE(size, i + 22);
    else if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + name.length).equals(name)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  staff = await signIn(t.app, 'linqiong');
  gridWorker = await signIn(t.app, 'gesang');
  compound = await unitIdOf(t.services, '天峰祥和苑');
  const community = await unitIdOf(t.services, '林琼社区');
  const mapping = { orderNo: '工单编号', title: '标题', body: '诉求内容', address: '事发地址' };
  const made = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/sources', headers: staff.headers, payload: { unitId: community, name: '12345', mapping } });
  expect(made.statusCode, made.body).toBe(201);
  sourceId = json<{ id: number }>(made).id;
});
afterAll(async () => t.close());

describe('a zip bomb', () => {
  const file = bomb();

  it('is a small file that unpacks to about 72 MB', () => {
    expect(file.length).toBeLessThan(UPLOAD_LIMITS.maxBytes);
    expect(file.length).toBeLessThan(1024 * 1024);
  });

  for (const name of ['org import', 'hotline preview'] as const) {
    it(`is refused on ${name} with 413 before it is unpacked, and the server keeps answering`, async () => {
      const res = await upload(ROUTES[name] as Route, file, 'orders.xlsx');
      expect(res.statusCode, res.body).toBe(413);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('UPLOAD_UNPACKED_TOO_LARGE');
      await expectAlive();
    });
  }

  it('is refused even when its headers claim small sizes: inflated bytes are counted while inflating', async () => {
    const liar = lieAboutSize(file, 'xl/worksheets/sheet1.xml', 1000);
    for (const name of ['org import', 'hotline preview'] as const) {
      const res = await upload(ROUTES[name] as Route, liar, 'orders.xlsx');
      expect(res.statusCode, res.body).toBe(413);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('UPLOAD_UNPACKED_TOO_LARGE');
    }
    await expectAlive();
  });
});

describe('limits on what a file holds', () => {
  const codeOf = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;

  it('refuses an archive that declares a huge number of entries', async () => {
    const file = workbook(sheetXml('<row><c t="inlineStr"><is><t>x</t></is></c></row>'));
    const eocd = file.length - 22;
    file.writeUInt16LE(60_000, eocd + 8);
    file.writeUInt16LE(60_000, eocd + 10);
    const res = await upload(ROUTES['hotline preview'] as Route, file, 'orders.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    expect(codeOf(res)).toBe('UPLOAD_TOO_MANY_ENTRIES');
  });

  it('refuses a sheet with too many columns', async () => {
    const res = await upload(ROUTES['org import'] as Route, workbook(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>楼栋</t></is></c><c r="XFA1" t="inlineStr"><is><t>x</t></is></c></row>')), 'register.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    expect(codeOf(res)).toBe('UPLOAD_TOO_MANY_COLUMNS');
  });

  it('refuses a sheet whose rows run past the limit, and a cell longer than Excel allows', async () => {
    const far = await upload(ROUTES['hotline preview'] as Route, workbook(sheetXml(`<row r="${UPLOAD_LIMITS.maxRows + 2}"><c t="inlineStr"><is><t>x</t></is></c></row>`)), 'orders.xlsx');
    expect(far.statusCode, far.body).toBe(422);
    expect(codeOf(far)).toBe('UPLOAD_TOO_MANY_ROWS');
    const long = await upload(ROUTES['hotline preview'] as Route, workbook(sheetXml(`<row><c t="inlineStr"><is><t>${'长'.repeat(UPLOAD_LIMITS.maxCellChars + 1)}</t></is></c></row>`)), 'orders.xlsx');
    expect(long.statusCode, long.body).toBe(422);
    expect(codeOf(long)).toBe('UPLOAD_CELL_TOO_LONG');
  });

  it('refuses a merged range that would make every cell of the sheet', async () => {
    const res = await upload(ROUTES['org import'] as Route, workbook(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`)), 'register.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    expect(codeOf(res)).toBe('UPLOAD_TOO_MANY_CELLS');
  });

  it('refuses a CSV over the row limit and one over the column limit, on preview and import', async () => {
    const rows = Buffer.from('工单编号,标题\r\n' + 'GD,灯\r\n'.repeat(UPLOAD_LIMITS.maxRows + 1));
    for (const name of ['hotline preview', 'hotline import'] as const) {
      const res = await upload(ROUTES[name] as Route, rows, 'orders.csv');
      expect(res.statusCode, res.body).toBe(422);
      expect(codeOf(res)).toBe('UPLOAD_TOO_MANY_ROWS');
    }
    const wide = await upload(ROUTES['hotline preview'] as Route, Buffer.from(`${'a,'.repeat(UPLOAD_LIMITS.maxColumns)}a\r\n`), 'orders.csv');
    expect(wide.statusCode, wide.body).toBe(422);
    expect(codeOf(wide)).toBe('UPLOAD_TOO_MANY_COLUMNS');
  });

  it('refuses a file larger than an upload may be with 413 while reading it', async () => {
    const res = await upload(ROUTES['hotline preview'] as Route, Buffer.alloc(UPLOAD_LIMITS.maxBytes + 1, 0x61), 'orders.csv');
    expect(res.statusCode, res.body).toBe(413);
    expect(codeOf(res)).toBe('UPLOAD_TOO_LARGE');
  });

  it('reads a good file after all that (the workers recover)', async () => {
    const res = await upload(ROUTES['hotline preview'] as Route, Buffer.from('工单编号,标题\r\nGD-1,路灯不亮\r\n'), 'orders.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ sample: string[][] }>(res).sample).toEqual([['GD-1', '路灯不亮']]);
  });
});

describe('broken multipart bodies are 400 on every upload route', () => {
  const file = Buffer.from('工单编号,标题\r\nGD-1,路灯不亮\r\n');
  const cases: [string, () => Promise<{ statusCode: number; body: string }>, Route][] = [];
  for (const [name, route] of Object.entries(ROUTES)) {
    const whole = () => multipart(file, 'orders.csv');
    cases.push(
      [`${name}: no closing boundary`, () => send(route, whole().subarray(0, whole().length - `\r\n--${BOUNDARY}--\r\n`.length)), route],
      [`${name}: part headers cut off`, () => send(route, Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filena`)), route],
      [`${name}: no boundary in the content type`, () => send(route, whole(), 'multipart/form-data'), route],
      [`${name}: a text field where the file belongs`, () => send(route, Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--${BOUNDARY}--\r\n`)), route],
      [`${name}: the file under another field name`, () => send(route, multipart(file, 'orders.csv', 'upload')), route],
      [`${name}: an empty body`, () => send(route, ''), route],
      [`${name}: garbage in place of a part`, () => send(route, Buffer.from(`--${BOUNDARY}\r\n\u0000\u0001\u0002\r\n\r\n--${BOUNDARY}`)), route],
    );
  }
  for (const [label, run] of cases) {
    it(label, async () => {
      const res = await run();
      expect(res.statusCode, res.body).toBe(400);
      expect(['UPLOAD_MALFORMED', 'UPLOAD_MISSING_FILE']).toContain(json<{ error: { code: string } }>(res).error.code);
    });
  }

  it('photo uploads (JSON data URLs) answer a multipart body with 400 as well', async () => {
    const token = await t.services.db.selectFrom('org_units').select('id').where('level', '=', 'building').executeTakeFirstOrThrow();
    const urls = [
      { url: '/api/v1/issues', who: staff },
      { url: '/api/v1/issues/1/actions/comment', who: staff },
      { url: `/api/v1/public/buildings/t${token.id}/issues`, who: null },
    ];
    for (const { url, who } of urls) {
      for (const payload of [multipart(Buffer.from([0xff, 0xd8, 0xff]), 'a.jpg', 'photos'), Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-da`), Buffer.alloc(0)]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...(who ? who.headers : {}), 'content-type': MULTIPART }, payload });
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
        expect([400, 404]).toContain(res.statusCode);
      }
    }
    await expectAlive();
  });
});
