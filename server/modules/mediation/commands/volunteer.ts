import type { Ctx } from '../../../core/context.ts';
import { notFound, ruleBroken } from '../../../core/errors.ts';
import { residentPath, type VolunteerRow } from '../queries.ts';
import { isServing } from '../rules/volunteers.ts';

// What the volunteer commands share: a closed service admits no change, and a linked resident lives within the
// volunteer's unit.

export const volunteerEnded = () => ruleBroken('VOLUNTEER_ENDED', 'The volunteer’s service has ended');

/** Throws VOLUNTEER_ENDED (422) once the volunteer's service has ended. */
export function checkServing(found: VolunteerRow): void {
  if (!isServing(found)) throw volunteerEnded();
}

/** Throws NOT_FOUND (404) for a resident that does not exist or lives outside the unit at `unitPath`. */
export async function checkResidentWithin(ctx: Ctx, residentId: number, unitPath: string): Promise<void> {
  const resident = await residentPath(ctx.db, residentId);
  if (!resident || !resident.path.startsWith(unitPath)) throw notFound('resident');
}

/** The fields of a volunteer the audit log keeps before and after a change. */
export function auditedVolunteer(v: Pick<VolunteerRow, 'name' | 'team' | 'resident_id' | 'note'>) {
  return { name: v.name, team: v.team, residentId: v.resident_id, note: v.note };
}
