import { hashPassword } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict } from '../../../core/errors.ts';
import { assertPasswordAllowed } from '../../../core/passwordPolicy.ts';

/**
 * Creates a sign-in account under a node. Its holder must change the password at first sign-in (someone else
 * chose it). Throws USERNAME_TAKEN (409) and the password policy's PASSWORD_* codes (422). Usernames are
 * case-insensitive.
 */
export async function createAccount(ctx: Ctx, home: { path: string }, input: { username: string; displayName: string; password: string; language?: string }): Promise<number> {
  const username = input.username.toLowerCase();
  assertPasswordAllowed(input.password, username);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw conflict('USERNAME_TAKEN', `The username ${username} is taken`);
    const displayName = input.displayName.normalize('NFC').trim();
    const row = await tx
      .insertInto('users')
      .values({ username, password_hash: passwordHash, display_name: displayName, resident_id: null, home_path: home.path, language: input.language ?? 'zh-CN', must_change_password: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'account.create', subjectType: 'user', subjectId: row.id, path: home.path, after: { username, displayName } });
    return row.id;
  });
}
