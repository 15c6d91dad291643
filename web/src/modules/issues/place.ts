import type { Id, TreeNode } from '../../app/types';

/** The compound a unit (a building or the compound itself) belongs to, found in the org tree; null if none. */
export function compoundOf(roots: readonly TreeNode[], unitId: Id): number | null {
  const walk = (nodes: readonly TreeNode[], compound: TreeNode | null): number | null => {
    for (const node of nodes) {
      const here = node.level === 'compound' ? node : compound;
      if (String(node.id) === String(unitId)) return here ? Number(here.id) : null;
      const below = walk(node.children, here);
      if (below !== null) return below;
    }
    return null;
  };
  return walk(roots, null);
}

/** The one compound all these units share, or null when they are spread over several (or unknown). */
export function sharedCompound(roots: readonly TreeNode[], unitIds: readonly Id[]): number | null {
  const compounds = new Set(unitIds.map((id) => compoundOf(roots, id)));
  const [only] = [...compounds];
  return compounds.size === 1 && only !== undefined ? only : null;
}
