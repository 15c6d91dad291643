import { LANGUAGES, type Language } from '../app/types';

/** A catalog is a tree of strings; each file `<language>/<module>.json` becomes the subtree `<module>`. */
export interface Catalog {
  [key: string]: string | Catalog;
}

const files = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });

function buildCatalogs(): Record<Language, Catalog> {
  const catalogs: Record<Language, Catalog> = { 'zh-CN': {}, bo: {}, en: {} };
  for (const [path, content] of Object.entries(files)) {
    const match = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, module] = match;
    const target = LANGUAGES.find((lng) => lng === language);
    if (target) catalogs[target][module] = content;
  }
  return catalogs;
}

export const catalogs = buildCatalogs();

/** Flattens a catalog to dotted keys, the form `t()` uses. */
export function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}
