import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { CaseRow } from '../queries.ts';
import { dateProblems } from '../rules/cases.ts';
import type { VisitBody } from '../schemas.ts';
import { checkStep, optionalText, throwDateProblems, today, updateCase } from './step.ts';

/**
 * The return visit (回访) after an agreement: were the terms honoured? It closes the case either way; an
 * agreement not honoured is noted for the parties' recourse (司法确认, the courts). Throws VALIDATION_FAILED
 * (400) for a visit in the future or before the agreement, STALE_VERSION (409), CASE_STATE (422) unless agreed.
 */
export async function recordVisit(ctx: Ctx, found: CaseRow, input: VisitBody): Promise<void> {
  checkStep(found, input.version, 'recordVisit');
  throwDateProblems(dateProblems(today(ctx), { visitedOn: input.visitedOn }, [['visitedOn', found.agreed_on]]));
  const visitorName = optionalText(input.visitorName) ?? ctx.actor.displayName;
  const note = optionalText(input.note);
  await ctx.db.transaction().execute(async (tx) => {
    await updateCase(tx, ctx, found, { status: 'closed' });
    const row = await tx
      .insertInto('mediation_visits')
      .values({ case_id: found.id, visited_on: input.visitedOn, visitor_name: visitorName, honoured: input.honoured ? 1 : 0, note, created_at: ctx.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'mediation.visit',
      subjectType: 'mediation_case',
      subjectId: found.id,
      path: found.path,
      before: { status: found.status },
      after: { status: 'closed', visitId: row.id, visitedOn: input.visitedOn, honoured: input.honoured },
    });
  });
}
