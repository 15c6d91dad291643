import { hashPassword } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { assertPasswordAllowed } from '../../../core/passwordPolicy.ts';
import type { AccountRow } from '../queries.ts';

/**
 * Renames, resets the password of, or disables/enables an account. Disabling or a new password ends its
 * sessions; a reset password must be changed by its holder at the next sign-in. Throws the password policy's
 * PASSWORD_* codes (422).
 */
export async function updateAccount(ctx: Ctx, account: AccountRow, patch: { displayName?: string; password?: string; disabled?: boolean }): Promise<void> {
  if (patch.password !== undefined) assertPasswordAllowed(patch.password, account.username);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const displayName = patch.displayName?.normalize('NFC').trim();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        ...(displayName ? { display_name: displayName } : {}),
        ...(passwordHash ? { password_hash: passwordHash, must_change_password: 1 } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', account.id)
      .execute();
    if (passwordHash || patch.disabled) await tx.deleteFrom('sessions').where('user_id', '=', account.id).execute();
    await recordAudit(tx, ctx, {
      action: 'account.update',
      subjectType: 'user',
      subjectId: account.id,
      path: account.home_path,
      before: { displayName: account.display_name, disabled: Boolean(account.disabled) },
      after: { displayName: displayName ?? account.display_name, disabled: patch.disabled ?? Boolean(account.disabled), passwordReset: Boolean(passwordHash) },
    });
  });
}
