import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.ts';

const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

describe('the checkpointer', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function open() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-ckpt-'));
    const file = path.join(dir, 'c.sqlite');
    const conn = new SQLite(file);
    conn.pragma('journal_mode = WAL');
    conn.exec('create table t (b blob)');
    return { file, conn };
  }

  it('copies the WAL into the database file from its own thread; the connection never checkpoints by itself', async () => {
    const { file, conn } = open();
    const ck = startCheckpointer(conn, file, { everyMs: 20 });
    expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fs.statSync(file).size;
    const insert = conn.prepare('insert into t values (?)');
    conn.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(8192, i));
    })();
    // 1.6 MB went to the WAL; only a checkpoint puts it into the file, and this connection makes none.
    expect(await until(() => fs.statSync(file).size > before + 1_500_000)).toBe(true);
    await ck.stop();
    // Stopped, the connection checkpoints by itself again (SQLite's default).
    expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    conn.close();
  });

  it('hands checkpointing back to the connection while the WAL is too large, and takes it again once small', async () => {
    const { file, conn } = open();
    const ck = startCheckpointer(conn, file, { everyMs: 20, maxWalPages: 50 });
    // A reader holding an old snapshot keeps the passive checkpoints from finishing, so the WAL stays large.
    const reader = new SQLite(file, { readonly: true });
    reader.exec('begin');
    reader.prepare('select count(*) from t').get();
    const insert = conn.prepare('insert into t values (?)');
    conn.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(8192, i));
    })();
    expect(await until(() => conn.pragma('wal_autocheckpoint', { simple: true }) === 1)).toBe(true);
    reader.exec('commit');
    reader.close();
    // The connection's own checkpoint at its next commit empties the WAL; the worker then takes over again.
    conn.prepare('insert into t values (?)').run(Buffer.alloc(10));
    conn.prepare('insert into t values (?)').run(Buffer.alloc(10));
    expect(await until(() => conn.pragma('wal_autocheckpoint', { simple: true }) === 0)).toBe(true);
    await ck.stop();
    conn.close();
  });
});
