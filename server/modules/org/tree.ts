import type { TreeNode } from './schemas.ts';
import type { UnitRow } from './queries.ts';

/** Nests units (ordered by path) under the given roots; units outside every root are left out. */
export function buildTree(units: UnitRow[], roots: string[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  const out: TreeNode[] = [];
  const sortOf = new Map(units.map((u) => [u.id, u.sort]));
  for (const u of units) {
    const node: TreeNode = { id: u.id, name: u.name, level: u.level, children: [] };
    nodes.set(u.id, node);
    const parent = u.parent_id === null ? undefined : nodes.get(u.parent_id);
    if (roots.includes(u.path) || !parent) out.push(node);
    else parent.children.push(node);
  }
  const order = (a: TreeNode, b: TreeNode) => (sortOf.get(a.id) ?? 0) - (sortOf.get(b.id) ?? 0) || a.id - b.id;
  const sortAll = (list: TreeNode[]) => {
    list.sort(order);
    for (const n of list) sortAll(n.children);
  };
  sortAll(out);
  return out;
}
