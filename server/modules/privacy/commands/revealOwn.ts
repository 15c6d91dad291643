import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { ResidentRow } from '../../org/index.ts';

/**
 * Records that a resident saw their own phone and ID number in full. Their own reveals are logged like anyone
 * else's: the log of who saw the numbers stays complete, and a session taken over by someone else shows up in it.
 */
export async function recordOwnReveal(ctx: Ctx, resident: ResidentRow): Promise<void> {
  const fields = [...(resident.phone_enc ? ['phone'] : []), ...(resident.id_no_enc ? ['idNumber'] : [])];
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, { action: 'resident.reveal', subjectType: 'resident', subjectId: resident.id, path: resident.path, after: { fields, self: true } }),
  );
}
