import { parentPort } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { parseCsv } from './csv.ts';
import { DomainError, uploadOverLimit, uploadUnreadable } from './errors.ts';
import { countSheets, overLimit, scanSharedStrings, scanWorksheet, SheetRefused, type ScanTotals } from './sheetScan.ts';
import type { UploadLimits } from './uploads.ts';
import { unzip, zip, ZipRefused } from './zip.ts';

// The reading of an uploaded spreadsheet, run inside a worker thread (see sheets.ts): the archive is unpacked
// here with every limit checked while reading, and only then does exceljs build the workbook, from a re-packed
// archive of exactly the checked bytes.

export type SheetKind = 'xlsx' | 'csv';

/** One row of the first sheet: `cells[i]` is column i + 1, as the spreadsheet library gives it (Date, number, rich text …). */
export interface SheetRow {
  number: number;
  cells: unknown[];
}

/** The first sheet of a workbook (or a CSV): every row from 1 to the last, empty ones with no cells. */
export interface Sheet {
  rows: SheetRow[];
}

export interface WorkerRequest {
  id: number;
  kind: SheetKind;
  data: Uint8Array;
  limits: UploadLimits;
}

export type WorkerAnswer = { id: number } & ({ ok: true; sheet: Sheet } | { ok: false; error: { kind: DomainError['kind']; code: string; message: string; details?: Record<string, unknown> } });

function refusal(err: SheetRefused | ZipRefused, limits: UploadLimits): DomainError {
  const limit = err instanceof ZipRefused ? err.reason : err.limit;
  if (limit === 'unreadable') return uploadUnreadable(err.message);
  const max = { unpacked: limits.maxUnpackedBytes, entries: limits.maxEntries, sheets: limits.maxSheets, rows: limits.maxRows, columns: limits.maxColumns, cells: limits.maxCells, cellLength: limits.maxCellChars }[limit];
  return uploadOverLimit(limit, max, err.message);
}

/** The parts of a workbook checked against the limits, re-packed uncompressed for exceljs. */
function checkedWorkbook(data: Buffer, limits: UploadLimits): Buffer {
  const parts = unzip(data, limits);
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw new SheetRefused('unreadable', 'The archive has no workbook part; it is not an .xlsx file');
  const sheetParts = [...parts.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name));
  if (countSheets(workbook) > limits.maxSheets || sheetParts.length > limits.maxSheets) throw overLimit('sheets', limits);
  const totals: ScanTotals = { cells: 0 };
  for (const name of sheetParts) scanWorksheet(parts.get(name) ?? Buffer.alloc(0), limits, totals);
  const shared = parts.get('xl/sharedStrings.xml');
  if (shared) scanSharedStrings(shared, limits);
  return zip(parts);
}

/** Cell values of a worksheet row as plain data, including what merged cells show. */
function rowCells(row: ExcelJS.Row): unknown[] {
  return Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value);
}

async function readXlsx(data: Buffer, limits: UploadLimits): Promise<Sheet> {
  const checked = checkedWorkbook(data, limits);
  const ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJSModule.Workbook();
  try {
    await wb.xlsx.load(checked as unknown as ArrayBuffer);
  } catch {
    throw uploadUnreadable('The file is not a readable .xlsx workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [] };
  // The scan bounded the last row number, so this loop is bounded too.
  if (ws.rowCount > limits.maxRows + 1) throw overLimit('rows', limits);
  const rows: SheetRow[] = [];
  for (let n = 1; n <= ws.rowCount; n++) rows.push({ number: n, cells: rowCells(ws.getRow(n)) });
  return { rows };
}

/** CSV text: UTF-8 when it is valid UTF-8, else GB18030, which is what Excel in China saves CSV as. */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** Reads a spreadsheet within the limits. Throws DomainError (UPLOAD_* codes, or the CSV parser's VALIDATION_FAILED). */
export async function parseSpreadsheet(kind: SheetKind, data: Buffer, limits: UploadLimits): Promise<Sheet> {
  try {
    if (kind === 'xlsx') return await readXlsx(data, limits);
    return { rows: parseCsv(decodeCsv(data), limits).map((cells, i) => ({ number: i + 1, cells })) };
  } catch (err) {
    if (err instanceof SheetRefused || err instanceof ZipRefused) throw refusal(err, limits);
    throw err;
  }
}

/** The worker's side: requests come as messages, one at a time; each gets one answer with its id. */
export function runInWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runInWorker outside a worker thread');
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
      let answer: WorkerAnswer;
      try {
        answer = { id: request.id, ok: true, sheet: await parseSpreadsheet(request.kind, data, request.limits) };
      } catch (err) {
        // Anything else is a defect of the server, not of the file: it ends the worker and is logged by the parent.
        if (!(err instanceof DomainError)) throw err;
        answer = { id: request.id, ok: false, error: { kind: err.kind, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      }
      port.postMessage(answer);
    })();
  });
}
