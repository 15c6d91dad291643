import type { Level } from '../../../db/schema.ts';

/** 五级架构: 街道 → 社区 → 小区 → 楼栋 (→ 户, kept as households under a building). */
export const LEVELS: readonly Level[] = ['street', 'community', 'compound', 'building'];

/** The level a child of `parent` must have, or null when nothing may hang below it in the tree. */
export function childLevel(parent: Level): Level | null {
  const i = LEVELS.indexOf(parent);
  return LEVELS[i + 1] ?? null;
}
