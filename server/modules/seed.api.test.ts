import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { loadDemoIfEmpty } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const count = async (table: 'org_units' | 'residents' | 'users') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the Linqiong demo', () => {
  it('loads once: a restart does not load it twice', async () => {
    const before = { units: await count('org_units'), residents: await count('residents'), users: await count('users') };
    expect(before.units).toBe(2 + 3 + 8 + 6 + 8);
    expect(await loadDemoIfEmpty(t.services)).toBe(false);
    expect({ units: await count('org_units'), residents: await count('residents'), users: await count('users') }).toEqual(before);
  });

  it('is the same on every machine (deterministic)', async () => {
    const other = await startTestApp();
    try {
      const names = async (app: TestApp) => (await app.services.db.selectFrom('residents').select('name').orderBy('id').limit(50).execute()).map((r) => r.name);
      expect(await names(other)).toEqual(await names(t));
    } finally {
      await other.close();
    }
  });
});
