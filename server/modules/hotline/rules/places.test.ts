import { describe, expect, it } from 'vitest';
import { matchCategory, matchPlace, natureOf, type CategoryCandidate, type PlaceCandidate } from './places.ts';

const units: PlaceCandidate[] = [
  { id: 1, level: 'compound', name: '天峰祥和苑', parentId: null },
  { id: 2, level: 'compound', name: '祥和苑', parentId: null },
  { id: 3, level: 'compound', name: '香雪佳园', parentId: null },
  { id: 11, level: 'building', name: '4号楼', parentId: 1 },
  { id: 12, level: 'building', name: '14号楼', parentId: 1 },
  { id: 13, level: 'building', name: '2号楼', parentId: 1 },
  { id: 31, level: 'building', name: '4号楼', parentId: 3 },
];

describe('matchPlace', () => {
  it('finds a building of the compound the address names', () => {
    expect(matchPlace('天峰祥和苑4号楼', units)?.id).toBe(11);
    expect(matchPlace('城关区 天峰祥和苑 14号楼2单元301', units)?.id).toBe(12);
    expect(matchPlace('香雪佳园4号楼', units)?.id).toBe(31);
  });

  it('reads 4栋, 4幢 and full-width digits as 4号楼', () => {
    expect(matchPlace('天峰祥和苑４栋', units)?.id).toBe(11);
    expect(matchPlace('天峰祥和苑小区2幢3单元', units)?.id).toBe(13);
  });

  it('prefers the longest compound name and ignores numbers before it', () => {
    expect(matchPlace('金珠西路2号祥和苑', units)?.id).toBe(2);
    expect(matchPlace('金珠西路2号天峰祥和苑', units)?.id).toBe(1);
  });

  it('answers the compound when no building of it is named, and nothing without a compound', () => {
    expect(matchPlace('天峰祥和苑南门', units)?.id).toBe(1);
    expect(matchPlace('天峰祥和苑9号楼', units)?.id).toBe(1);
    expect(matchPlace('4号楼', units)).toBeNull();
    expect(matchPlace('', units)).toBeNull();
  });

  it('refuses to guess between two compounds of the same name', () => {
    const twins: PlaceCandidate[] = [...units, { id: 4, level: 'compound', name: '香雪佳园', parentId: null }];
    expect(matchPlace('香雪佳园4号楼', twins)).toBeNull();
  });
});

const cats: CategoryCandidate[] = [
  { id: 1, parentId: null, code: 'repair', nameZh: '设施维修', sort: 1 },
  { id: 2, parentId: 1, code: 'repair.utilities', nameZh: '水电', sort: 2 },
  { id: 3, parentId: 1, code: 'repair.elevator', nameZh: '电梯', sort: 3 },
  { id: 4, parentId: null, code: 'property_service', nameZh: '物业服务', sort: 4 },
  { id: 5, parentId: null, code: 'other', nameZh: '其他', sort: 9 },
];

describe('matchCategory', () => {
  it('takes an equal name, else the most specific contained one, else other', () => {
    expect(matchCategory('物业服务', cats)?.code).toBe('property_service');
    expect(matchCategory('设施维修-水电', cats)?.code).toBe('repair.utilities');
    expect(matchCategory('设施维修', cats)?.code).toBe('repair');
    expect(matchCategory('物业服务/电梯故障', cats)?.code).toBe('repair.elevator');
    expect(matchCategory('城市管理', cats)?.code).toBe('other');
    expect(matchCategory(null, cats)?.code).toBe('other');
    expect(matchCategory('城市管理', cats.filter((c) => c.code !== 'other'))).toBeNull();
  });
});

describe('natureOf', () => {
  it('reads the nature from the words of the order', () => {
    expect(natureOf('投诉-噪音扰民', null)).toBe('complaint');
    expect(natureOf(null, '咨询物业费标准')).toBe('consult');
    expect(natureOf('环境卫生', '楼道垃圾无人清理')).toBe('help');
  });
});
