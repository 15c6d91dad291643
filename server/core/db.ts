import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { startCheckpointer } from './checkpointer.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /**
   * A number that changes whenever the data may have changed (SQLite: any write through this process or a
   * commit by another process on the file). Null where no such signal exists (PostgreSQL with several servers),
   * which turns the read caches off.
   */
  generation: Generation | null;
  close(): Promise<void>;
}

/**
 * The data generation: with no argument it changes on any write; given tables, only when one of them may have
 * changed (a write to `issues` leaves cached sessions and units valid).
 */
export type Generation = (tables?: readonly string[]) => number;

const TABLE_REF = /\b(?:from|join|into|update)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

/** The tables a statement names (after from, join, into, update); quoted or not. */
export function tablesOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(TABLE_REF)) if (m[1]) out.add(m[1].toLowerCase());
  return [...out];
}

// pg returns int8/numeric as strings; counts and sums come back as numbers on both databases.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens the database named by a `sqlite:PATH` or `postgres://…` URL. */
export function openDatabase(url: string, opts: { onConnectionLost?: (err: Error) => void } = {}): DbHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
    // An idle connection can be ended by the server (a restart, an administrator, a dropped database): pg then
    // emits 'error' on the pool, which would end the process if nobody listened. The pool discards that
    // connection and opens another for the next query; a query that was using one gets its own error.
    pool.on('error', (err) => opts.onConnectionLost?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', generation: null, close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  // Checkpoints run on a worker thread so that no request waits for one (see checkpointer.ts).
  const checkpointer = file === ':memory:' ? null : startCheckpointer(conn, file);
  const cached = withStatementCache(conn);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached.database }) });
  return {
    db,
    kind: 'sqlite',
    generation: cached.generation,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * The SQLite connection as Kysely sees it, with two caches:
 * - statements by SQL text: Kysely prepares every query anew, and preparing (parsing, planning) costs more
 *   than running a typical indexed query;
 * - results of read-only statements by SQL text and parameters, valid until anything is written. Every
 *   statement that may write (including BEGIN/COMMIT/ROLLBACK and INSERT … RETURNING) empties the result
 *   cache, and `PRAGMA data_version` notices commits by other processes on the same file, so a cached result
 *   is always what the query would return now. Cached rows are frozen: callers must not mutate rows.
 */
export function withStatementCache(
  conn: SQLite.Database,
  opts: { statements?: number; results?: number; maxRows?: number } = {},
): { database: SqliteDatabase; generation: Generation } {
  const maxStatements = opts.statements ?? 500;
  const maxResults = opts.results ?? 1000;
  const maxRows = opts.maxRows ?? 200;
  const statements = new Map<string, SqliteStatement>();
  const results = new Map<string, { gen: number; rows: readonly unknown[] }>();
  const dataVersion = conn.prepare('pragma data_version').pluck();
  let seenVersion = dataVersion.get();
  // Writes bump the tables they name; `everything` moves for what cannot be pinned to tables (another
  // process's commit, a rollback, a write naming no table), and so invalidates all.
  let generation = 0;
  let everything = 0;
  const tableGen = new Map<string, number>();
  const genOf = (tables: readonly string[]) => tables.reduce((sum, t) => sum + (tableGen.get(t) ?? 0), everything);

  const invalidateAll = () => {
    generation++;
    everything++;
    results.clear();
  };
  const invalidateTables = (tables: readonly string[]) => {
    if (tables.length === 0) return invalidateAll();
    generation++;
    for (const t of tables) tableGen.set(t, (tableGen.get(t) ?? 0) + 1);
  };
  const invalidate = invalidateAll;
  /**
   * Notices commits made by other connections to the same file (this process's own writes invalidate at
   * once). Asked at most once a millisecond: a commit by another process shows within that time.
   */
  let checkedAt = -Infinity;
  const checkOthers = () => {
    const now = performance.now();
    if (now - checkedAt < 1) return;
    checkedAt = now;
    const version = dataVersion.get();
    if (version !== seenVersion) {
      seenVersion = version;
      invalidate();
    }
  };
  const touch = <K, V>(map: Map<K, V>, key: K, value: V, max: number) => {
    map.delete(key);
    if (map.size >= max) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, value);
  };

  const wrap = (text: string, stmt: SQLite.Statement): SqliteStatement => {
    if (!stmt.readonly) {
      const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '';
      // BEGIN, COMMIT, SAVEPOINT and RELEASE change nothing this connection sees; ROLLBACK undoes writes whose
      // tables were bumped already, but results read inside the transaction must go.
      const bump = ['begin', 'commit', 'savepoint', 'release', 'end'].includes(verb) ? () => undefined : verb === 'rollback' ? invalidateAll : ((tables) => () => invalidateTables(tables))(tablesOf(text));
      return {
        reader: stmt.reader,
        all: (params) => {
          bump();
          return stmt.all(...params);
        },
        run: (params) => {
          bump();
          return stmt.run(...params);
        },
        iterate: (params) => {
          bump();
          return stmt.iterate(...params);
        },
      };
    }
    // SQLite counts transaction control as read-only; a ROLLBACK still takes back what was read inside.
    if (/^\s*rollback\b/i.test(text)) {
      return {
        reader: stmt.reader,
        all: (params) => {
          invalidateAll();
          return stmt.all(...params);
        },
        run: (params) => {
          invalidateAll();
          return stmt.run(...params);
        },
        iterate: (params) => stmt.iterate(...params),
      };
    }
    const tables = tablesOf(text);
    return {
      reader: stmt.reader,
      all: (params) => {
        checkOthers();
        const key = `${text}\u0000${JSON.stringify(params)}`;
        const hit = results.get(key);
        const now = genOf(tables);
        // Callers get their own array (Kysely's migrator sorts what it reads); the rows stay shared and frozen.
        if (hit && hit.gen === now) return hit.rows.slice();
        const rows = stmt.all(...params);
        if (rows.length <= maxRows && tables.length > 0) {
          for (const row of rows) Object.freeze(row);
          touch(results, key, { gen: now, rows: Object.freeze(rows.slice()) }, maxResults);
        }
        return rows;
      },
      run: (params) => stmt.run(...params),
      iterate: (params) => stmt.iterate(...params),
    };
  };

  const database: SqliteDatabase = {
    close: () => conn.close(),
    prepare: (text: string) => {
      let stmt = statements.get(text);
      if (!stmt) stmt = wrap(text, conn.prepare(text));
      touch(statements, text, stmt, maxStatements);
      return stmt;
    },
  };
  return {
    database,
    generation: (tables) => {
      checkOthers();
      return tables ? genOf(tables) : generation;
    },
  };
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

/** `column` contains `text` literally (wildcards in the text are escaped; same behaviour on both databases). */
export function contains(column: string, text: string) {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
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
