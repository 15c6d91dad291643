import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m001 from './migrations/001_foundation.ts';
import * as m002 from './migrations/002_issues.ts';
import * as m003 from './migrations/003_users_resident.ts';
import * as m004 from './migrations/004_volunteers_service.ts';
import * as m005 from './migrations/005_audit_chain.ts';
import * as m006 from './migrations/006_account_security.ts';
import * as m007 from './migrations/007_report_limits.ts';
import * as m008 from './migrations/008_search.ts';
import * as m010 from './migrations/010_privacy.ts';
import type { Database } from './schema.ts';

// Migrations are listed explicitly so the bundle never scans the file system for them.
const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_issues': m002,
  '003_users_resident': m003,
  '004_volunteers_service': m004,
  '005_audit_chain': m005,
  '006_account_security': m006,
  '007_report_limits': m007,
  '008_search': m008,
  '010_privacy': m010,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
