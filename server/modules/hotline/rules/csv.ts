import { invalid } from '../../../core/errors.ts';

/**
 * CSV as in RFC 4180, for 12345 hotline work orders coming in and issue lists going out to staff who open them
 * in Excel.
 */

const BOM = '\uFEFF';

/**
 * The rows of a CSV text: quoted fields may hold commas, line breaks and doubled quotes; lines end in CRLF or LF;
 * a leading byte-order mark and the empty line after a final line break are dropped. A quote that is never
 * closed is refused rather than swallowing the rest of the file into one field.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === '') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= src.length) throw invalid(`CSV: the quoted field opened on line ${opened} is never closed`);
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] !== '"') break;
          field += '"';
          i += 2;
          continue;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      i++; // the closing quote; anything up to the next separator is kept as written
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    i++;
  }
  // Text not ending in a line break has a last row still open.
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const NEEDS_QUOTES = /[",\r\n]/;
// A cell starting like a formula runs as one when the file is opened in Excel (CSV injection); residents write
// these texts, staff open the export, so such cells are prefixed with an apostrophe to stay plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text for Excel: a leading byte-order mark (so Chinese text is read as UTF-8), CRLF after every row. */
export function toCsv(rows: (string | number | null)[][]): string {
  return BOM + rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}
