import type { Updateable } from 'kysely';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { VolunteerTable } from '../../../db/schema.ts';
import type { VolunteerRow } from '../queries.ts';
import type { UpdateVolunteerBody } from '../schemas.ts';
import { optionalText, requiredText } from './step.ts';
import { auditedVolunteer, checkResidentWithin, checkServing, volunteerEnded } from './volunteer.ts';

/**
 * Changes a serving volunteer's name, team, note or linked resident (one of the volunteer's unit, or none);
 * fields left out stay as they are. Throws VALIDATION_FAILED (400) for an empty name, NOT_FOUND (404) for a
 * resident outside the unit, VOLUNTEER_ENDED (422) once the service has ended.
 */
export async function updateVolunteer(ctx: Ctx, found: VolunteerRow, input: UpdateVolunteerBody): Promise<void> {
  checkServing(found);
  const changes: Pick<Updateable<VolunteerTable>, 'name' | 'team' | 'note' | 'resident_id'> = {};
  if (input.name !== undefined) changes.name = requiredText(input.name, 'name');
  if (input.team !== undefined) changes.team = input.team;
  if (input.note !== undefined) changes.note = optionalText(input.note);
  if (input.residentId !== undefined) {
    if (input.residentId !== null) await checkResidentWithin(ctx, input.residentId, found.path);
    changes.resident_id = input.residentId;
  }
  await ctx.db.transaction().execute(async (tx) => {
    // Ended meanwhile by someone else: the closed record is not changed after all.
    const result = await tx
      .updateTable('volunteers')
      .set({ ...changes, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', found.id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw volunteerEnded();
    await recordAudit(tx, ctx, {
      action: 'volunteer.update',
      subjectType: 'volunteer',
      subjectId: found.id,
      path: found.path,
      before: auditedVolunteer(found),
      after: auditedVolunteer({ ...found, ...changes }),
    });
  });
}
