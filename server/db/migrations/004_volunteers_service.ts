import type { Kysely } from 'kysely';

// Frozen. A volunteer's service can end (离队): the day it ended and why, kept on the row so the record of who
// served stays whole. `updated_at` is null until a volunteer is first changed. SQLite adds one column per
// statement, so each column is its own alteration.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('volunteers').addColumn('ended_on', 'text').execute();
  await db.schema.alterTable('volunteers').addColumn('end_reason', 'text').execute();
  await db.schema.alterTable('volunteers').addColumn('updated_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('004_volunteers_service cannot be reverted');
}
