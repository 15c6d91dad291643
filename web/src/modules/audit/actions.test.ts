import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../../server/modules/issues/rules/lifecycle';
import { AUDIT_ACTIONS, SUBJECT_TYPES } from './actions';

// The filter lists are written out by hand; these tests read the server's audit calls so that an action or subject
// added there without a label here fails the build instead of showing up as a raw code.

const SERVER = fileURLToPath(new URL('../../../../server', import.meta.url));

function serverSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

const sources = serverSources(SERVER);
const literals = (key: string) =>
  new Set(sources.flatMap((text) => [...text.matchAll(new RegExp(`\\b${key}: '([a-z0-9_.]+)'`, 'g'))].map((m) => m[1])));

describe('audit filter lists', () => {
  it('offer every action the server records', () => {
    const recorded = [...literals('action')].filter((action) => action.includes('.'));
    expect(recorded.length).toBeGreaterThan(30);
    expect(recorded.filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual([]);
  });

  it('offer every issue lifecycle action, which the server records as issue.<action>', () => {
    const missing = ACTIONS.map((action) => `issue.${action}`).filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action));
    expect(missing).toEqual([]);
  });

  it('offer every subject type the server records', () => {
    const recorded = [...literals('subjectType')];
    expect(recorded).toContain('hotline_source');
    expect(recorded.filter((type) => !(SUBJECT_TYPES as readonly string[]).includes(type))).toEqual([]);
  });

  it('list each entry once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(SUBJECT_TYPES).size).toBe(SUBJECT_TYPES.length);
  });
});
