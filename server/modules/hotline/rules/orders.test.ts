import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.ts';
import { guessMapping, mapHotlineRows, parseHotlineTime, type HotlineMapping } from './orders.ts';

describe('guessMapping', () => {
  it('recognises the usual 12345 export headers', () => {
    const headers = ['序号', '工单编号', '诉求标题', '诉求内容', '来电时间', '办理时限', '事发地址', '来电人', '来电号码', '诉求类别'];
    expect(guessMapping(headers)).toEqual({
      orderNo: '工单编号',
      title: '诉求标题',
      body: '诉求内容',
      receivedAt: '来电时间',
      dueAt: '办理时限',
      address: '事发地址',
      callerName: '来电人',
      callerPhone: '来电号码',
      category: '诉求类别',
    });
  });

  it('ignores spaces but returns the header as written in the file', () => {
    expect(guessMapping([' 工单 编号 ', '内容\u3000'])).toEqual({ orderNo: ' 工单 编号 ', body: '内容\u3000' });
  });

  it('prefers an exact header over one that merely contains the word', () => {
    expect(guessMapping(['处理内容', '诉求内容', '地址类型', '诉求地址'])).toMatchObject({ body: '诉求内容', address: '诉求地址' });
  });

  it('prefers the more specific of two matching headers', () => {
    expect(guessMapping(['地址', '事发地址'])).toEqual({ address: '事发地址' });
  });

  it('reads a compound header by its last word', () => {
    expect(guessMapping(['来电人电话', '来电人姓名', '工单号', '问题描述'])).toEqual({
      orderNo: '工单号',
      body: '问题描述',
      callerName: '来电人姓名',
      callerPhone: '来电人电话',
    });
  });

  it('uses a header for one field only, and guesses nothing from unknown headers', () => {
    expect(guessMapping(['联系人电话'])).toEqual({ callerPhone: '联系人电话' });
    expect(guessMapping(['序号', '备注'])).toEqual({});
  });
});

describe('parseHotlineTime', () => {
  // 10:30 in Lhasa (UTC+8) is 02:30 UTC.
  const halfPastTen = '2026-11-27T02:30:00.000Z';

  it('reads the written forms the hotline uses, as local time', () => {
    for (const text of ['2026-11-27 10:30', '2026/11/27 10:30:00', '2026-11-27T10:30', '2026年11月27日 10时30分', '2026年11月27日 10:30', '2026.11.27 10:30', ' 2026-11-27  10:30 ']) {
      expect(parseHotlineTime(text), text).toBe(halfPastTen);
    }
    expect(parseHotlineTime('２０２６年１１月２７日 １０：３０')).toBe(halfPastTen);
    expect(parseHotlineTime('2026年11月27日10时')).toBe('2026-11-27T02:00:00.000Z');
    expect(parseHotlineTime('2026-11-27 10:30:15')).toBe('2026-11-27T02:30:15.000Z');
  });

  it('honours an explicit offset', () => {
    expect(parseHotlineTime('2026-11-27T10:30:00Z')).toBe('2026-11-27T10:30:00.000Z');
    expect(parseHotlineTime('2026-11-27T10:30:00+08:00')).toBe(halfPastTen);
  });

  it('reads a bare date as local midnight, or 18:00 for a deadline', () => {
    expect(parseHotlineTime('2026-11-27')).toBe('2026-11-26T16:00:00.000Z');
    expect(parseHotlineTime('2026-11-27', 'dueAt')).toBe('2026-11-27T10:00:00.000Z');
    expect(parseHotlineTime('2026年11月27日', 'dueAt')).toBe('2026-11-27T10:00:00.000Z');
    // A deadline with a time keeps it.
    expect(parseHotlineTime('2026-11-27 12:00', 'dueAt')).toBe('2026-11-27T04:00:00.000Z');
  });

  it('reads Excel serial day numbers', () => {
    expect(parseHotlineTime(46353.4375)).toBe(halfPastTen);
    expect(parseHotlineTime((10 * 60 + 31) / 1440 + 46353)).toBe('2026-11-27T02:31:00.000Z');
    // Serials are often stored or exported with fewer digits than a millisecond needs.
    expect(parseHotlineTime(46353.4381944)).toBe('2026-11-27T02:31:00.000Z');
    expect(parseHotlineTime(46353)).toBe('2026-11-26T16:00:00.000Z');
    expect(parseHotlineTime(46353, 'dueAt')).toBe('2026-11-27T10:00:00.000Z');
  });

  it("reads a spreadsheet reader's Dates by their UTC fields as local wall-clock time", () => {
    expect(parseHotlineTime(new Date(Date.UTC(2026, 10, 27, 10, 30)))).toBe(halfPastTen);
    expect(parseHotlineTime(new Date(Date.UTC(2026, 10, 27)), 'dueAt')).toBe('2026-11-27T10:00:00.000Z');
    expect(parseHotlineTime({ formula: 'A1+1', result: new Date(Date.UTC(2026, 10, 27, 10, 30)) })).toBe(halfPastTen);
    expect(parseHotlineTime({ richText: [{ text: '2026-11-27 ' }, { text: '10:30' }] })).toBe(halfPastTen);
  });

  it('is null for empty and for unreadable values', () => {
    for (const value of [null, undefined, '', '   ', '明天上午', '3个工作日', '2026-02-30', '2026-13-01', '2026-11-27 24:00', '2026-11-27 10:60', '2026-11-27 10:3000', 0, -1, Number.NaN, new Date(Number.NaN), true]) {
      expect(parseHotlineTime(value), String(value)).toBeNull();
    }
  });
});

