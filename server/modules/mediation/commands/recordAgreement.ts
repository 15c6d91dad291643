import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { CaseRow } from '../queries.ts';
import { dateProblems } from '../rules/cases.ts';
import type { AgreementBody } from '../schemas.ts';
import { checkStep, requiredText, throwDateProblems, today, updateCase } from './step.ts';

/**
 * The parties agreed (调解成功): records the terms, how and by when they are carried out; the case then awaits
 * the return visit. Throws VALIDATION_FAILED (400) for a future agreement or a deadline before it,
 * STALE_VERSION (409), CASE_STATE (422) unless the case is open.
 */
export async function recordAgreement(ctx: Ctx, found: CaseRow, input: AgreementBody): Promise<void> {
  checkStep(found, input.version, 'recordAgreement');
  const terms = requiredText(input.terms, 'terms');
  const performance = requiredText(input.performance, 'performance');
  const agreedOn = input.agreedOn ?? today(ctx);
  throwDateProblems(dateProblems(today(ctx), { agreedOn, performBy: input.performBy }, [['performBy', agreedOn]], ['performBy']));
  await ctx.db.transaction().execute(async (tx) => {
    await updateCase(tx, ctx, found, { status: 'agreed', terms, performance, perform_by: input.performBy, agreed_on: agreedOn });
    await recordAudit(tx, ctx, {
      action: 'mediation.agree',
      subjectType: 'mediation_case',
      subjectId: found.id,
      path: found.path,
      before: { status: found.status },
      after: { status: 'agreed', terms, performance, performBy: input.performBy, agreedOn },
    });
  });
}
