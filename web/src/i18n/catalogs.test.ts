import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, SUBJECT_TYPES } from '../modules/audit/actions';
import { SUMMARY_KEYS } from '../modules/org/summaryKeys';
import {
  AGE_BANDS,
  BODY_KINDS,
  ERROR_CODES,
  GENDERS,
  LANGUAGES,
  LEVELS,
  POSITIONS,
  RELATIONS,
  ROLES,
} from '../app/types';
import { catalogs, flatten } from './resources';

const flat = Object.fromEntries(LANGUAGES.map((language) => [language, flatten(catalogs[language])])) as Record<
  (typeof LANGUAGES)[number],
  Map<string, string>
>;
const zh = flat['zh-CN'];

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Literal keys passed to t('…') or t("…"); template-literal keys are covered by the enumerations below. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*(['"])([^'"`\n]+?)\1/g)) keys.set(match[2], file.slice(SRC.length));
  }
  return keys;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

describe('message catalogs', () => {
  it('loads every module file for every language', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(catalogs[language]).sort()).toEqual(Object.keys(catalogs['zh-CN']).sort());
      expect(flat[language].size).toBeGreaterThan(100);
    }
  });

  it.each(LANGUAGES)('%s has every key of the other catalogs, none empty', (language) => {
    const allKeys = new Set(LANGUAGES.flatMap((other) => [...flat[other].keys()]));
    const missing = [...allKeys].filter((key) => !flat[language].get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const mismatched = [...zh.keys()].filter((key) =>
      LANGUAGES.some((language) => placeholders(flat[language].get(key) ?? '').join() !== placeholders(zh.get(key) ?? '').join()),
    );
    expect(mismatched).toEqual([]);
  });

  it('has real Tibetan script in the Tibetan catalog', () => {
    const withoutTibetan = [...flat.bo.entries()].filter(
      ([key, text]) => !/[\u0F00-\u0FFF]/.test(text) && !key.endsWith('areaValue'),
    );
    expect(withoutTibetan).toEqual([]);
  });

  it('has every t() key used in web/src in zh-CN', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !zh.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names every role, level, gender, relation, body kind, position, age band and error code', () => {
    const expected = [
      ...ROLES.map((v) => `domain.roles.${v}`),
      ...LEVELS.map((v) => `domain.levels.${v}`),
      ...GENDERS.map((v) => `domain.genders.${v}`),
      ...RELATIONS.map((v) => `domain.relations.${v}`),
      ...BODY_KINDS.map((v) => `domain.bodyKinds.${v}`),
      ...POSITIONS.map((v) => `domain.positions.${v}`),
      ...AGE_BANDS.map((v) => `domain.ageBands.${v}`),
      ...ERROR_CODES.map((v) => `errors.${v}`),
      ...SUMMARY_KEYS.map((v) => `org.summary.${v}`),
      ...AUDIT_ACTIONS.map((v) => `audit.actions.${v}`),
      ...SUBJECT_TYPES.map((v) => `audit.subjects.${v}`),
    ];
    const missing = expected.filter((key) => !zh.has(key));
    expect(missing).toEqual([]);
  });
});
