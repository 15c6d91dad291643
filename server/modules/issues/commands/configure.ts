import type { Static } from '@sinclair/typebox';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, invalid, notFound } from '../../../core/errors.ts';
import type { BodyKind } from '../../../db/schema.ts';
import type * as s from '../schemas.ts';

// Settings of the issue loop that staff edit: categories, the routing table, deadlines, the holiday table.

const isUniqueViolation = (e: unknown) => e instanceof Error && /UNIQUE|duplicate key/i.test(e.message);

export async function createCategory(ctx: Ctx, input: Static<typeof s.CategoryBody>): Promise<number> {
  const at = ctx.clock.now().toISOString();
  if (input.parentId) {
    const parent = await ctx.db.selectFrom('issue_categories').select('id').where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw invalid('Unknown parent category', [{ path: 'parentId', message: 'unknown' }]);
  }
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('issue_categories')
        .values({ parent_id: input.parentId ?? null, code: input.code, name_zh: input.nameZh.trim(), name_bo: input.nameBo.normalize('NFC').trim(), name_en: input.nameEn.trim(), default_size: input.defaultSize, sort: input.sort ?? 0, active: 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, ctx, { action: 'issue_category.create', subjectType: 'issue_category', subjectId: row.id, after: input });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('CATEGORY_EXISTS', `A category with code ${input.code} exists`);
    throw e;
  }
}

/** Changes a category. Throws NOT_FOUND, and VALIDATION_FAILED for an unknown parent or one below the category. */
export async function updateCategory(ctx: Ctx, id: number, patch: Static<typeof s.CategoryPatch>): Promise<void> {
  const before = await ctx.db.selectFrom('issue_categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('category');
  if (patch.parentId === id) throw invalid('A category cannot be its own parent', [{ path: 'parentId', message: 'itself' }]);
  if (patch.parentId) {
    // The new parent must exist and must not sit below this category (a loop would hang every tree walk).
    const all = await ctx.db.selectFrom('issue_categories').select(['id', 'parent_id']).execute();
    const parentOf = new Map(all.map((c) => [c.id, c.parent_id]));
    if (!parentOf.has(patch.parentId)) throw invalid('Unknown parent category', [{ path: 'parentId', message: 'unknown' }]);
    for (let at: number | null | undefined = patch.parentId, steps = 0; at != null && steps <= all.length; at = parentOf.get(at), steps++) {
      if (at === id) throw invalid('A category cannot be placed below itself', [{ path: 'parentId', message: 'below itself' }]);
    }
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('issue_categories')
      .set({
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        ...(patch.nameZh ? { name_zh: patch.nameZh.trim() } : {}),
        ...(patch.nameBo ? { name_bo: patch.nameBo.normalize('NFC').trim() } : {}),
        ...(patch.nameEn ? { name_en: patch.nameEn.trim() } : {}),
        ...(patch.defaultSize ? { default_size: patch.defaultSize } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, { action: 'issue_category.update', subjectType: 'issue_category', subjectId: id, before: { nameZh: before.name_zh, defaultSize: before.default_size, active: before.active }, after: patch });
  });
}

/** Sets which compound body handles a category's 大事 in one compound. */
export async function setRoute(ctx: Ctx, compound: { id: number; path: string }, categoryId: number, bodyKind: BodyKind): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const category = await ctx.db.selectFrom('issue_categories').select('id').where('id', '=', categoryId).executeTakeFirst();
  if (!category) throw invalid('Unknown category', [{ path: 'categoryId', message: 'unknown' }]);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('issue_routes')
      .values({ unit_id: compound.id, path: compound.path, category_id: categoryId, body_kind: bodyKind, updated_at: at })
      .onConflict((oc) => oc.columns(['unit_id', 'category_id']).doUpdateSet({ body_kind: bodyKind, updated_at: at }))
      .execute();
    await recordAudit(tx, ctx, { action: 'issue_route.set', subjectType: 'issue_route', subjectId: `${compound.id}:${categoryId}`, path: compound.path, after: { categoryId, bodyKind } });
  });
}

/**
 * Sets the deadline of a handling level, for one category or (categoryId null) for every category without a rule
 * of its own. Throws VALIDATION_FAILED (400) for a category that does not exist.
 */
export async function setDeadline(ctx: Ctx, rule: Static<typeof s.DeadlineRule>): Promise<void> {
  if (rule.categoryId !== null) {
    const category = await ctx.db.selectFrom('issue_categories').select('id').where('id', '=', rule.categoryId).executeTakeFirst();
    if (!category) throw invalid('Unknown category', [{ path: 'categoryId', message: 'unknown' }]);
  }
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    let q = tx.deleteFrom('issue_deadline_rules').where('level', '=', rule.level);
    q = rule.categoryId === null ? q.where('category_id', 'is', null) : q.where('category_id', '=', rule.categoryId);
    await q.execute();
    await tx.insertInto('issue_deadline_rules').values({ level: rule.level, category_id: rule.categoryId, working_minutes: rule.workingMinutes, remind_before_minutes: rule.remindBeforeMinutes, updated_at: at }).execute();
    await recordAudit(tx, ctx, { action: 'issue_deadline.set', subjectType: 'issue_deadline', subjectId: `${rule.level}:${rule.categoryId ?? '*'}`, after: rule });
  });
}

export async function setCalendarDay(ctx: Ctx, day: Static<typeof s.CalendarDay>): Promise<void> {
  if (Number.isNaN(Date.parse(`${day.day}T00:00:00Z`))) throw invalid('Not a date', [{ path: 'day', message: 'not a date' }]);
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('calendar_days')
      .values({ day: day.day, kind: day.kind, name: day.name.trim(), updated_at: at })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: day.kind, name: day.name.trim(), updated_at: at }))
      .execute();
    await recordAudit(tx, ctx, { action: 'calendar_day.set', subjectType: 'calendar_day', subjectId: day.day, after: day });
  });
}

export async function removeCalendarDay(ctx: Ctx, day: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('calendar day');
    await recordAudit(tx, ctx, { action: 'calendar_day.remove', subjectType: 'calendar_day', subjectId: day });
  });
}
