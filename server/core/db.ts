import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

// pg returns int8/numeric as strings; counts and sums come back as numbers on both databases.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens the database named by a `sqlite:PATH` or `postgres://…` URL. */
export function openDatabase(url: string): DbHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

/** Upper bound of the byte range of all paths that start with `prefix` ("/1/7/" → "/1/70"). */
export function pathUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** `column` lies within the subtree at `prefix` (the node itself included), as an index range. */
export function within<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  prefix: string,
): Expression<SqlBool> {
  const ref = sql.ref(column);
  return eb.and([sql<SqlBool>`${ref} >= ${prefix}`, sql<SqlBool>`${ref} < ${pathUpperBound(prefix)}`]);
}

/** Within any of several subtrees. */
export function withinAny<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  prefixes: readonly string[],
): Expression<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(prefixes.map((p) => within(eb, column, p)));
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Is the database reachable? Used by /readyz. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
