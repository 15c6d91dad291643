import { Kysely } from 'kysely';

// Frozen. Limits on anonymous writes (the building QR page, its ratings) that hold across several servers:
// one counter row per (limit, window), bumped by one upsert per attempt and pruned by the timers once its
// window has passed. Reports from the QR page remember a keyed hash of the address they came from (never the
// address), so staff can tell a flood from one phone from real reports of the same building, and whether a
// room was only stated by an anonymous reporter (unverified) rather than known from a signed-in household.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    // The limit's name, the counted subject and the window's start, e.g. "qr-report:addr:3f…@60:1796007600".
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    // When the window ends; rows past it are pruned.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_expires').on('rate_limit_hits').column('expires_at').execute();

  // SQLite adds one column per statement.
  await db.schema.alterTable('issues').addColumn('origin_hash', 'text').execute();
  await db.schema.alterTable('issues').addColumn('household_stated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Recent reports of a place (floods) are found by time first.
  await db.schema.createIndex('issues_created').on('issues').columns(['created_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('007_report_limits cannot be reverted');
}
