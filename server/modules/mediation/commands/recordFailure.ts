import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { CaseRow } from '../queries.ts';
import type { FailBody } from '../schemas.ts';
import { checkStep, requiredText, updateCase } from './step.ts';

/**
 * No agreement could be reached (调解不成): records why, and the case ends there (the parties are told of
 * arbitration, litigation or the competent department). Throws STALE_VERSION (409), CASE_STATE (422).
 */
export async function recordFailure(ctx: Ctx, found: CaseRow, input: FailBody): Promise<void> {
  checkStep(found, input.version, 'recordFailure');
  const reason = requiredText(input.reason, 'reason');
  await ctx.db.transaction().execute(async (tx) => {
    await updateCase(tx, ctx, found, { status: 'failed', outcome_note: reason });
    await recordAudit(tx, ctx, { action: 'mediation.fail', subjectType: 'mediation_case', subjectId: found.id, path: found.path, before: { status: found.status }, after: { status: 'failed', reason } });
  });
}
