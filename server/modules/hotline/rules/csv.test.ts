import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.ts';
import { parseCsv, toCsv } from './csv.ts';

describe('parseCsv', () => {
  it('splits plain fields and rows, with CRLF or LF line ends', () => {
    expect(parseCsv('工单编号,诉求内容\r\nA1,路灯不亮\r\nA2,井盖缺失')).toEqual([['工单编号', '诉求内容'], ['A1', '路灯不亮'], ['A2', '井盖缺失']]);
    expect(parseCsv('a,b\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'no,body\r\n"A1","楼道灯坏了，""三单元""\r\n已报修两次, 无人处理"\r\n"A2",""\r\n';
    expect(parseCsv(text)).toEqual([['no', 'body'], ['A1', '楼道灯坏了，"三单元"\r\n已报修两次, 无人处理'], ['A2', '']]);
  });

  it('drops a leading BOM and only the one empty line after the last break', () => {
    expect(parseCsv('\uFEFF编号\r\n1\r\n')).toEqual([['编号'], ['1']]);
    expect(parseCsv('a\n\nb\n\n')).toEqual([['a'], [''], ['b'], ['']]);
  });

  it('keeps empty fields, also at the end of a line', () => {
    expect(parseCsv(',x,\n')).toEqual([['', 'x', '']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('is empty for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('refuses a quote that is never closed, naming the line', () => {
    let error: unknown;
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalid');
    expect((error as DomainError).message).toContain('line 2');
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends every row with CRLF and quotes only when needed', () => {
    expect(toCsv([['编号', '内容', '次数'], ['A1', '说 "灯" 坏了, 急', 3], ['A2', '第一行\n第二行', null]])).toBe(
      '\uFEFF编号,内容,次数\r\nA1,"说 ""灯"" 坏了, 急",3\r\nA2,"第一行\n第二行",\r\n',
    );
  });

  it('turns formula-like text into plain text but leaves numbers alone', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+86 138', '-1', '@SUM(A1)', -1, 'a=b']])).toBe(
      '\uFEFF"\'=HYPERLINK(""http://x"")",\'+86 138,\'-1,\'@SUM(A1),-1,a=b\r\n',
    );
  });

  it('round-trips through parseCsv', () => {
    const rows = [['编号', '内容'], ['A1', 'x,"y"\r\nz'], ['', '']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
