import { isIPv4, isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { Services } from './context.ts';

/** At most `max` attempts per `windowSeconds` for one counted subject (`bucket`, e.g. "qr-report:addr:…"). */
export interface Limit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

export type LimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number; bucket: string };

class Refused extends Error {
  constructor(readonly outcome: LimitOutcome) {
    super('rate limited');
  }
}

/**
 * Counts one attempt against every limit, all or nothing: the counters live in the database (fixed windows,
 * one row per limit and window), so the limits hold across all servers of a deployment. One upsert bumps them
 * all and returns the new counts; when any is over its maximum the transaction is rolled back, so a refused
 * attempt counts against nothing (a flood from one address does not use up its building's allowance, and a
 * phone that waits out `Retry-After` is not punished for having asked). On PostgreSQL concurrent attempts on
 * the same counter queue on its row lock, so the maximum is exact. A limit with max 0 is switched off.
 * Fixed windows let up to twice the maximum through across a window boundary; the hour limits bound that.
 */
export async function countAttempt(services: Pick<Services, 'db' | 'clock'>, limits: readonly Limit[]): Promise<LimitOutcome> {
  const active = limits.filter((l) => l.max > 0 && l.windowSeconds > 0);
  if (active.length === 0) return { ok: true };
  const nowMs = services.clock.now().getTime();
  const rows = active.map((l) => {
    const start = Math.floor(nowMs / 1000 / l.windowSeconds) * l.windowSeconds;
    const endMs = (start + l.windowSeconds) * 1000;
    return { limit: l, endMs, row: { bucket: `${l.bucket}@${l.windowSeconds}:${start}`, hits: 1, expires_at: new Date(endMs).toISOString() } };
  });
  try {
    await services.db.transaction().execute(async (tx) => {
      const counted = await tx
        .insertInto('rate_limit_hits')
        .values(rows.map((r) => r.row))
        .onConflict((oc) => oc.column('bucket').doUpdateSet({ hits: sql<number>`rate_limit_hits.hits + 1` }))
        .returning(['bucket', 'hits'])
        .execute();
      const hits = new Map(counted.map((c) => [c.bucket, Number(c.hits)]));
      const over = rows.filter((r) => (hits.get(r.row.bucket) ?? 0) > r.limit.max);
      if (over.length > 0) {
        const wait = Math.max(...over.map((r) => Math.ceil((r.endMs - nowMs) / 1000)));
        throw new Refused({ ok: false, retryAfterSeconds: Math.max(1, wait), bucket: over[0]?.limit.bucket ?? '' });
      }
    });
  } catch (e) {
    if (e instanceof Refused) return e.outcome;
    throw e;
  }
  return { ok: true };
}

/** Drops the counters of windows that have ended (run by the timers). */
export async function pruneRateLimits(services: Pick<Services, 'db' | 'clock'>): Promise<number> {
  const r = await services.db.deleteFrom('rate_limit_hits').where('expires_at', '<=', services.clock.now().toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The part of a client address that identifies one client: an IPv4 address as it is (an IPv4-mapped IPv6
 * address as its IPv4), an IPv6 address by its /64 network, since one phone or home line is handed a whole /64
 * and can rotate through it at will.
 */
export function clientNetwork(ip: string): string {
  const plain = ip.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (plain.startsWith('::ffff:') && isIPv4(plain.slice(7))) return plain.slice(7);
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = plain.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = plain.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
