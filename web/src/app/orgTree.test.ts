import { describe, expect, it } from 'vitest';
import { findNode, pathTo, toSelectTree } from './orgTree';
import type { TreeNode } from './types';

const tree: TreeNode[] = [
  {
    id: 1,
    name: '纳金街道',
    level: 'street',
    children: [
      {
        id: 2,
        name: '林琼社区',
        level: 'community',
        children: [
          { id: 3, name: '小区A', level: 'compound', children: [{ id: 4, name: '1号楼', level: 'building', children: [] }] },
        ],
      },
    ],
  },
];

describe('org tree helpers', () => {
  it('finds the path from the root to a node', () => {
    expect(pathTo(tree, '4')).toEqual(['1', '2', '3', '4']);
    expect(pathTo(tree, '99')).toEqual([]);
  });

  it('finds a node whatever the id type', () => {
    expect(findNode(tree, '3')?.name).toBe('小区A');
  });

  it('cuts levels below maxLevel and disables levels that cannot be picked', () => {
    const select = toSelectTree(tree, ['compound'], 'compound');
    const community = select[0].children[0];
    expect(select[0].disabled).toBe(true);
    expect(community.children[0]).toMatchObject({ value: '3', disabled: false, children: [] });
  });
});
