import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

// Figures for the benchmark (bench/run.ts), served only when the process is started with XIAOQU_BENCH_STATS=1:
// the longest event-loop delay since the last reset (every request waits behind whatever holds the loop) and
// the page cache's hits and misses. Hidden from the API documentation; no data, no session.

export function registerBenchStats(app: FastifyInstance): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The whole run: reset only when asked (?run=1), at the start of the measurements.
  const run = monitorEventLoopDelay({ resolution: 10 });
  run.enable();
  const pages = app.services.caches.pages.stats;
  let since = { hits: pages.hits, misses: pages.misses };
  app.get('/_bench/stats', { schema: { hide: true } }, async () => ({
    // In nanoseconds. A sample is taken every 10 ms: the figure is how late the loop was for one (a request that
    // held the loop for 40 ms shows as about 40 ms).
    eventLoopMaxMs: Math.round(delay.max / 1e4) / 100,
    eventLoopP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    runEventLoopMaxMs: Math.round(run.max / 1e4) / 100,
    pageCacheHits: pages.hits - since.hits,
    pageCacheMisses: pages.misses - since.misses,
  }));
  app.post('/_bench/stats/reset', { schema: { hide: true } }, async (request) => {
    if ((request.query as Record<string, unknown>).run === '1') run.reset();
    delay.reset();
    since = { hits: pages.hits, misses: pages.misses };
    return { ok: true };
  });
}
