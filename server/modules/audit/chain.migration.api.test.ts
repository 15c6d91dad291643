import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveChainKeys, sealLegacyAuditRows } from '../../core/auditChain.ts';
import { openDatabase, type DbHandle } from '../../core/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import * as m001 from '../../db/migrations/001_foundation.ts';
import * as m002 from '../../db/migrations/002_issues.ts';
import * as m003 from '../../db/migrations/003_users_resident.ts';
import * as m004 from '../../db/migrations/004_volunteers_service.ts';
import { freshDatabaseUrl } from '../../test/harness.ts';
import { verifyAuditChain } from './verify.ts';

// 005_audit_chain on a database that already holds audit rows (as every running installation does): the rows are
// left as they were, recorded as older than the chain, and chained once by the application (sealing). Named
// .api.test so that the PostgreSQL run of `npm test` includes it.

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

describe('005_audit_chain', () => {
  it('records the older rows, which sealing then chains without changing their content', async () => {
    const { db } = handle;
    const before: Record<string, Migration> = { '001_foundation': m001, '002_issues': m002, '003_users_resident': m003, '004_volunteers_service': m004 };
    expect((await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest()).error).toBeUndefined();
    // Written as the 004 schema knew the table: no seq, no hash; details in whatever key order JSON.stringify gave.
    for (let i = 0; i < 3; i++) {
      await sql`insert into audit_log (at, actor_user_id, actor_name, action, subject_type, subject_id, path, before_json, after_json, request_id)
        values (${`2025-0${i + 1}-01T00:00:00.000Z`}, null, 'linqiong', 'household.update', 'household', ${String(i)}, '/1/', ${'{"room":"8201","area":90}'}, null, 'r')`.execute(db);
    }
    const content = await db.selectFrom('audit_log').select(['id', 'at', 'actor_name', 'before_json']).orderBy('id').execute();

    expect((await migrateToLatest(db))[0]).toBe('005_audit_chain');
    const head = await db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(head).toMatchObject({ id: 1, seq: 0, hash: '', legacy_through_id: content[2]?.id, sealed_at: null });
    const keys = deriveChainKeys('deployment-secret');
    expect(await verifyAuditChain(db, keys)).toMatchObject({ ok: true, checked: 0, legacy: { unsealed: 3 } });

    expect(await sealLegacyAuditRows(db, keys, () => new Date('2026-12-04T08:00:00Z'))).toBe(3);
    expect(await db.selectFrom('audit_log').select(['id', 'at', 'actor_name', 'before_json']).orderBy('id').execute()).toEqual(content);
    expect(await verifyAuditChain(db, keys)).toMatchObject({ ok: true, checked: 3, legacy: { throughId: content[2]?.id, sealedAt: '2026-12-04T08:00:00.000Z', unsealed: 0 } });
    // Another secret verifies nothing: the first row already fails.
    expect((await verifyAuditChain(db, deriveChainKeys('another-secret'))).firstBroken).toMatchObject({ kind: 'forged', seq: 1 });
    expect(await migrateToLatest(db)).toEqual([]);
  });
});
