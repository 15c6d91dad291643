import { createSession, dummyPasswordHash, verifyPassword, type NewSession } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Services } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { afterFailure, isLocked, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, type AttemptState } from '../rules/lockout.ts';

export interface LoginResult extends NewSession {
  userId: number;
}

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');

/**
 * Checks a username and password and opens a new session (a fresh token at every login).
 * Throws INVALID_CREDENTIALS for an unknown name and for a wrong password alike, and LOGIN_LOCKED (429) while
 * the name is locked after repeated failures.
 */
export async function login(services: Services, input: { username: string; password: string; address: string }, requestId: string): Promise<LoginResult> {
  const { db, clock } = services;
  const now = clock.now();
  const key = input.username.trim().toLowerCase();
  const addressKey = `address:${input.address}`;
  const rows = await db.selectFrom('login_attempts').selectAll().where('key', 'in', [key, addressKey]).execute();
  const stateOf = (k: string): AttemptState | undefined => {
    const r = rows.find((x) => x.key === k);
    return r && { failures: r.failures, windowStart: r.window_start, lockedUntil: r.locked_until };
  };
  const [byName, byAddress] = [stateOf(key), stateOf(addressKey)];
  for (const state of [byName, byAddress]) {
    if (isLocked(state, now)) {
      throw new DomainError('too_many', 'LOGIN_LOCKED', 'Too many failed sign-ins; try again later', { lockedUntil: state?.lockedUntil });
    }
  }
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', key).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.disabled) {
    const next = [
      { k: key, state: afterFailure(byName, now) },
      { k: addressKey, state: afterFailure(byAddress, now, MAX_FAILURES_PER_ADDRESS) },
    ];
    await db.transaction().execute(async (tx) => {
      for (const { k, state } of next) {
        const values = { failures: state.failures, window_start: state.windowStart, locked_until: state.lockedUntil };
        await tx.insertInto('login_attempts').values({ key: k, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
        if (state.lockedUntil && state.failures === (k === key ? MAX_FAILURES : MAX_FAILURES_PER_ADDRESS)) {
          await recordAudit(tx, { actorName: key, requestId, clock }, { action: 'auth.locked', subjectType: k === key ? 'user' : 'address', subjectId: k === key ? (user?.id ?? null) : input.address, after: { lockedUntil: state.lockedUntil } });
        }
      }
    });
    throw invalidCredentials();
  }
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('login_attempts').where('key', '=', key).execute();
    const session = await createSession(tx, user.id, now);
    await recordAudit(tx, { actorName: key, requestId, clock }, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    return { ...session, userId: user.id };
  });
}
