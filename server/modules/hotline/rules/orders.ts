import { invalid } from '../../../core/errors.ts';

/**
 * Work orders (工单) from the city hotline 12345 arrive as a spreadsheet or CSV export whose columns differ from one
 * source to the next. Staff map the columns once per source (the mapping is stored with the source); these rules
 * turn the rows into orders and say, per spreadsheet row, what is wrong with the ones that cannot be taken.
 */

/** Which header of the source file holds each field. */
export interface HotlineMapping {
  orderNo: string;
  title?: string;
  body: string;
  receivedAt?: string;
  dueAt?: string;
  address?: string;
  callerName?: string;
  callerPhone?: string;
  category?: string;
}

export interface HotlineOrder {
  /** The spreadsheet row number: the header is row 1, the first order row 2. */
  row: number;
  orderNo: string;
  title: string;
  body: string;
  /** ISO instants in UTC. */
  receivedAt: string | null;
  dueAt: string | null;
  address: string | null;
  callerName: string | null;
  callerPhone: string | null;
  category: string | null;
}

export interface HotlineRows {
  orders: HotlineOrder[];
  /** Rows repeating an order number already taken from an earlier row of the same file. */
  duplicates: { row: number; orderNo: string }[];
  errors: { row: number; reasons: string[] }[];
}

type Field = keyof HotlineMapping;

const FIELDS: readonly Field[] = ['orderNo', 'title', 'body', 'receivedAt', 'dueAt', 'address', 'callerName', 'callerPhone', 'category'];
const REQUIRED: ReadonlySet<Field> = new Set(['orderNo', 'body']);

/** The headers 12345 exports use for each field. */
const HEADER_WORDS: Record<Field, readonly string[]> = {
  orderNo: ['工单编号', '工单号', '编号'],
  title: ['标题', '诉求标题', '工单标题'],
  body: ['诉求内容', '内容', '问题描述', '来电内容'],
  receivedAt: ['来电时间', '受理时间', '登记时间'],
  dueAt: ['办理时限', '截止时间', '办结时限', '到期时间'],
  address: ['地址', '事发地址', '诉求地址'],
  callerName: ['来电人', '联系人', '姓名'],
  callerPhone: ['联系电话', '来电号码', '电话'],
  category: ['诉求类别', '问题分类', '类别'],
};

const TITLE_LENGTH = 30;

/** Headers compare without spaces (also full-width ones) and in one Unicode form. */
function headerKey(header: string): string {
  return header.normalize('NFC').replace(/\s+/g, '');
}

/**
 * A first guess at the mapping from the file's headers, for staff to confirm. An exact header wins; then one that
 * ends with a known word, since a Chinese compound names its kind last (来电人电话 is a phone number, not a
 * caller); then one that merely contains it. A header is used for one field at most.
 */
export function guessMapping(headers: string[]): Partial<HotlineMapping> {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const guess: Partial<HotlineMapping> = {};
  const passes: ((key: string, word: string) => boolean)[] = [(k, w) => k === w, (k, w) => k.endsWith(w), (k, w) => k.includes(w)];
  for (const matches of passes) {
    for (const field of FIELDS) {
      if (guess[field] !== undefined) continue;
      // Longer words first: 事发地址 says more than 地址.
      const words = [...HEADER_WORDS[field]].sort((a, b) => b.length - a.length);
      for (const word of words) {
        const i = keys.findIndex((k, j) => !used.has(j) && matches(k, word));
        if (i === -1) continue;
        used.add(i);
        guess[field] = headers[i];
        break;
      }
    }
  }
  return guess;
}

// ---------------------------------------------------------------------------------------------------------------
// Cells. Spreadsheet readers give strings, numbers, booleans and Dates, and exceljs also rich text, hyperlinks
// and formulas as objects; CSV gives strings.

type Plain = string | number | boolean | Date | null;

function plain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((run: unknown) => (run && typeof run === 'object' && 'text' in run ? String(run.text) : '')).join('');
    }
    if ('text' in value) return plain(value.text);
    if ('result' in value) return plain(value.result);
  }
  return null;
}

