import { hashPassword, sha256Token } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { weakPassword } from '../../../core/errors.ts';
import { assertPasswordAllowed } from '../../../core/passwordPolicy.ts';
import { clearAttempts, releaseAttempt } from '../attempts.ts';
import { checkCredentials } from './login.ts';

/**
 * The signed-in user changes their own password: the current one is checked under the sign-in lockout (a
 * stolen session cannot guess it freely), the new one must pass the password policy and differ from it. Clears
 * the must-change mark and ends every other session of the account (this one stays). Throws
 * INVALID_CREDENTIALS (401) for a wrong current password, LOGIN_LOCKED (429), PASSWORD_UNCHANGED and the
 * policy's PASSWORD_* codes (422).
 */
export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string; address: string; sessionToken: string }): Promise<void> {
  const { actor } = ctx;
  const { nameKey, byAddress } = await checkCredentials(ctx, { username: actor.username, password: input.currentPassword, address: input.address }, ctx.requestId);
  // The current password was right: this was no guess, whatever the new password turns out to be.
  await clearAttempts(ctx.db, nameKey);
  await releaseAttempt(ctx.db, byAddress);
  if (input.newPassword === input.currentPassword) throw weakPassword('PASSWORD_UNCHANGED', 'The new password must differ from the current one');
  assertPasswordAllowed(input.newPassword, actor.username);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: now, updated_at: now }).where('id', '=', actor.userId).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', actor.userId).where('token_hash', '!=', sha256Token(input.sessionToken)).execute();
    await recordAudit(tx, ctx, { action: 'auth.password_change', subjectType: 'user', subjectId: actor.userId });
  });
}
