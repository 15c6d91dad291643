import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../core/db.ts';
import { WINDOW_MS } from './rules/lockout.ts';

/** A sign-in attempt counted against a key before its password is checked. */
export interface Reservation {
  key: string;
  /** The attempt's number within the window (1 for the first). */
  failures: number;
  windowStart: string;
}

/**
 * Counts one attempt against `key`, atomically: a single conditional UPDATE that either starts a new window
 * (the old one passed or its lock expired) or adds one while the key is below `max` and unlocked. Under any
 * concurrency on SQLite or PostgreSQL at most `max` attempts per window get a reservation. Returns null when the
 * key is locked (or full): the attempt must then be refused without checking the password.
 */
export async function reserveAttempt(db: Db, key: string, max: number, now: Date): Promise<Reservation | null> {
  const at = now.toISOString();
  await db
    .insertInto('login_attempts')
    .values({ key, failures: 0, window_start: at, locked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const windowOpenSince = new Date(now.getTime() - WINDOW_MS).toISOString();
  const stale = sql<boolean>`(window_start < ${windowOpenSince} or (locked_until is not null and locked_until <= ${at}))`;
  const row = await db
    .updateTable('login_attempts')
    .set({
      failures: sql<number>`case when ${stale} then 1 else failures + 1 end`,
      window_start: sql<string>`case when ${stale} then ${at} else window_start end`,
      locked_until: sql<string | null>`case when ${stale} then null else locked_until end`,
    })
    .where('key', '=', key)
    .where(sql<boolean>`(${stale} or (locked_until is null and failures < ${max}))`)
    .returning(['failures', 'window_start'])
    .executeTakeFirst();
  return row ? { key, failures: row.failures, windowStart: row.window_start } : null;
}

/** Gives a reservation back (the attempt succeeded, or was refused before its password was checked). */
export async function releaseAttempt(db: DbOrTx, r: Reservation): Promise<void> {
  await db
    .updateTable('login_attempts')
    .set({ failures: sql<number>`failures - 1` })
    .where('key', '=', r.key)
    .where('window_start', '=', r.windowStart)
    .where('failures', '>', 0)
    .execute();
}

/** Locks the key of a failed attempt that was the last one allowed; true when this call set the lock. */
export async function lockKey(db: DbOrTx, r: Reservation, until: string): Promise<boolean> {
  const res = await db
    .updateTable('login_attempts')
    .set({ locked_until: until })
    .where('key', '=', r.key)
    .where('window_start', '=', r.windowStart)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Forgets the failures of a name after a successful sign-in. */
export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
