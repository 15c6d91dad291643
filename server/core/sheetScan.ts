/**
 * Counting what a spreadsheet holds before a spreadsheet library builds it in memory: rows, columns, cells and
 * the length of each cell's text, read straight from the XML bytes of an .xlsx (no DOM, no strings of the whole
 * part). Ranges that a library expands cell by cell (merged cells, data validations) count as the cells they
 * cover, so one `A1:XFD1048576` cannot stand for seventeen billion cells.
 */

export interface SheetLimits {
  maxSheets: number;
  /** Rows under the header (the last row number may be at most this + 1). */
  maxRows: number;
  maxColumns: number;
  /** Cells of all sheets together, including the cells that merged ranges and validations cover. */
  maxCells: number;
  /** Characters of one cell (Excel itself stops at 32,767). */
  maxCellChars: number;
}

export type SheetLimit = 'sheets' | 'rows' | 'columns' | 'cells' | 'cellLength';

export class SheetRefused extends Error {
  constructor(
    readonly limit: SheetLimit | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

export const overLimit = (limit: SheetLimit, limits: SheetLimits): SheetRefused => {
  const max = { sheets: limits.maxSheets, rows: limits.maxRows, columns: limits.maxColumns, cells: limits.maxCells, cellLength: limits.maxCellChars }[limit];
  return new SheetRefused(limit, `The file has more ${limit === 'cellLength' ? 'characters in a cell' : limit} than the ${max} allowed`);
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;

/** Characters of UTF-8 text: every byte that does not continue a character starts one. */
function utf8Chars(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (((buf[i] ?? 0) & 0xc0) !== 0x80) n++;
  return n;
}

/** Column number of letters "A".."XFD" at the start of a cell reference, and the row number after them. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,4})\$?(\d{1,9})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** Cells covered by a list of ranges such as `A1:B3 D4`; whole columns or rows count as the sheet's extent. */
function rangeCells(sqref: string): number {
  let total = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    if (!part) continue;
    const [a, b = a] = part.split(':');
    const from = parseCellRef(a ?? '') ?? { col: 1, row: 1 };
    const to = parseCellRef(b ?? '') ?? { col: 16_384, row: 1_048_576 };
    total += (Math.abs(to.col - from.col) + 1) * (Math.abs(to.row - from.row) + 1);
  }
  return total;
}

interface Tag {
  /** Local name without a namespace prefix. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just after the tag's '>'. */
  end: number;
  attrStart: number;
}

/** The tag opening at `lt`, or null at the end of the buffer. Comments, processing instructions and CDATA are skipped. */
function readTag(buf: Buffer, lt: number): Tag | null {
  let i = lt + 1;
  const closing = buf[i] === SLASH;
  if (closing) i++;
  const nameStart = i;
  while (i < buf.length) {
    const c = buf[i] ?? 0;
    if (c === 0x20 || c === GT || c === SLASH || c === 0x09 || c === 0x0a || c === 0x0d) break;
    i++;
  }
  let name = buf.toString('latin1', nameStart, i);
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(colon + 1);
  const attrStart = i;
  // Attribute values may hold '>' only inside quotes.
  let quote = 0;
  while (i < buf.length) {
    const c = buf[i] ?? 0;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOS) quote = c;
    else if (c === GT) break;
    i++;
  }
  if (i >= buf.length) return null;
  return { name, closing, selfClosing: buf[i - 1] === SLASH, end: i + 1, attrStart };
}

const ATTRIBUTES = new Map<string, RegExp>();

function attribute(buf: Buffer, tag: Tag, attr: string): string | null {
  const text = buf.toString('latin1', tag.attrStart, tag.end);
  let re = ATTRIBUTES.get(attr);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[A-Za-z]+:)?${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(attr, re);
  }
  const m = re.exec(text);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

/** Running totals across the parts of one workbook. */
export interface ScanTotals {
  cells: number;
}

/**
 * Walks a part's tags, calling `onTag` for each opening or closing tag and `onText` with the character count of
 * text between tags. Markup that is not a tag (`<?`, `<!`) is stepped over.
 */
function walk(buf: Buffer, onTag: (tag: Tag) => void, onText: (chars: number) => void): void {
  let pos = buf.indexOf(LT);
  while (pos >= 0) {
    const next = buf[pos + 1];
    if (next === 0x3f || next === 0x21) {
      // <?…?>, <!-- … -->, <![CDATA[ … ]]>: CDATA text counts as text.
      const cdata = buf.toString('latin1', pos, pos + 9) === '<![CDATA[';
      const close = cdata ? buf.indexOf(']]>', pos) : buf.indexOf('>', pos);
      if (close < 0) throw new SheetRefused('unreadable', 'Unterminated markup in the workbook');
      if (cdata) onText(utf8Chars(buf, pos + 9, close));
      pos = buf.indexOf(LT, close + 1);
      continue;
    }
    const tag = readTag(buf, pos);
    if (!tag) throw new SheetRefused('unreadable', 'Unterminated tag in the workbook');
    onTag(tag);
    const following = buf.indexOf(LT, tag.end);
    const textEnd = following < 0 ? buf.length : following;
    if (textEnd > tag.end) onText(utf8Chars(buf, tag.end, textEnd));
    pos = following;
  }
}

/** Checks one worksheet part against the limits, adding its cells to `totals`. Throws SheetRefused. */
export function scanWorksheet(buf: Buffer, limits: SheetLimits, totals: ScanTotals): void {
  let row = 0;
  let col = 0;
  let inCell = false;
  let cellChars = 0;
  const addCells = (n: number) => {
    totals.cells += n;
    if (totals.cells > limits.maxCells) throw overLimit('cells', limits);
  };
  walk(
    buf,
    (tag) => {
      if (tag.closing) {
        if (tag.name === 'c') inCell = false;
        return;
      }
      switch (tag.name) {
        case 'row': {
          const r = attribute(buf, tag, 'r');
          row = r ? Number(r) : row + 1;
          if (!Number.isInteger(row) || row < 1) throw new SheetRefused('unreadable', 'A row has an invalid number');
          if (row > limits.maxRows + 1) throw overLimit('rows', limits);
          col = 0;
          return;
        }
        case 'c': {
          const ref = attribute(buf, tag, 'r');
          const parsed = ref ? parseCellRef(ref) : null;
          col = parsed ? parsed.col : col + 1;
          if (parsed && parsed.row > limits.maxRows + 1) throw overLimit('rows', limits);
          if (col > limits.maxColumns) throw overLimit('columns', limits);
          addCells(1);
          inCell = !tag.selfClosing;
          cellChars = 0;
          return;
        }
        case 'mergeCell':
        case 'dataValidation': {
          const ref = attribute(buf, tag, tag.name === 'mergeCell' ? 'ref' : 'sqref');
          if (ref) addCells(rangeCells(ref));
          return;
        }
        default:
      }
    },
    (chars) => {
      if (!inCell) return;
      cellChars += chars;
      if (cellChars > limits.maxCellChars) throw overLimit('cellLength', limits);
    },
  );
}

/** Checks the shared-strings part: the number of strings and the length of each (all its runs together). */
export function scanSharedStrings(buf: Buffer, limits: SheetLimits): void {
  let strings = 0;
  let chars = 0;
  let inString = false;
  walk(
    buf,
    (tag) => {
      if (tag.name !== 'si') return;
      if (tag.closing) {
        inString = false;
        return;
      }
      strings++;
      if (strings > limits.maxCells) throw overLimit('cells', limits);
      chars = 0;
      inString = !tag.selfClosing;
    },
    (n) => {
      if (!inString) return;
      chars += n;
      if (chars > limits.maxCellChars) throw overLimit('cellLength', limits);
    },
  );
}

/** The number of sheets the workbook part lists. */
export function countSheets(buf: Buffer): number {
  let sheets = 0;
  walk(
    buf,
    (tag) => {
      if (!tag.closing && tag.name === 'sheet') sheets++;
    },
    () => undefined,
  );
  return sheets;
}
