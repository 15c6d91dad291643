import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { VolunteerRow } from '../queries.ts';
import { endDateProblems } from '../rules/volunteers.ts';
import type { EndVolunteerBody } from '../schemas.ts';
import { optionalText, throwDateProblems, today } from './step.ts';
import { checkServing, volunteerEnded } from './volunteer.ts';

/**
 * Ends a volunteer's service (离队) on a day, with an optional reason. The volunteer stays on record (listed with
 * status=ended or all) but is no longer offered or accepted as a mediator; cases they mediated keep them.
 * Throws VOLUNTEER_ENDED (422) when the service has already ended, VALIDATION_FAILED (400) for a day in the
 * future or before the day of registration.
 */
export async function endVolunteer(ctx: Ctx, found: VolunteerRow, input: EndVolunteerBody): Promise<void> {
  checkServing(found);
  throwDateProblems(endDateProblems(today(ctx), input.endedOn, found.created_at));
  const reason = optionalText(input.reason);
  await ctx.db.transaction().execute(async (tx) => {
    // Two people ending the same volunteer at once: only the first one ends it.
    const result = await tx
      .updateTable('volunteers')
      .set({ ended_on: input.endedOn, end_reason: reason, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', found.id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw volunteerEnded();
    await recordAudit(tx, ctx, {
      action: 'volunteer.end',
      subjectType: 'volunteer',
      subjectId: found.id,
      path: found.path,
      before: { endedOn: null },
      after: { endedOn: input.endedOn, reason },
    });
  });
}
