import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../core/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import * as m001 from '../../db/migrations/001_foundation.ts';
import * as m002 from '../../db/migrations/002_issues.ts';
import * as m003 from '../../db/migrations/003_users_resident.ts';
import { freshDatabaseUrl } from '../../test/harness.ts';

// 004_volunteers_service on a database that already holds volunteers (as every running installation does):
// they keep everything they had, serve on (no end day), and the new columns take an ending. Named .api.test so
// that the PostgreSQL run of `npm test` includes it.

let fresh: { url: string; drop: () => Promise<void> };
let handle: DbHandle;

beforeAll(async () => {
  fresh = await freshDatabaseUrl();
  handle = openDatabase(fresh.url);
});
afterAll(async () => {
  await handle.close();
  await fresh.drop();
});

describe('004_volunteers_service', () => {
  it('adds the service columns to existing volunteers without changing them', async () => {
    const { db } = handle;
    const before: Record<string, Migration> = { '001_foundation': m001, '002_issues': m002, '003_users_resident': m003 };
    const upTo003 = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
    expect(upTo003.error).toBeUndefined();

    const at = '2025-03-01T02:00:00.000Z';
    const unit = await db
      .insertInto('org_units')
      .values({ parent_id: null, level: 'community', name: '林琼社区', path: '/1/', sort: 0, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Written as the 003 schema knew the table: no service columns yet.
    await db
      .insertInto('volunteers')
      .values({ unit_id: unit.id, path: '/1/', resident_id: null, name: '次仁旺姆', team: 'mediation', note: '退休教师', created_at: at })
      .execute();

    expect(await migrateToLatest(db)).toEqual(expect.arrayContaining(['004_volunteers_service']));
    const rows = await db.selectFrom('volunteers').selectAll().execute();
    expect(rows).toEqual([
      { id: expect.any(Number), unit_id: unit.id, path: '/1/', resident_id: null, name: '次仁旺姆', team: 'mediation', note: '退休教师', created_at: at, ended_on: null, end_reason: null, updated_at: null },
    ]);

    await db.updateTable('volunteers').set({ ended_on: '2026-11-27', end_reason: '搬离小区', updated_at: '2026-11-27T03:00:00.000Z' }).execute();
    expect(await db.selectFrom('volunteers').select(['ended_on', 'end_reason']).executeTakeFirst()).toEqual({ ended_on: '2026-11-27', end_reason: '搬离小区' });
    // Nothing is left to run.
    expect(await migrateToLatest(db)).toEqual([]);
  });
});