describe('mapHotlineRows', () => {
  const headers = ['工单编号', '诉求标题', '诉求内容', '来电时间', '办理时限', '来电人', '联系电话', '事发地址', '诉求类别'];
  const mapping: HotlineMapping = {
    orderNo: '工单编号',
    title: '诉求标题',
    body: '诉求内容',
    receivedAt: '来电时间',
    dueAt: '办理时限',
    callerName: '来电人',
    callerPhone: '联系电话',
    address: '事发地址',
    category: '诉求类别',
  };

  it('turns rows into orders with spreadsheet row numbers, trimmed and normalised', () => {
    const rows = [
      [' GD2026112700001 ', '路灯不亮', '  幸福小区3栋门口路灯不亮\n已经一周  ', '2026-11-27 10:30', '2026-11-29', '卓玛', '13800000000', 'Cafe\u0301 旁', '市政设施'],
      [],
      ['', null, undefined, '  '],
      [20261127002, '', '楼上漏水，已经影响到楼下住户的正常生活，请尽快安排人员上门查看处理', 46353.4375, '', '', '', '', ''],
    ];
    const { orders, duplicates, errors } = mapHotlineRows(headers, rows, mapping);
    expect(errors).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(orders).toEqual([
      {
        row: 2,
        orderNo: 'GD2026112700001',
        title: '路灯不亮',
        body: '幸福小区3栋门口路灯不亮\n已经一周',
        receivedAt: '2026-11-27T02:30:00.000Z',
        dueAt: '2026-11-29T10:00:00.000Z',
        address: 'Café 旁',
        callerName: '卓玛',
        callerPhone: '13800000000',
        category: '市政设施',
      },
      {
        row: 5,
        orderNo: '20261127002',
        title: '楼上漏水，已经影响到楼下住户的正常生活，请尽快安排人员上门查',
        body: '楼上漏水，已经影响到楼下住户的正常生活，请尽快安排人员上门查看处理',
        receivedAt: '2026-11-27T02:30:00.000Z',
        dueAt: null,
        address: null,
        callerName: null,
        callerPhone: null,
        category: null,
      },
    ]);
    expect([...(orders[1]?.title ?? '')]).toHaveLength(30);
    expect(orders[0]?.address).toBe('Caf\u00e9 旁');
  });

  it('reports missing order numbers and bodies and unreadable times in Chinese, per row', () => {
    const rows = [
      ['', '标题', '', '2026-11-27 10:30'],
      ['GD3', '', '内容', '昨天下午', '2026-02-30'],
    ];
    const { orders, errors } = mapHotlineRows(headers, rows, mapping);
    expect(orders).toEqual([]);
    expect(errors).toEqual([
      { row: 2, reasons: ['缺少工单编号', '缺少诉求内容'] },
      { row: 3, reasons: ['时间格式无法识别：昨天下午（来电时间）', '时间格式无法识别：2026-02-30（办理时限）'] },
    ]);
  });

  it('keeps the first of a repeated order number and lists the others as duplicates', () => {
    const rows = [
      ['GD1', '', '第一次'],
      ['GD2', '', '另一件'],
      ['GD1', '', '第二次'],
      [' GD1', '', '第三次'],
    ];
    const { orders, duplicates } = mapHotlineRows(headers, rows, mapping);
    expect(orders.map((o) => [o.row, o.body])).toEqual([[2, '第一次'], [3, '另一件']]);
    expect(duplicates).toEqual([{ row: 4, orderNo: 'GD1' }, { row: 5, orderNo: 'GD1' }]);
  });

  it('works with only the required columns mapped, ignoring blank optional ones', () => {
    const { orders } = mapHotlineRows(['编号', '内容'], [['A1', '垃圾未清运']], { orderNo: '编号', body: '内容', title: '' });
    expect(orders).toEqual([{ row: 2, orderNo: 'A1', title: '垃圾未清运', body: '垃圾未清运', receivedAt: null, dueAt: null, address: null, callerName: null, callerPhone: null, category: null }]);
  });

  it('refuses a mapping naming a header the file does not have', () => {
    let error: unknown;
    try {
      mapHotlineRows(['编号', '内容'], [['A1', 'x']], { orderNo: '编号', body: '内容', receivedAt: '受理时间' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect([e.kind, e.code]).toEqual(['invalid', 'VALIDATION_FAILED']);
    expect(e.message).toContain('受理时间');
    expect(e.details).toEqual({ issues: [{ path: 'mapping.receivedAt', message: 'The file has no column "受理时间"' }] });
  });
});
