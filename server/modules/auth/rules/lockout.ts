/**
 * Temporary lockout after repeated failed logins, kept in the database so it holds across servers: per
 * username (5 failures), and per client address (30 failures, against trying one password on many names).
 */
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface AttemptState {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export function isLocked(state: AttemptState | undefined, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now.toISOString());
}

/** The state after one more failure: failures count within a window; the fifth locks the name. */
export function afterFailure(state: AttemptState | undefined, now: Date, max = MAX_FAILURES): AttemptState {
  const fresh = !state || now.getTime() - Date.parse(state.windowStart) > WINDOW_MS || isExpiredLock(state, now);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now.toISOString() : state.windowStart;
  const lockedUntil = failures >= max ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  return { failures, windowStart, lockedUntil };
}

function isExpiredLock(state: AttemptState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil <= now.toISOString();
}
