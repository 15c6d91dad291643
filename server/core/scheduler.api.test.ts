import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { startScheduler, takeLease } from './scheduler.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => t.close());

describe('the timer lease', () => {
  it('is held by one process at a time and passes on when it runs out', async () => {
    const results = await Promise.all([takeLease(t.services, 'timers', 'a', 60_000), takeLease(t.services, 'timers', 'b', 60_000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = results[0] ? 'a' : 'b';
    const other = holder === 'a' ? 'b' : 'a';
    expect(await takeLease(t.services, 'timers', holder, 60_000)).toBe(true);
    expect(await takeLease(t.services, 'timers', other, 60_000)).toBe(false);
    t.clock.advance(61_000);
    expect(await takeLease(t.services, 'timers', other, 60_000)).toBe(true);
    expect(await takeLease(t.services, 'timers', holder, 60_000)).toBe(false);
  });
});

describe('jobs at stop', () => {
  it('run only in the process that held the lease at its last tick', async () => {
    const ran: string[] = [];
    const stopJob = (name: string) => [{ name, run: async () => void ran.push(name) }];
    // Past the leases of the test above; the test clock stands still, so the first taker keeps the lease.
    t.clock.advance(10 * 60_000);
    const holder = startScheduler(t.services, [], 10, stopJob('holder'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const other = startScheduler(t.services, [], 10, stopJob('other'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    await other();
    await holder();
    expect(ran).toEqual(['holder']);
  });
});
