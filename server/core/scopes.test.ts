import { describe, expect, it } from 'vitest';
import type { DbOrTx } from './db.ts';
import { DomainError } from './errors.ts';
import type { Actor, Grant, Role } from './policy.ts';
import { listScopes, unitAllowing, type UnitReader } from './scopes.ts';

// A street (/1/) with two communities (/1/2/, /1/3/); the first has a compound (/1/2/4/).
const UNITS = new Map([
  [1, '/1/'],
  [2, '/1/2/'],
  [3, '/1/3/'],
  [4, '/1/2/4/'],
]);
const readUnit: UnitReader<{ path: string }> = async (_db, id) => {
  const path = UNITS.get(id);
  return path ? { path } : undefined;
};
const db = {} as DbOrTx;
const MANAGE: readonly Role[] = ['community_staff', 'branch_secretary'];

function actorWith(...held: [Role, string][]): Actor {
  const grants: Grant[] = held.map(([role, path], i) => ({ id: i + 1, role, unitId: i + 1, unitName: `unit ${i + 1}`, unitLevel: 'community', path }));
  return { userId: 1, username: 'u', displayName: 'U', language: 'zh-CN', residentId: null, grants };
}

async function codeOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'none';
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
}

describe('listScopes', () => {
  const staff = actorWith(['community_staff', '/1/2/'], ['branch_secretary', '/1/2/4/'], ['resident', '/1/3/']);

  it('reads within the asked unit when the action is allowed there', async () => {
    expect(await listScopes({ db, actor: staff }, MANAGE, 4, readUnit)).toEqual(['/1/2/4/']);
    expect(await listScopes({ db, actor: staff }, MANAGE, 2, readUnit)).toEqual(['/1/2/']);
  });

  it('hides a unit outside the tree or missing (404) and refuses one visible without the role (403)', async () => {
    expect(await codeOf(listScopes({ db, actor: staff }, MANAGE, 1, readUnit))).toBe('NOT_FOUND');
    expect(await codeOf(listScopes({ db, actor: staff }, MANAGE, 99, readUnit))).toBe('NOT_FOUND');
    expect(await codeOf(listScopes({ db, actor: staff }, MANAGE, 3, readUnit))).toBe('FORBIDDEN');
  });

  it('without a unit reads within every subtree where a role allows the action, none inside another', async () => {
    expect(await listScopes({ db, actor: staff }, MANAGE, undefined, readUnit)).toEqual(['/1/2/']);
    const two = actorWith(['branch_secretary', '/1/2/4/'], ['community_staff', '/1/3/']);
    expect(await listScopes({ db, actor: two }, MANAGE, undefined, readUnit)).toEqual(['/1/3/', '/1/2/4/']);
  });

  it('hands back the whole unit an action may be taken at', async () => {
    const named: UnitReader<{ id: number; path: string; name: string }> = async (_db, id) => ({ id, path: UNITS.get(id) ?? '/0/', name: `unit ${id}` });
    expect(await unitAllowing({ db, actor: staff }, MANAGE, 4, named)).toEqual({ id: 4, path: '/1/2/4/', name: 'unit 4' });
    expect(await codeOf(unitAllowing({ db, actor: staff }, MANAGE, 3, named))).toBe('FORBIDDEN');
  });

  it('refuses a list to an actor who may take the action nowhere (403)', async () => {
    expect(await codeOf(listScopes({ db, actor: actorWith(['resident', '/1/']) }, MANAGE, undefined, readUnit))).toBe('FORBIDDEN');
  });
});
