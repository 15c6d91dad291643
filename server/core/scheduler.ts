import { randomUUID } from 'node:crypto';
import type { Services } from './context.ts';

/** Work that runs on a timer (reminders, overdue marks, webhook deliveries). */
export interface Job {
  name: string;
  run: (services: Services) => Promise<unknown>;
}

/**
 * Takes or renews the named lease for `holder` until `ms` from now; true when this holder has it. With several
 * processes on one database only the holder runs the timers, and the jobs themselves use conditional updates so
 * that even two holders (a lease lost mid-run) never record the same change twice.
 */
export async function takeLease(services: Pick<Services, 'db' | 'clock'>, name: string, holder: string, ms: number): Promise<boolean> {
  const { db, clock } = services;
  const now = clock.now();
  const until = new Date(now.getTime() + ms).toISOString();
  await db.insertInto('scheduler_leases').values({ name, holder, until: now.toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const r = await db
    .updateTable('scheduler_leases')
    .set({ holder, until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('until', '<=', now.toISOString())]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Runs the jobs every `everyMs` while this process holds the lease; returns a stop function, which also runs the
 * `atStop` jobs if this process held the lease at its last tick (e.g. a last publication of the audit chain head).
 */
export function startScheduler(services: Services, jobs: Job[], everyMs = 30_000, atStop: Job[] = []): () => Promise<void> {
  const holder = randomUUID();
  let running: Promise<void> | null = null;
  let held = false;
  const tick = async () => {
    try {
      held = await takeLease(services, 'timers', holder, everyMs * 3);
      if (!held) return;
      for (const job of jobs) {
        try {
          await job.run(services);
        } catch (err) {
          services.log.error({ err, job: job.name }, 'timer job failed');
        }
      }
    } catch (err) {
      services.log.error({ err }, 'scheduler tick failed');
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (running) await running;
    if (!held) return;
    for (const job of atStop) {
      try {
        await job.run(services);
      } catch (err) {
        services.log.error({ err, job: job.name }, 'timer job failed at stop');
      }
    }
  };
}
