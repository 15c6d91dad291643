import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './identity.ts';
import { crossCheck, parseRow, type ImportRow } from './sheet.ts';

const today = '2026-11-27';
const good = { building: '4号楼', unitNo: '2', floor: '3', room: '301', area: '98.5', name: '洛桑', gender: '男', ethnicity: '藏族', phone: '13908911234', idNumber: makeIdNumber('540102', '19800101', 3, 'male'), relation: '业主' };

describe('parseRow', () => {
  it('reads a complete row', () => {
    const r = parseRow(good, 2, today);
    expect(r).toMatchObject({ row: 2, building: '4号楼', unitNo: 2, floor: 3, room: '301', area: 98.5, resident: { name: '洛桑', gender: 'male', relation: 'owner', birthDate: '1980-01-01' } });
  });

  it('accepts a household-only row', () => {
    const r = parseRow({ building: '4号楼', unitNo: '1', floor: '1', room: '101', area: '80' }, 3, today);
    expect(r).toMatchObject({ resident: null });
  });

  it('names every problem of a bad row', () => {
    const r = parseRow({ ...good, unitNo: 'x', area: '-1', gender: '未知', phone: '123' }, 5, today);
    expect(r).toHaveProperty('reason');
    const reason = 'reason' in r ? r.reason : '';
    expect(reason).toContain('单元');
    expect(reason).toContain('建筑面积');
    expect(reason).toContain('性别');
    expect(reason).toContain('联系电话');
  });
});

describe('crossCheck', () => {
  it('finds a repeated ID number and a household described two ways', () => {
    const a = parseRow(good, 2, today) as ImportRow;
    const b = parseRow({ ...good, name: '卓玛' }, 3, today) as ImportRow;
    const c = parseRow({ ...good, name: '次仁', idNumber: '', gender: '男', area: '120' }, 4, today) as ImportRow;
    expect(crossCheck([a, b, c])).toEqual([
      { row: 3, reason: '身份证号与第 2 行重复' },
      { row: 4, reason: '同一房屋在第 2 行的楼层或面积不同' },
    ]);
  });
});
