import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import {
  cleanMapping,
  headerChoices,
  mappingProblemsOf,
  missingFields,
  periodIsValid,
  rejectedOrdersOf,
  startingMapping,
} from './mapping';

const HEADERS = ['工单编号', '标题', '诉求内容', '来电时间', '办理时限', '事发地址', '来电人', '联系电话', '诉求类别'];

describe('startingMapping', () => {
  it('takes the guess for a new source', () => {
    expect(startingMapping(HEADERS, { orderNo: '工单编号', body: '诉求内容', address: '事发地址' })).toEqual({
      orderNo: '工单编号',
      body: '诉求内容',
      address: '事发地址',
    });
  });

  it('keeps what the source maps where the new file still has the column, spelled as the file spells it', () => {
    const current = { orderNo: '工单 编号', body: '来电内容', address: '事发地址', category: '类别' };
    const guessed = { orderNo: '工单编号', body: '诉求内容', address: '事发地址', category: '诉求类别' };
    expect(startingMapping(HEADERS, guessed, current)).toEqual({
      orderNo: '工单编号',
      // 来电内容 and 类别 are gone from this export: the guess takes over.
      body: '诉求内容',
      address: '事发地址',
      category: '诉求类别',
    });
  });

  it('drops a guess the file does not have', () => {
    expect(startingMapping(['编号'], { orderNo: '工单编号' })).toEqual({});
  });
});

describe('missingFields', () => {
  it('names the required fields without a column, the address included', () => {
    expect(missingFields({})).toEqual(['orderNo', 'body', 'address']);
    expect(missingFields({ orderNo: '工单编号', body: ' ', address: '地址' })).toEqual(['body']);
    expect(missingFields({ orderNo: '工单编号', body: '诉求内容', address: '地址' })).toEqual([]);
  });
});

describe('cleanMapping', () => {
  it('trims headers and leaves out fields without a column', () => {
    expect(cleanMapping({ orderNo: ' 工单编号 ', title: '', body: '诉求内容', category: undefined })).toEqual({
      orderNo: '工单编号',
      body: '诉求内容',
    });
  });
});

describe('headerChoices', () => {
  it('offers the sample headers, or without a sample the headers mapped now', () => {
    expect(headerChoices(['工单编号', '', '地址'], {})).toEqual(['工单编号', '地址']);
    expect(headerChoices(null, { orderNo: '工单编号', body: '内容', title: '内容' })).toEqual(['工单编号', '内容']);
    expect(headerChoices(null, {})).toEqual([]);
  });
});

describe('rejectedOrdersOf', () => {
  it('reads the rejected rows with all their reasons', () => {
    const error = new ApiError(422, 'IMPORT_REJECTED', '2 row(s) cannot be imported', {
      rejected: [
        { row: 3, reasons: ['缺少地址', '无法匹配问题分类'] },
        { row: 'x', reasons: ['ignored'] },
        { row: 5, reasons: 'not a list' },
      ],
    });
    expect(rejectedOrdersOf(error)).toEqual([
      { row: 3, reasons: ['缺少地址', '无法匹配问题分类'] },
      { row: 5, reasons: [] },
    ]);
  });

  it('is null for any other error', () => {
    expect(rejectedOrdersOf(new ApiError(400, 'VALIDATION_FAILED', 'bad'))).toBeNull();
    expect(rejectedOrdersOf(new Error('boom'))).toBeNull();
  });
});

describe('mappingProblemsOf', () => {
  it('names the fields whose column the file lacks', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'The column mapping does not fit this file', {
      issues: [
        { path: 'mapping.address', message: 'The file has no column "地址"' },
        { path: 'mapping.nonsense', message: '?' },
        { path: 'file', message: 'unreadable workbook' },
      ],
    });
    expect(mappingProblemsOf(error)).toEqual(['address']);
    expect(mappingProblemsOf(new ApiError(422, 'IMPORT_EMPTY', 'empty'))).toEqual([]);
  });
});

describe('periodIsValid', () => {
  it('accepts open ends and a period that does not end before it starts', () => {
    expect(periodIsValid('', '')).toBe(true);
    expect(periodIsValid('2026-11-01', '')).toBe(true);
    expect(periodIsValid('2026-11-01', '2026-11-01')).toBe(true);
    expect(periodIsValid('2026-11-02', '2026-11-01')).toBe(false);
  });
});
