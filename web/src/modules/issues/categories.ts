import type { Language } from '../../app/types';
import type { Category } from './types';

/** A category's name in the interface language (Chinese when a translation is missing). */
export function categoryName(category: Pick<Category, 'nameZh' | 'nameBo' | 'nameEn'>, language: Language): string {
  switch (language) {
    case 'bo':
      return category.nameBo || category.nameZh;
    case 'en':
      return category.nameEn || category.nameZh;
    case 'zh-CN':
      return category.nameZh;
  }
}

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

const bySort = (a: Category, b: Category) => a.sort - b.sort || a.id - b.id;

/** The flat list as a tree (by parentId); a child whose parent is missing becomes a root. */
export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const build = (parentId: number | null): CategoryNode[] =>
    categories
      .filter((c) => (parentId === null ? c.parentId === null || !ids.has(c.parentId) : c.parentId === parentId))
      .sort(bySort)
      .map((category) => ({ category, children: build(category.id) }));
  return build(null);
}

/** Only what may still be chosen for a new report: retired categories (and their subtrees) drop out. */
export function activeTree(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes
    .filter((node) => node.category.active)
    .map((node) => ({ category: node.category, children: activeTree(node.children) }));
}

export interface CategoryOption {
  value: number;
  title: string;
  children: CategoryOption[];
}

/** Tree data for an antd TreeSelect. */
export function categoryOptions(nodes: readonly CategoryNode[], language: Language): CategoryOption[] {
  return nodes.map((node) => ({
    value: node.category.id,
    title: categoryName(node.category, language),
    children: categoryOptions(node.children, language),
  }));
}

/** "维修 / 水电": the name with its ancestors, for a table cell. */
export function categoryPath(categories: readonly Category[], id: number, language: Language): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  let current = byId.get(id);
  const seen = new Set<number>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(categoryName(current, language));
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.length > 0 ? names.join(' / ') : `#${id}`;
}
