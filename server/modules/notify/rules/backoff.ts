/**
 * How long to wait before trying a failed webhook delivery again: 1 min, 5 min, 30 min, 2 h, 6 h. A chat
 * robot that is down for a few minutes still gets the message; one that stays broken for half a day does not
 * keep being called forever.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** Attempts in all (the first one and one per delay) before a delivery is given up as failed. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * When to try again after `attempts` attempts have failed (counting the one that just failed), or null when
 * the delivery has used up its attempts.
 */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer (got ${attempts})`);
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (attempts >= MAX_ATTEMPTS || delay === undefined) return null;
  return new Date(failedAt.getTime() + delay);
}
