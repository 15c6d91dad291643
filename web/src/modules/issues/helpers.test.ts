import { describe, expect, it } from 'vitest';
import { activeTree, categoryName, categoryPath, categoryTree } from './categories';
import { fromRule, toRule } from './deadlineForm';
import { compoundOf, sharedCompound } from './place';
import { makeTitle } from './publicForm';
import { filledMonths, localShare, satisfactionPercent } from './statsView';
import type { TreeNode } from '../../app/types';
import type { Category, StatsResponse } from './types';

const cat = (id: number, parentId: number | null, nameZh: string, extra: Partial<Category> = {}): Category => ({
  id,
  parentId,
  code: `c${id}`,
  nameZh,
  nameBo: `བོད་${id}`,
  nameEn: `en${id}`,
  defaultSize: 'small',
  sort: 0,
  active: true,
  ...extra,
});

describe('categories', () => {
  const list = [cat(2, 1, '水电', { sort: 2 }), cat(1, null, '设施维修'), cat(3, 1, '电梯', { sort: 1, active: false }), cat(4, 99, '孤儿')];

  it('builds the tree by parent and sort order; a lost child becomes a root', () => {
    const tree = categoryTree(list);
    expect(tree.map((n) => n.category.nameZh)).toEqual(['设施维修', '孤儿']);
    expect(tree[0].children.map((n) => n.category.nameZh)).toEqual(['电梯', '水电']);
    expect(activeTree(tree)[0].children.map((n) => n.category.nameZh)).toEqual(['水电']);
  });

  it('names a category in the interface language with its ancestors', () => {
    expect(categoryPath(list, 2, 'zh-CN')).toBe('设施维修 / 水电');
    expect(categoryPath(list, 2, 'bo')).toBe('བོད་1 / བོད་2');
    expect(categoryPath(list, 77, 'en')).toBe('#77');
    expect(categoryName(cat(5, null, '绿化', { nameEn: '' }), 'en')).toBe('绿化');
  });
});

describe('the resident page title', () => {
  it('is the category and the start of the text', () => {
    expect(makeTitle('水电', '  楼道灯\n不亮了 ')).toBe('水电：楼道灯 不亮了');
    expect(makeTitle('水电', '一'.repeat(40))).toBe(`水电：${'一'.repeat(30)}…`);
    expect([...makeTitle('水'.repeat(70), '一'.repeat(40))].length).toBe(80);
  });
});

describe('deadline rules as staff say them', () => {
  it('round-trips 当日, hours and days', () => {
    expect(toRule({ level: 'building', unit: 'sameDay', remindHours: 1 }, 360)).toEqual({
      level: 'building',
      categoryId: null,
      workingMinutes: null,
      remindBeforeMinutes: 60,
    });
    const days = toRule({ level: 'compound', categoryId: 4, unit: 'days', amount: 3 }, 360);
    expect(days.workingMinutes).toBe(1080);
    expect(fromRule(days, 360)).toMatchObject({ unit: 'days', amount: 3, categoryId: 4 });
    expect(fromRule({ level: 'meeting', categoryId: null, workingMinutes: 90, remindBeforeMinutes: 0 }, 360)).toMatchObject({ unit: 'hours', amount: 1.5 });
  });
});

describe('issue figures', () => {
  const stats: StatsResponse = {
    total: 10,
    open: 2,
    overdue: 1,
    supervised: 0,
    byStatus: {},
    bySize: [
      { size: 'small', total: 6, closed: 4, settledLocally: 3, share: 0.75 },
      { size: 'major', total: 4, closed: 0, settledLocally: 0, share: null },
    ],
    byCategory: [],
    ratings: {},
    satisfaction: 0.8333,
    months: [
      { month: '2024-11', reported: 2, closed: 1 },
      { month: '2025-02', reported: 1, closed: 3 },
    ],
  };

  it('shows the local shares as percentages, none before anything closed', () => {
    expect(localShare(stats, 'small')).toEqual({ percent: 75, settled: 3, closed: 4 });
    expect(localShare(stats, 'major').percent).toBeNull();
    expect(localShare(stats, 'hard')).toEqual({ percent: null, settled: 0, closed: 0 });
    expect(satisfactionPercent(stats)).toBe(83.3);
  });

  it('fills quiet months across the year end', () => {
    expect(filledMonths(stats.months).map((m) => `${m.month}:${m.reported}`)).toEqual(['2024-11:2', '2024-12:0', '2025-01:0', '2025-02:1']);
    expect(filledMonths([])).toEqual([]);
  });
});

describe('the compound of a place', () => {
  const tree: TreeNode[] = [
    {
      id: 2,
      name: '林琼社区',
      level: 'community',
      children: [
        { id: 3, name: '天峰祥和苑', level: 'compound', children: [{ id: 7, name: '4号楼', level: 'building', children: [] }] },
        { id: 12, name: '香雪佳园', level: 'compound', children: [{ id: 13, name: '1号楼', level: 'building', children: [] }] },
      ],
    },
  ];

  it('finds the compound of a building or of the compound itself', () => {
    expect(compoundOf(tree, 7)).toBe(3);
    expect(compoundOf(tree, '3')).toBe(3);
    expect(compoundOf(tree, 2)).toBeNull();
    expect(compoundOf(tree, 99)).toBeNull();
  });

  it('offers a compound for a bulk dispatch only when all issues share it', () => {
    expect(sharedCompound(tree, [7, 3, 7])).toBe(3);
    expect(sharedCompound(tree, [7, 13])).toBeNull();
    expect(sharedCompound(tree, [])).toBeNull();
  });
});
