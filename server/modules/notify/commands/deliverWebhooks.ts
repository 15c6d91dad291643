import os from 'node:os';
import type { Services } from '../../../core/context.ts';
import { dueDeliveryIds, getDelivery } from '../queries.ts';
import { nextAttemptAt } from '../rules/backoff.ts';
import { readReply } from '../rules/payload.ts';
import { TEST_EVENT } from '../rules/webhooks.ts';

export type DeliveryServices = Pick<Services, 'db' | 'clock' | 'log'>;

export interface DeliverOptions {
  /** The HTTP client (tests and other runtimes may pass their own). */
  fetch?: typeof fetch;
  /** At most this many deliveries per call. */
  limit?: number;
  /** Who is sending, for the log (defaults to host:pid). */
  holder?: string;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'retried';

/** A claim outlives the longest possible attempt (the timeout) many times over, then lapses for a retry. */
const LOCK_MS = 60_000;
const TIMEOUT_MS = 5_000;
const PARALLEL = 4;
const MAX_ERROR_CHARS = 500;

const defaultHolder = () => `${os.hostname()}:${process.pid}`;

/**
 * Sends every pending delivery whose time has come. Several server processes may call this at once on one
 * PostgreSQL database: each delivery is claimed with a conditional update before it is sent, so no two
 * processes send the same one (a process that dies mid-send leaves a claim that lapses after a minute).
 */
export async function deliverDueWebhooks(services: DeliveryServices, opts: DeliverOptions = {}): Promise<Record<DeliveryOutcome, number>> {
  const due = await dueDeliveryIds(services.db, services.clock.now().toISOString(), opts.limit ?? 50);
  const tally: Record<DeliveryOutcome, number> = { delivered: 0, failed: 0, retried: 0 };
  let next = 0;
  // A few at a time: one unreachable receiver waiting out its timeout should not hold up the others.
  const worker = async () => {
    for (let row = due[next++]; row; row = due[next++]) {
      const outcome = await deliverOne(services, row.id, opts);
      if (outcome) tally[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  return tally;
}

/**
 * Claims one pending, due delivery and sends it. Returns what became of it, or null when it was not there to
 * claim (sent or being sent by another process, not yet due). A test message is tried once: whoever sent it
 * is looking at the answer, and a broken address should not be called for hours afterwards.
 */
export async function deliverOne(services: DeliveryServices, id: number, opts: Pick<DeliverOptions, 'fetch' | 'holder'> = {}): Promise<DeliveryOutcome | null> {
  const { db, clock, log } = services;
  const claimedAt = clock.now();
  const now = claimedAt.toISOString();
  const lock = new Date(claimedAt.getTime() + LOCK_MS).toISOString();
  const claim = await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: lock })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return null;

  const delivery = await getDelivery(db, id);
  if (!delivery) return null;
  const hook = await db.selectFrom('webhooks').select(['url']).where('id', '=', delivery.webhook_id).executeTakeFirst();
  const result = hook ? await post(opts.fetch ?? fetch, hook.url, delivery.payload_json) : { ok: false, status: null, error: 'the webhook no longer exists' };

  const finishedAt = clock.now();
  const attempts = delivery.attempts + 1;
  const retryAt = result.ok || delivery.event === TEST_EVENT ? null : nextAttemptAt(attempts, finishedAt);
  const outcome: DeliveryOutcome = result.ok ? 'delivered' : retryAt ? 'retried' : 'failed';
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome === 'retried' ? 'pending' : outcome,
      attempts,
      locked_until: null,
      last_status_code: result.status,
      last_error: result.error,
      ...(retryAt ? { next_attempt_at: retryAt.toISOString() } : {}),
      ...(result.ok ? { delivered_at: finishedAt.toISOString() } : {}),
    })
    .where('id', '=', id)
    // Only while the claim is still ours: a lapsed claim may have passed the delivery to someone else.
    .where('locked_until', '=', lock)
    .execute();
  if (!result.ok) log.warn({ deliveryId: id, webhookId: delivery.webhook_id, attempts, outcome, status: result.status, error: result.error, holder: opts.holder ?? defaultHolder() }, 'webhook delivery failed');
  return outcome;
}

interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

async function post(send: typeof fetch, url: string, body: string): Promise<PostResult> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      // A redirect is not followed: the configured address is the one the managers agreed to post to.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const verdict = readReply(response.status, await response.text());
    return { ok: verdict.ok, status: response.status, error: verdict.ok ? null : clip(verdict.error) };
  } catch (err) {
    return { ok: false, status: null, error: clip(describeError(err)) };
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : null;
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

function clip(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
