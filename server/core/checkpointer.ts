import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * The WAL checkpoints of a SQLite file, moved off the main thread.
 *
 * In WAL mode every commit appends the pages it changed to the `-wal` file; a checkpoint copies them back
 * into the database file and syncs it. SQLite normally checkpoints inside the commit that crosses 1,000 WAL
 * pages, which stops the event loop for milliseconds (a copy and two syncs) every few dozen writes: the slow
 * tail of every request that happens to be waiting. Here a worker thread with its own connection runs passive
 * checkpoints (they never wait for or block the writer) every `everyMs`, and the server's connection stops
 * checkpointing by itself.
 *
 * A passive checkpoint cannot reset a WAL that is written to without pause, so the WAL could grow while writes
 * never stop. Past `maxWalPages` the worker hands checkpointing back to the server's connection (its next
 * commit copies everything back and the write after it starts the WAL over) until the WAL is small again. If
 * the worker fails, the server's connection checkpoints by itself again, as SQLite does by default.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS so the worker runs the same under any loader; it needs nothing but the driver.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
let large = false;
const tick = () => {
  try {
    const r = checkpoint.get();
    // r.log: pages in the WAL; r.checkpointed: pages copied back so far.
    const nowLarge = r.log > workerData.maxWalPages;
    if (nowLarge !== large) {
      large = nowLarge;
      parentPort.postMessage(large ? 'large' : 'small');
    }
  } catch (e) {
    // SQLITE_BUSY: another checkpoint is running (another process); try again next time.
    if (!e || e.code !== 'SQLITE_BUSY') throw e;
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

export function startCheckpointer(conn: SQLite.Database, file: string, opts: { everyMs?: number; maxWalPages?: number } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, everyMs: opts.everyMs ?? 200, maxWalPages: opts.maxWalPages ?? 65_536 },
    // It holds one prepared statement: a small heap is plenty.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  conn.pragma('wal_autocheckpoint = 0');
  const selfCheckpointing = (pages: number) => {
    if (conn.open) conn.pragma(`wal_autocheckpoint = ${pages}`);
  };
  let stopped = false;
  worker.on('message', (m) => {
    // Large: the next commit copies the whole WAL back, and the write after it starts the WAL over.
    if (m === 'large') selfCheckpointing(1);
    else if (m === 'small' && conn.open) conn.pragma('wal_autocheckpoint = 0');
  });
  worker.on('error', () => {
    if (!stopped) selfCheckpointing(DEFAULT_AUTOCHECKPOINT);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        stopped = true;
        selfCheckpointing(DEFAULT_AUTOCHECKPOINT);
        const finish = () => void worker.terminate().finally(() => resolve());
        worker.on('message', (m) => {
          if (m === 'stopped') finish();
        });
        worker.once('error', finish);
        setTimeout(finish, 2000).unref();
        worker.postMessage('stop');
      }),
  };
}
