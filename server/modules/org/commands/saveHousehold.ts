import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, ruleBroken } from '../../../core/errors.ts';
import type { HouseholdRow, UnitRow } from '../queries.ts';
import { indexHouseholdResidents } from '../searchDocs.ts';

export interface HouseholdFields {
  unitNo: number;
  floor: number;
  room: string;
  area: number;
}

const isUniqueViolation = (e: unknown) => e instanceof Error && /UNIQUE|duplicate key/i.test(e.message);

/** Adds a household (户) to a building. Throws HOUSEHOLD_EXISTS (409) when the unit and room are taken. */
export async function createHousehold(ctx: Ctx, building: UnitRow, input: HouseholdFields): Promise<number> {
  if (building.level !== 'building') throw ruleBroken('INVALID_PARENT', 'Households belong to a building');
  const now = ctx.clock.now().toISOString();
  const room = input.room.normalize('NFC').trim();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('households')
        .values({ building_id: building.id, path: building.path, unit_no: input.unitNo, floor: input.floor, room, area: input.area, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, ctx, { action: 'household.create', subjectType: 'household', subjectId: row.id, path: building.path, after: { ...input, room, buildingId: building.id } });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('HOUSEHOLD_EXISTS', `Unit ${input.unitNo} room ${room} already exists in this building`);
    throw e;
  }
}

/** Changes a household's unit, floor, room or floor area. */
export async function updateHousehold(ctx: Ctx, household: HouseholdRow, patch: Partial<HouseholdFields>): Promise<void> {
  const before = { unitNo: household.unit_no, floor: household.floor, room: household.room, area: Number(household.area) };
  const after = { ...before, ...patch, ...(patch.room ? { room: patch.room.normalize('NFC').trim() } : {}) };
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('households')
        .set({ unit_no: after.unitNo, floor: after.floor, room: after.room, area: after.area, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', household.id)
        .execute();
      await indexHouseholdResidents(tx, [household.id]);
      await recordAudit(tx, ctx, { action: 'household.update', subjectType: 'household', subjectId: household.id, path: household.path, before, after });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('HOUSEHOLD_EXISTS', `Unit ${after.unitNo} room ${after.room} already exists in this building`);
    throw e;
  }
}
