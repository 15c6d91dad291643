import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { turn } from '../../core/exports.ts';
import { readSpreadsheet } from '../../core/sheets.ts';
import { REASON_HEADER, SHEET_COLUMNS, type RawRow, type SheetKey } from './rules/sheet.ts';

// Reading and writing the household register as .xlsx. Cell values become plain strings here so the rules
// never see spreadsheet types. exceljs is loaded on first use: it weighs about 20 MB in memory.

async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

const SHEET_NAME = '住户信息';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export interface ParsedSheet {
  rows: { row: number; raw: RawRow }[];
  missingHeaders: string[];
}

/** Reads the first sheet (in the sheet worker, within the upload limits); columns are found by their Chinese header, in any order. */
export async function readSheet(buffer: Buffer): Promise<ParsedSheet> {
  const sheet = await readSpreadsheet('xlsx', buffer);
  const [head, ...body] = sheet.rows;
  if (!head) return { rows: [], missingHeaders: SHEET_COLUMNS.map((c) => c.header) };
  const positions = new Map<SheetKey, number>();
  head.cells.forEach((value, i) => {
    const header = cellText(value as ExcelJS.CellValue).trim();
    const column = SHEET_COLUMNS.find((c) => c.header === header);
    if (column) positions.set(column.key, i + 1);
  });
  const missingHeaders = SHEET_COLUMNS.filter((c) => !positions.has(c.key)).map((c) => c.header);
  const rows: ParsedSheet['rows'] = [];
  for (const row of body) {
    const raw: RawRow = {};
    for (const [key, col] of positions) raw[key] = cellText((row.cells[col - 1] ?? null) as ExcelJS.CellValue);
    if (Object.values(raw).some((v) => v && v.trim() !== '')) rows.push({ row: row.number, raw });
  }
  return { rows, missingHeaders };
}

type Validations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

function registerColumns(withReasons: boolean) {
  return [
    ...SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } })),
    ...(withReasons ? [{ header: REASON_HEADER, key: 'reason', width: 48 }] : []),
  ];
}

/** Drop-down lists over a range (not per cell, which would create empty rows in the sheet). */
function addDropDowns(ws: Validations, rowCount: number): void {
  const letter = (key: SheetKey) => String.fromCharCode(65 + SHEET_COLUMNS.findIndex((c) => c.key === key));
  const last = Math.max(rowCount + 1, 1000);
  ws.dataValidations.add(`${letter('gender')}2:${letter('gender')}${last}`, { type: 'list', allowBlank: true, formulae: ['"男,女"'] });
  ws.dataValidations.add(`${letter('relation')}2:${letter('relation')}${last}`, { type: 'list', allowBlank: true, formulae: ['"业主,家庭成员,租户"'] });
}

/** A workbook with the register's columns; `reasons` adds the 错误原因 column for a rejected-rows sheet. */
export async function writeSheet(rows: RawRow[], reasons?: string[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'xiaoqu';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = registerColumns(Boolean(reasons));
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => ws.addRow({ ...r, ...(reasons ? { reason: reasons[i] } : {}) }));
  addDropDowns(ws as unknown as Validations, rows.length);
  if (reasons) ws.getColumn('reason').font = { color: { argb: 'FFC00000' } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The register (the same sheet as `writeSheet` without reasons) written to `out` as the batches arrive: each row
 * is committed and leaves memory at once. `rowCount` (known beforehand) sizes the drop-down ranges, which the
 * format puts after the rows. Stops early when the client goes away.
 */
export async function streamSheet(out: Writable, batches: AsyncIterable<RawRow[]>, rowCount: number): Promise<void> {
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'xiaoqu';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = registerColumns(false);
  ws.getRow(1).font = { bold: true };
  addDropDowns(ws as unknown as Validations, rowCount);
  for await (const batch of batches) {
    for (const r of batch) ws.addRow(r).commit();
    if (!(await turn(out))) return;
  }
  ws.commit();
  await wb.commit();
}

/** The downloadable template: headers, one example row, and a sheet of instructions. */
export async function templateSheet(): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const example: RawRow = { building: '1号楼', unitNo: '1', floor: '3', room: '301', area: '96.5', name: '次仁卓玛', gender: '女', ethnicity: '藏族', birthDate: '1985-06-12', phone: '13908910000', idNumber: '', relation: '业主' };
  const data = await writeSheet([example]);
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', key: 'col', width: 14 }, { header: '说明', key: 'note', width: 70 }];
  const notes: Record<SheetKey, string> = {
    building: '必填。楼栋名称，须与系统中该小区的楼栋名称一致，如“4号楼”',
    unitNo: '必填。单元号，整数',
    floor: '必填。楼层，整数',
    room: '必填。房号，如 301',
    area: '必填。建筑面积（平方米），业主表决按面积计票',
    name: '姓名；不填则只登记房屋',
    gender: '男 / 女；填写身份证号时可不填',
    ethnicity: '民族，如 藏族、汉族；不填视为汉族',
    birthDate: '格式 YYYY-MM-DD；填写身份证号时可不填',
    phone: '手机号或带区号的座机号；加密保存',
    idNumber: '18 位居民身份证号；加密保存，校验码须正确',
    relation: '业主 / 家庭成员 / 租户',
  };
  for (const c of SHEET_COLUMNS) help.addRow({ col: c.header, note: notes[c.key] });
  help.addRow({ col: '', note: '任何一行有误时整表不导入，系统返回标注了错误原因的表格，改正后重新上传即可。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
