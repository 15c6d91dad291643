import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { CaseRow } from '../queries.ts';
import { dateProblems } from '../rules/cases.ts';
import type { SessionBody } from '../schemas.ts';
import { checkStep, requiredText, throwDateProblems, today, updateCase } from './step.ts';

/**
 * Records a mediation session (调解记录): when, where, what was said. Only while the case is open. Throws
 * VALIDATION_FAILED (400), STALE_VERSION (409), CASE_STATE (422).
 */
export async function addSession(ctx: Ctx, found: CaseRow, input: SessionBody): Promise<void> {
  checkStep(found, input.version, 'addSession');
  const place = requiredText(input.place, 'place');
  const summary = requiredText(input.summary, 'summary');
  throwDateProblems(dateProblems(today(ctx), { heldOn: input.heldOn }));
  await ctx.db.transaction().execute(async (tx) => {
    await updateCase(tx, ctx, found, {});
    const row = await tx
      .insertInto('mediation_sessions')
      .values({ case_id: found.id, held_on: input.heldOn, place, summary, created_at: ctx.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'mediation.session', subjectType: 'mediation_case', subjectId: found.id, path: found.path, after: { sessionId: row.id, heldOn: input.heldOn, place } });
  });
}
