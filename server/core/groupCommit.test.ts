import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from './db.ts';
import { inSharedTransaction } from './groupCommit.ts';

describe('group commit (SQLite)', () => {
  let dir = '';
  let handle: DbHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-group-'));
    const file = path.join(dir, 'g.sqlite');
    handle = openDatabase(`sqlite:${file}`);
    await sql`create table t (id integer primary key, v text not null unique)`.execute(handle.db);
    return { file, services: { db: handle.db, dbKind: 'sqlite' as const } };
  }

  it('writes arriving together share one transaction, and each is answered only once it is stored', async () => {
    const { file } = await open();
    // A second Kysely over its own connection that counts the transactions it opens.
    const conn = new SQLite(file);
    let begins = 0;
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({
        database: {
          close: () => conn.close(),
          prepare: (text: string) => {
            if (/^\s*begin/i.test(text)) begins++;
            return conn.prepare(text);
          },
        },
      }),
    });
    const other = new SQLite(file, { readonly: true });
    const seenAtAnswer: number[] = [];
    const writes = Array.from({ length: 20 }, (_, i) =>
      inSharedTransaction({ db, dbKind: 'sqlite' }, async (tx) => {
        await sql`insert into t (v) values (${`v${i}`})`.execute(tx);
        return i;
      }).then((i) => {
        // Another connection sees the row the moment the writer is answered: it was committed first.
        seenAtAnswer.push((other.prepare('select count(*) as n from t where v = ?').get(`v${i}`) as { n: number }).n);
        return i;
      }),
    );
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(begins).toBe(1);
    expect(seenAtAnswer).toEqual(Array(20).fill(1));
    other.close();
    await db.destroy();
  });

  it('a write that fails takes back only its own rows and gets its own error', async () => {
    const { services } = await open();
    const results = await Promise.allSettled(
      ['a', 'b', 'dup', 'c', 'dup', 'd'].map((v, i) =>
        inSharedTransaction(services, async (tx) => {
          await sql`insert into t (v) values (${`${v}-extra-${i}`})`.execute(tx);
          await sql`insert into t (v) values (${v})`.execute(tx);
          if (v === 'c') throw new Error('refused by a rule');
          return v;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[3] as PromiseRejectedResult).reason)).toContain('refused by a rule');
    expect(String((results[4] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(services.db);
    // The failed writes' first rows (c-extra-3, dup-extra-4) are gone with them.
    expect(rows.rows.map((r) => r.v)).toEqual(['a-extra-0', 'a', 'b-extra-1', 'b', 'dup-extra-2', 'dup', 'd-extra-5', 'd']);
  });

  it('runs more writes than one group takes, in arrival order', async () => {
    const { services } = await open();
    const n = 150;
    await Promise.all(Array.from({ length: n }, (_, i) => inSharedTransaction(services, (tx) => sql`insert into t (v) values (${String(i).padStart(4, '0')})`.execute(tx))));
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(services.db);
    expect(rows.rows.map((r) => Number(r.v))).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
