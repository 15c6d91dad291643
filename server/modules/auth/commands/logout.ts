import { deleteSession } from '../../../core/auth.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';

/** Ends the session of this token (other devices of the same user stay signed in). */
export async function logout(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await deleteSession(tx, token);
    await recordAudit(tx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.userId });
  });
}
