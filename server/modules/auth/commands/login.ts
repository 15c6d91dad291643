import { createSession, dummyPasswordHash, verifyPassword, type NewSession } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Services } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { afterFailure, isLocked, type AttemptState } from '../rules/lockout.ts';

export interface LoginResult extends NewSession {
  userId: number;
}

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');

/**
 * Checks a username and password and opens a new session (a fresh token at every login).
 * Throws INVALID_CREDENTIALS for an unknown name and for a wrong password alike, and LOGIN_LOCKED (429) while
 * the name is locked after repeated failures.
 */
export async function login(services: Services, input: { username: string; password: string }, requestId: string): Promise<LoginResult> {
  const { db, clock } = services;
  const now = clock.now();
  const key = input.username.trim().toLowerCase();
  const attempt = await db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
  const state: AttemptState | undefined = attempt && { failures: attempt.failures, windowStart: attempt.window_start, lockedUntil: attempt.locked_until };
  if (isLocked(state, now)) {
    throw new DomainError('too_many', 'LOGIN_LOCKED', 'Too many failed sign-ins; try again later', { lockedUntil: state?.lockedUntil });
  }
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', key).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.disabled) {
    const next = afterFailure(state, now);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('login_attempts')
        .values({ key, failures: next.failures, window_start: next.windowStart, locked_until: next.lockedUntil })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures: next.failures, window_start: next.windowStart, locked_until: next.lockedUntil }))
        .execute();
      if (next.lockedUntil) {
        await recordAudit(tx, { actorName: key, requestId, clock }, { action: 'auth.locked', subjectType: 'user', subjectId: user?.id ?? null, after: { lockedUntil: next.lockedUntil } });
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
