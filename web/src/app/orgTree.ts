import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api';
import type { Id, Level, TreeNode } from './types';

export function useOrgTree() {
  return useQuery({
    queryKey: ['org', 'tree'],
    queryFn: () => apiGet<{ roots: TreeNode[] }>('/org/tree'),
    staleTime: 5 * 60_000,
    select: (data) => data.roots,
  });
}

/** Ids from a root down to (and including) the node, or [] if the node is not in the trees. */
export function pathTo(roots: TreeNode[], id: string): string[] {
  for (const node of roots) {
    if (String(node.id) === id) return [id];
    const below = pathTo(node.children, id);
    if (below.length > 0) return [String(node.id), ...below];
  }
  return [];
}

export function findNode(roots: TreeNode[], id: Id): TreeNode | null {
  for (const node of roots) {
    if (String(node.id) === String(id)) return node;
    const below = findNode(node.children, id);
    if (below) return below;
  }
  return null;
}

export interface SelectNode {
  value: string;
  title: string;
  disabled: boolean;
  children: SelectNode[];
}

/**
 * Tree data for a TreeSelect. Only `selectable` levels can be picked; levels deeper than `maxLevel` are cut
 * so a compound picker does not list every building.
 */
export function toSelectTree(roots: TreeNode[], selectable: readonly Level[], maxLevel: Level): SelectNode[] {
  const order: Level[] = ['street', 'community', 'compound', 'building'];
  const depth = order.indexOf(maxLevel);
  const convert = (node: TreeNode): SelectNode => ({
    value: String(node.id),
    title: node.name,
    disabled: !selectable.includes(node.level),
    children: node.children.filter((child) => order.indexOf(child.level) <= depth).map(convert),
  });
  return roots.filter((node) => order.indexOf(node.level) <= depth).map(convert);
}
