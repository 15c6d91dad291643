import { createSession, dummyPasswordHash, verifyPassword, type NewSession } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Services } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { clearAttempts, lockKey, releaseAttempt, reserveAttempt, type Reservation } from '../attempts.ts';
import { LOCK_MS, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS } from '../rules/lockout.ts';

export interface LoginResult extends NewSession {
  userId: number;
  /** The password was set by someone else and must be changed before anything else. */
  mustChangePassword: boolean;
}

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');

export interface Credentials {
  username: string;
  password: string;
  /** The client's address as the trusted proxy set-up tells it (see XIAOQU_TRUST_PROXY). */
  address: string;
}

/**
 * Checks a username and password under the lockout: the attempt is counted against the client address and the
 * name before the password is checked, so no more than the limit of guesses is ever checked, however many come
 * at once. Returns the user's id and leaves the caller to forget the name's failures in its own transaction.
 * Throws INVALID_CREDENTIALS for an unknown name, a wrong password and a disabled account alike, and
 * LOGIN_LOCKED (429) while the name or the address is locked (even for the right password).
 */
export async function checkCredentials(services: Services, input: Credentials, requestId: string): Promise<{ userId: number; mustChangePassword: boolean; nameKey: string; byAddress: Reservation }> {
  const { db, clock } = services;
  const now = clock.now();
  const nameKey = input.username.trim().toLowerCase();
  const addressKey = `address:${input.address}`;
  const byAddress = await reserveAttempt(db, addressKey, MAX_FAILURES_PER_ADDRESS, now);
  if (!byAddress) throw await locked(services, addressKey);
  const byName = await reserveAttempt(db, nameKey, MAX_FAILURES, now);
  if (!byName) {
    // Refused unchecked: it is not a guess against this address's count.
    await releaseAttempt(db, byAddress);
    throw await locked(services, nameKey);
  }
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled', 'must_change_password']).where('username', '=', nameKey).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.disabled) {
    const until = new Date(now.getTime() + LOCK_MS).toISOString();
    await db.transaction().execute(async (tx) => {
      for (const [r, max] of [[byName, MAX_FAILURES], [byAddress, MAX_FAILURES_PER_ADDRESS]] as const) {
        if (r.failures >= max && (await lockKey(tx, r, until))) {
          const isName = r === byName;
          await recordAudit(tx, { actorName: nameKey, requestId, clock }, { action: 'auth.locked', subjectType: isName ? 'user' : 'address', subjectId: isName ? (user?.id ?? null) : input.address, after: { lockedUntil: until } });
        }
      }
    });
    throw invalidCredentials();
  }
  return { userId: user.id, mustChangePassword: Boolean(user.must_change_password), nameKey, byAddress };
}

async function locked(services: Services, key: string): Promise<DomainError> {
  const row = await services.db.selectFrom('login_attempts').select('locked_until').where('key', '=', key).executeTakeFirst();
  return new DomainError('too_many', 'LOGIN_LOCKED', 'Too many failed sign-ins; try again later', row?.locked_until ? { lockedUntil: row.locked_until } : undefined);
}

/** Checks the credentials (see checkCredentials for what it throws) and opens a new session: a fresh token at every sign-in. */
export async function login(services: Services, input: Credentials, requestId: string): Promise<LoginResult> {
  const { db, clock, config } = services;
  const { userId, mustChangePassword, nameKey, byAddress } = await checkCredentials(services, input, requestId);
  return db.transaction().execute(async (tx) => {
    await clearAttempts(tx, nameKey);
    await releaseAttempt(tx, byAddress);
    const session = await createSession(tx, userId, clock.now(), { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours });
    await recordAudit(tx, { actorName: nameKey, requestId, clock }, { action: 'auth.login', subjectType: 'user', subjectId: userId });
    return { ...session, userId, mustChangePassword };
  });
}
