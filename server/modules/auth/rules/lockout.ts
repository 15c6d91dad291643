/**
 * Temporary lockout after repeated failed sign-ins, kept in the database so it holds across servers: per
 * username (5 failures), and per client address (30 failures, against trying one password on many names).
 * Failures count within a window from the first one; reaching the limit locks the key for LOCK_MS, and a new
 * window starts when the old one has passed or the lock has expired.
 *
 * Counting is a reservation taken before the password is checked (see ../attempts.ts): one conditional UPDATE
 * per key, so however many attempts arrive at once, at most the limit of them ever reach the hash check.
 */
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
