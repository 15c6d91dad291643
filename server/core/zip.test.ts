import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadMalformed, uploadMissing, uploadOverLimit, uploadTooComplex, uploadTooLarge, uploadUnreadable, type UploadRefusal } from './errors.ts';
import { countSheets, scanSharedStrings, scanWorksheet, SheetRefused, type SheetLimits } from './sheetScan.ts';
import { unzip, zip, ZipRefused } from './zip.ts';

const LIMITS = { maxEntries: 10, maxUnpackedBytes: 1000 };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZipRefused) return err.reason;
    if (err instanceof SheetRefused) return err.limit;
    throw err;
  }
  return 'accepted';
}

describe('unzip', () => {
  it('reads back what zip wrote, stored or deflated', () => {
    for (const deflate of [false, true]) {
      const parts = unzip(zip([['a.xml', Buffer.from('<a/>')], ['b/c.xml', Buffer.from('汉字'.repeat(50))]], { deflate }), LIMITS);
      expect([...parts.keys()]).toEqual(['a.xml', 'b/c.xml']);
      expect(parts.get('b/c.xml')?.toString()).toBe('汉字'.repeat(50));
    }
  });

  it('refuses by the declared entry count and sizes before inflating anything', () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => [`${i}.xml`, Buffer.from('x')] as [string, Buffer]));
    expect(refusal(() => unzip(many, LIMITS))).toBe('entries');
    expect(refusal(() => unzip(zip([['big.xml', Buffer.alloc(1001)]], { deflate: true }), LIMITS))).toBe('unpacked');
  });

  it('counts inflated bytes whatever the headers claim', () => {
    const file = zip([['big.xml', Buffer.alloc(100_000, 0x20)]], { deflate: true });
    // Claim 10 bytes in the central directory (offset 24 of its one record).
    const cd = file.length - 22 - (46 + 'big.xml'.length);
    file.writeUInt32LE(10, cd + 24);
    expect(refusal(() => unzip(file, LIMITS))).toBe('unpacked');
    // Within the budget, a size that does not match the header is a broken file.
    const small = zip([['s.xml', Buffer.alloc(500, 0x20)]], { deflate: true });
    small.writeUInt32LE(10, small.length - 22 - (46 + 's.xml'.length) + 24);
    expect(refusal(() => unzip(small, LIMITS))).toBe('unreadable');
  });

  it('refuses what an .xlsx never is: not a zip, encrypted, duplicate names', () => {
    expect(refusal(() => unzip(Buffer.from('not a zip at all, just text'), LIMITS))).toBe('unreadable');
    const encrypted = zip([['a.xml', Buffer.from('<a/>')]]);
    encrypted.writeUInt16LE(0x0801, encrypted.length - 22 - (46 + 5) + 8);
    expect(refusal(() => unzip(encrypted, LIMITS))).toBe('unreadable');
    expect(refusal(() => unzip(zip([['a.xml', Buffer.from('1')], ['a.xml', Buffer.from('2')]]), LIMITS))).toBe('unreadable');
  });
});

describe('sheet scan', () => {
  const limits: SheetLimits = { maxSheets: 2, maxRows: 3, maxColumns: 3, maxCells: 10, maxCellChars: 5 };
  const sheet = (rows: string) => Buffer.from(`<?xml version="1.0"?><x:worksheet xmlns:x="s"><x:sheetData>${rows}</x:sheetData></x:worksheet>`);

  it('counts rows, columns, cells and characters (of UTF-8 text, with or without a namespace prefix)', () => {
    expect(refusal(() => scanWorksheet(sheet('<x:row><x:c><x:v>藏文汉字ab</x:v></x:c></x:row>'), limits, { cells: 0 }))).toBe('cellLength');
    expect(refusal(() => scanWorksheet(sheet('<x:row><x:c><x:v>藏文汉字a</x:v></x:c></x:row>'), limits, { cells: 0 }))).toBe('accepted');
    expect(refusal(() => scanWorksheet(sheet('<row/><row/><row/><row/><row/>'), limits, { cells: 0 }))).toBe('rows');
    expect(refusal(() => scanWorksheet(sheet('<row><c/><c/><c/><c/></row>'), limits, { cells: 0 }))).toBe('columns');
    expect(refusal(() => scanWorksheet(sheet('<row r="2"><c r="D2"/></row>'), limits, { cells: 0 }))).toBe('columns');
    expect(refusal(() => scanWorksheet(sheet('<row><c><v><![CDATA[123456]]></v></c></row>'), limits, { cells: 0 }))).toBe('cellLength');
    // Cells add up across the sheets of a workbook.
    const totals = { cells: 0 };
    scanWorksheet(sheet('<row><c/><c/><c/></row><row><c/><c/><c/></row>'), limits, totals);
    expect(refusal(() => scanWorksheet(sheet('<row><c/><c/><c/></row><row><c/><c/></row>'), limits, totals))).toBe('cells');
  });

  it('counts merged ranges and validations as the cells they cover', () => {
    expect(refusal(() => scanWorksheet(Buffer.from('<worksheet><mergeCells><mergeCell ref="A1:C4"/></mergeCells></worksheet>'), limits, { cells: 0 }))).toBe('cells');
    expect(refusal(() => scanWorksheet(Buffer.from('<worksheet><dataValidations><dataValidation sqref="A1:A3 B1:B3"/></dataValidations></worksheet>'), limits, { cells: 0 }))).toBe('accepted');
    expect(refusal(() => scanWorksheet(Buffer.from('<worksheet><dataValidations><dataValidation sqref="A:A"/></dataValidations></worksheet>'), limits, { cells: 0 }))).toBe('cells');
  });

  it('counts shared strings with all their runs, and the sheets of the workbook', () => {
    expect(refusal(() => scanSharedStrings(Buffer.from('<sst><si><r><t>abc</t></r><r><t>def</t></r></si></sst>'), limits))).toBe('cellLength');
    expect(refusal(() => scanSharedStrings(Buffer.from('<sst><si><t>abc</t></si><si><t>de</t></si></sst>'), limits))).toBe('accepted');
    expect(countSheets(Buffer.from('<workbook><sheets><sheet name="a"/><sheet name="b"/></sheets></workbook>'))).toBe(2);
  });
});

describe('upload error codes', () => {
  it('each has a translation in every catalog the web app ships', () => {
    const refusals: UploadRefusal[] = ['unpacked', 'entries', 'sheets', 'rows', 'columns', 'cells', 'cellLength'];
    const codes = [...refusals.map((r) => uploadOverLimit(r, 1, '').code), uploadTooLarge(1).code, uploadUnreadable('').code, uploadTooComplex('').code, uploadMalformed('').code, uploadMissing('file').code];
    expect(new Set(codes).size).toBe(codes.length);
    for (const lang of ['zh-CN', 'bo', 'en']) {
      const catalog = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../../web/src/i18n/${lang}/errors.json`), 'utf8')) as Record<string, unknown>;
      for (const code of codes) expect(typeof catalog[code], `${lang} ${code}`).toBe('string');
    }
  });
});
