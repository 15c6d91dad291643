import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';

/** Saves the interface language of the signed-in user. */
export async function setLanguage(ctx: Ctx, language: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ language, updated_at: ctx.clock.now().toISOString() }).where('id', '=', ctx.actor.userId).execute();
    await recordAudit(tx, ctx, { action: 'user.language', subjectType: 'user', subjectId: ctx.actor.userId, before: { language: ctx.actor.language }, after: { language } });
  });
}
