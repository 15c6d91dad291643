/**
 * CSV as in RFC 4180, for 12345 hotline work orders coming in and issue lists going out to staff who open them
 * in Excel. Reading lives in core (uploads are parsed, with their limits, in the sheet worker).
 */
export { parseCsv } from '../../../core/csv.ts';

const BOM = '\uFEFF';

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
