import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { UnitRow } from '../../org/index.ts';
import type { CreateVolunteerBody } from '../schemas.ts';
import { optionalText, requiredText } from './step.ts';
import { checkResidentWithin } from './volunteer.ts';

/**
 * Registers a volunteer (志愿者) of a team at a unit; a resident of that unit may be linked. Throws
 * VALIDATION_FAILED (400) and NOT_FOUND (404) for a resident outside the unit.
 */
export async function createVolunteer(ctx: Ctx, unit: UnitRow, input: CreateVolunteerBody): Promise<number> {
  const name = requiredText(input.name, 'name');
  const note = optionalText(input.note);
  if (input.residentId) await checkResidentWithin(ctx, input.residentId, unit.path);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('volunteers')
      .values({ unit_id: unit.id, path: unit.path, resident_id: input.residentId ?? null, name, team: input.team, note, created_at: ctx.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'volunteer.create', subjectType: 'volunteer', subjectId: row.id, path: unit.path, after: { name, team: input.team, residentId: input.residentId ?? null, note } });
    return row.id;
  });
}
