import pino from 'pino';
import { build } from './app.ts';
import { loadConfig } from './core/config.ts';
import { openServices } from './core/services.ts';
import { startScheduler } from './core/scheduler.ts';
import { stopJobs, timerJobs } from './modules/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDefaults, loadDemoIfEmpty } from './modules/seed.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel });

async function main(): Promise<void> {
  const { services, handle } = await openServices(config, log);
  await ensureDefaults(services);
  const demoLoaded = config.demo && (await loadDemoIfEmpty(services));
  const app = await build({ services, logger: log });
  await app.listen({ port: config.port, host: config.host });
  // Reminders, overdue marks, 未评价 closures, webhook deliveries and the audit chain's published head; one process
  // at a time holds the lease.
  const stopTimers = config.scheduler ? startScheduler(services, timerJobs, config.timerMs, stopJobs) : async () => undefined;

  const url = `http://localhost:${config.port}/`;
  const lines = [`xiaoqu is running at ${url}  (database: ${handle.kind})`, `API documentation: ${url}api/docs`];
  if (demoLoaded) lines.push('The database was empty: loaded the Linqiong demo (林琼社区).');
  if (config.demo) {
    lines.push(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(10)} ${a.displayName} — ${a.note}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    try {
      await stopTimers();
      await app.close();
      // close() stops new work; let the answers already under way finish before the database goes.
      while (app.inFlight() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      await handle.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'xiaoqu failed to start');
  process.exit(1);
});
