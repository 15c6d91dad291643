import type ExcelJS from 'exceljs';
import { invalid } from '../../core/errors.ts';
import type { Writable } from 'node:stream';
import { turn } from '../../core/exports.ts';
import { readSpreadsheet } from '../../core/sheets.ts';
import { REPLY_HEADERS } from './rules/replies.ts';

// Reading the hotline's exports (.xlsx or .csv) into a header row and raw cell rows, and writing the reply sheet.
// Cell values stay as the reader gives them (Dates, numbers, rich text): the hotline rules read them. exceljs is
// loaded on first use: it weighs about 20 MB in memory.

async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export interface Table {
  headers: string[];
  /** The rows under the header, in file order: row i is spreadsheet row i + 2. */
  rows: unknown[][];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A cell as text for people: a spreadsheet Date holds the wall-clock time in its UTC fields. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('').trim();
    if ('text' in value) return cellText(value.text);
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value as string | number | boolean).trim();
}

/** The first sheet of an .xlsx workbook, or a CSV file; anything else is refused. */
export async function readTable(file: { name: string; data: Buffer }): Promise<Table> {
  const name = file.name.toLowerCase();
  if (file.data.subarray(0, 4).equals(ZIP_MAGIC) || name.endsWith('.xlsx')) {
    const sheet = await readSpreadsheet('xlsx', file.data);
    // The header row decides the width; the cells of each later row are read up to it.
    const width = sheet.rows[0]?.cells.length ?? 0;
    const headers = Array.from({ length: width }, (_, i) => cellText(sheet.rows[0]?.cells[i]));
    const rows = sheet.rows.slice(1).map((r) => Array.from({ length: width }, (_, i) => r.cells[i] ?? null));
    return { headers, rows };
  }
  if (!name.endsWith('.csv') && !name.endsWith('.txt')) {
    throw invalid('Send the work orders as .xlsx or .csv (save an old .xls as .xlsx first)', [{ path: 'file', message: 'not .xlsx or .csv' }]);
  }
  const [head, ...rows] = (await readSpreadsheet('csv', file.data)).rows.map((r) => r.cells as string[]);
  return { headers: (head ?? []).map((h) => h.trim()), rows };
}

/** Rows written between turns of the event loop. */
const ROWS_PER_TURN = 500;

/**
 * The reply sheet (Chinese headers, one row per work order) written to `out` with exceljs's streaming writer:
 * each row leaves memory once committed, and other requests get a turn every few hundred rows.
 */
export async function streamReplies(out: Writable, rows: string[][]): Promise<void> {
  // Shared strings keep empty cells (the streaming writer drops an empty inline string), as the sheet always had;
  // the table holds the distinct texts of at most MAX_EXPORT_ROWS orders.
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'xiaoqu';
  const ws = wb.addWorksheet('回复单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [22, 10, 18, 60, 24, 10];
  ws.columns = REPLY_HEADERS.map((header, i) => ({ header, key: `c${i}`, width: widths[i] ?? 16, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  // Set on the column before any row is committed: a streamed row takes its column's style when it is added.
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  for (let i = 0; i < rows.length; i += ROWS_PER_TURN) {
    for (const r of rows.slice(i, i + ROWS_PER_TURN)) ws.addRow(r).commit();
    if (!(await turn(out))) return;
  }
  ws.commit();
  await wb.commit();
}