function text(value: unknown): string {
  const v = plain(value);
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).normalize('NFC').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Times. The hotline writes local wall-clock time; Lhasa keeps Asia/Shanghai, UTC+8 without daylight saving.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOCAL_OFFSET_MINUTES = 8 * 60;
/** A deadline given as a bare date means the close of office hours that day. */
const DUE_DATE_ONLY_MINUTE = 18 * 60;
/** Day 0 of Excel's serial dates (it counts 1900 as a leap year, so day 1 is not 1900-01-01 in this frame). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_MAX_SERIAL = 2958466; // 10000-01-01

const DATE_PART = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const CLOCK_TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d{1,3})?)?$/;
const CHINESE_TIME = /^(\d{1,2})\s*[时点]\s*(?:(\d{1,2})\s*分?\s*(?:(\d{1,2})\s*秒)?)?$/;

/** The instant of a local wall-clock time written as if it were UTC, or null when it is not a real time. */
function wallClock(wall: number, zoneMinutes = LOCAL_OFFSET_MINUTES): string | null {
  const at = new Date(wall - zoneMinutes * MINUTE);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

function zoneMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

function fromText(value: string, dateOnlyMinute: number): string | null {
  // NFKC folds full-width digits and colons (２０２６年１１月２７日 １０：３０) into ASCII.
  const s = value.normalize('NFKC').trim();
  const date = DATE_PART.exec(s);
  if (!date) return null;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;

  let rest = s.slice(date[0].length).trim().replace(/^T\s*/i, '');
  if (rest === '') return wallClock(midnight + dateOnlyMinute * MINUTE);
  let zone = LOCAL_OFFSET_MINUTES;
  const z = ZONE.exec(rest);
  if (z?.[1]) {
    zone = zoneMinutes(z[1]);
    rest = rest.slice(0, z.index).trim();
  }
  const time = CLOCK_TIME.exec(rest) ?? CHINESE_TIME.exec(rest);
  if (!time) return null;
  const [hour, minute, second] = [Number(time[1]), Number(time[2] ?? 0), Number(time[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return wallClock(midnight + ((hour * 60 + minute) * 60 + second) * 1000, zone);
}

/**
 * A hotline time as an ISO instant in UTC, or null when the value is empty or cannot be read (`mapHotlineRows`
 * tells the two apart and reports the second as a row error). Reads 2026-11-27 10:30, 2026/11/27 10:30:00,
 * 2026-11-27T10:30, 2026年11月27日 10时30分, an explicit UTC offset, Excel serial day numbers and Dates from a
 * spreadsheet reader (whose UTC fields hold the local wall-clock time). A bare date is local midnight, or for a
 * deadline (`dueAt`) 18:00 local that day; a spreadsheet date without a time of day counts as a bare date.
 */
export function parseHotlineTime(value: unknown, field: 'receivedAt' | 'dueAt' = 'receivedAt'): string | null {
  const dateOnlyMinute = field === 'dueAt' ? DUE_DATE_ONLY_MINUTE : 0;
  const v = plain(value);
  if (v instanceof Date) {
    const wall = v.getTime();
    if (Number.isNaN(wall)) return null;
    return wallClock(wall % DAY === 0 ? wall + dateOnlyMinute * MINUTE : wall);
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= EXCEL_MAX_SERIAL) return null;
    // Rounded to the second: a serial's fraction rarely lands on a whole millisecond (10:31 is 0.43819444…).
    const wall = EXCEL_EPOCH + Math.round(v * 86_400) * 1000;
    return wallClock(Number.isInteger(v) ? wall + dateOnlyMinute * MINUTE : wall);
  }
  if (typeof v === 'string') return fromText(v, dateOnlyMinute);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows.

function titleFrom(body: string): string {
  return [...body.replace(/\s+/g, ' ')].slice(0, TITLE_LENGTH).join('');
}

/** The column index of each mapped field; throws `invalid` naming every mapped header the file does not have. */
function columnsOf(headers: string[], mapping: HotlineMapping): Partial<Record<Field, number>> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!index.has(key)) index.set(key, i);
  });
  const columns: Partial<Record<Field, number>> = {};
  const issues: { path: string; message: string }[] = [];
  for (const field of FIELDS) {
    const header = mapping[field];
    if (header === undefined || header.trim() === '') {
      if (REQUIRED.has(field)) issues.push({ path: `mapping.${field}`, message: 'Choose the column that holds this field' });
      continue;
    }
    const col = index.get(headerKey(header));
    if (col === undefined) issues.push({ path: `mapping.${field}`, message: `The file has no column "${header}"` });
    else columns[field] = col;
  }
  if (issues.length > 0) throw invalid(`The column mapping does not fit this file: ${issues.map((i) => i.message).join('; ')}`, issues);
  return columns;
}

const isBlank = (value: unknown): boolean => !(plain(value) instanceof Date) && text(value) === '';

/**
 * The orders in the rows under `headers`, as mapped. Empty rows are skipped; a row without an order number or a
 * body, or with a time that cannot be read, is reported with its reasons; a row repeating an order number of an
 * earlier order in the file is reported as a duplicate (the first is kept). Throws `invalid` when the mapping
 * names a header the file does not have.
 */
export function mapHotlineRows(headers: string[], rows: unknown[][], mapping: HotlineMapping): HotlineRows {
  const columns = columnsOf(headers, mapping);
  const result: HotlineRows = { orders: [], duplicates: [], errors: [] };
  const taken = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every(isBlank)) return;
    const cell = (field: Field): unknown => {
      const col = columns[field];
      return col === undefined ? undefined : cells[col];
    };
    const textOf = (field: Field): string | null => text(cell(field)) || null;
    const reasons: string[] = [];
    const timeOf = (field: 'receivedAt' | 'dueAt'): string | null => {
      const col = columns[field];
      if (col === undefined || isBlank(cells[col])) return null;
      const at = parseHotlineTime(cells[col], field);
      if (at === null) reasons.push(`时间格式无法识别：${text(cells[col])}（${headers[col]}）`);
      return at;
    };

    const orderNo = text(cell('orderNo'));
    const body = text(cell('body'));
    if (!orderNo) reasons.push('缺少工单编号');
    if (!body) reasons.push('缺少诉求内容');
    const receivedAt = timeOf('receivedAt');
    const dueAt = timeOf('dueAt');
    if (reasons.length > 0) {
      result.errors.push({ row, reasons });
      return;
    }
    if (taken.has(orderNo)) {
      result.duplicates.push({ row, orderNo });
      return;
    }
    taken.add(orderNo);
    result.orders.push({
      row,
      orderNo,
      title: textOf('title') ?? titleFrom(body),
      body,
      receivedAt,
      dueAt,
      address: textOf('address'),
      callerName: textOf('callerName'),
      callerPhone: textOf('callerPhone'),
      category: textOf('category'),
    });
  });
  return result;
}
