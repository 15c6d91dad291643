import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';

/** One write waiting for a shared transaction. */
interface Job {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Group {
  waiting: Job[];
  running: boolean;
}

/** Most writes one shared transaction takes; later ones wait for the next. */
export const MAX_GROUP = 64;

const groups = new WeakMap<Db, Group>();

/**
 * Runs `work` in a transaction that it may share with other writes arriving at the same moment (group
 * commit). On SQLite the commit is most of what a small write costs (the touched pages are appended to the
 * WAL), so writes that arrive together share one: each runs in its own savepoint, in arrival order, and one
 * that throws takes back only its own writes and gets its own error. Every caller is answered after the
 * shared COMMIT has landed, never before, so an answer always describes a write that is stored. A failed
 * COMMIT fails every write of the group.
 *
 * On PostgreSQL each write has its own transaction: the server already overlaps the commits of different
 * connections.
 *
 * `work` must use only the `tx` it is given (on SQLite the connection is held by the group).
 */
export function inSharedTransaction<T>(services: { db: Db; dbKind: 'sqlite' | 'postgres' }, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (services.dbKind !== 'sqlite') return services.db.transaction().execute(work);
  let group = groups.get(services.db);
  if (!group) {
    group = { waiting: [], running: false };
    groups.set(services.db, group);
  }
  const g = group;
  return new Promise<T>((resolve, reject) => {
    g.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // Requests read in the same turn of the event loop join this group: start once they have been queued.
    if (!g.running) {
      g.running = true;
      setImmediate(() => void drain(services.db, g));
    }
  });
}

/** Runs groups until nobody waits; one group's transaction at a time. */
async function drain(db: Db, g: Group): Promise<void> {
  try {
    while (g.waiting.length > 0) {
      const jobs = g.waiting.splice(0, MAX_GROUP);
      await runGroup(db, jobs);
    }
  } finally {
    g.running = false;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runGroup(db: Db, jobs: Job[]): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    await db.transaction().execute(async (tx) => {
      for (const job of jobs) {
        if (jobs.length === 1) {
          outcomes.push({ ok: true, value: await job.work(tx) });
          continue;
        }
        await sql`savepoint group_write`.execute(tx);
        try {
          const value = await job.work(tx);
          await sql`release group_write`.execute(tx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`rollback to group_write`.execute(tx);
          await sql`release group_write`.execute(tx);
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The COMMIT (or, for a group of one, the write itself) failed: nothing of the group is stored.
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const o = outcomes[i];
    if (o?.ok) job.resolve(o.value);
    else job.reject(o ? o.error : new Error('write was not run'));
  });
}
