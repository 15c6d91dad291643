import { invalid } from './errors.ts';
import { overLimit, type SheetLimits } from './sheetScan.ts';

// CSV as in RFC 4180, read in core so that uploads can be parsed (with their limits) in the sheet worker.

const BOM = '\uFEFF';

/**
 * The rows of a CSV text: quoted fields may hold commas, line breaks and doubled quotes; lines end in CRLF or LF;
 * a leading byte-order mark and the empty line after a final line break are dropped. A quote that is never
 * closed is refused rather than swallowing the rest of the file into one field.
 */
export function parseCsv(text: string, limits?: SheetLimits): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let cells = 0;
  // Checked as the text is read, so a file over a limit stops there instead of being built whole first.
  const endField = () => {
    row.push(field);
    field = '';
    if (!limits) return;
    if (row.length > limits.maxColumns) throw overLimit('columns', limits);
    if (++cells > limits.maxCells) throw overLimit('cells', limits);
  };
  const endRow = () => {
    rows.push(row);
    row = [];
    if (limits && rows.length > limits.maxRows + 1) throw overLimit('rows', limits);
  };
  const grow = () => {
    if (limits && field.length > limits.maxCellChars) throw overLimit('cellLength', limits);
  };
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
        grow();
        i++;
      }
      i++; // the closing quote; anything up to the next separator is kept as written
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endField();
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    grow();
    i++;
  }
  // Text not ending in a line break has a last row still open.
  if (field !== '' || row.length > 0) {
    endField();
    endRow();
  }
  return rows;
}

