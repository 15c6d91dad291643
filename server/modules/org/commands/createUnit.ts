import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { ruleBroken } from '../../../core/errors.ts';
import type { Level } from '../../../db/schema.ts';
import { childLevel } from '../rules/levels.ts';
import type { UnitRow } from '../queries.ts';

/**
 * Adds a node under `parent` (already authorised for units.write). Throws INVALID_PARENT (422) when the level
 * does not follow the parent's (a compound only under a community, and so on).
 */
export async function createUnit(ctx: Ctx, parent: UnitRow, input: { name: string; level: Level }): Promise<number> {
  if (childLevel(parent.level) !== input.level) {
    throw ruleBroken('INVALID_PARENT', `A ${input.level} cannot be placed under a ${parent.level}`);
  }
  const now = ctx.clock.now().toISOString();
  const name = input.name.normalize('NFC').trim();
  return ctx.db.transaction().execute(async (tx) => {
    const pending = `${parent.path}pending-${ctx.requestId}/`;
    const inserted = await tx
      .insertInto('org_units')
      .values({ parent_id: parent.id, level: input.level, name, path: pending, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent.path}${inserted.id}/`;
    await tx.updateTable('org_units').set({ path }).where('id', '=', inserted.id).execute();
    await recordAudit(tx, ctx, { action: 'unit.create', subjectType: 'org_unit', subjectId: inserted.id, path, after: { name, level: input.level, parentId: parent.id } });
    return inserted.id;
  });
}
