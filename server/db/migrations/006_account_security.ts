import type { Kysely } from 'kysely';

// Frozen. Account security: a password set by someone else must be changed at the next sign-in
// (`must_change_password`), and a session ends after a while without use (`last_seen_at`, touched at most once a
// minute; null until first touched, when `created_at` stands for it). SQLite adds one column per statement.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('006_account_security cannot be reverted');
}
