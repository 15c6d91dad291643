import type { Kysely } from 'kysely';

// Frozen. Routing a 小事 looks up the building leader's account by resident on every report.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_resident').on('users').column('resident_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('003_users_resident cannot be reverted');
}
