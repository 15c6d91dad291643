import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Tx } from '../../../core/db.ts';
import { conflict, invalid } from '../../../core/errors.ts';
import { cleanText } from '../../../core/schemas.ts';
import type { HotlineMapping } from '../rules/orders.ts';
import { mappingOf } from '../present.ts';
import type { SourceRow } from '../queries.ts';

/** The mapping as stored: headers trimmed, fields without a column left out. */
function cleanMapping(m: HotlineMapping): HotlineMapping {
  const entries = Object.entries(m).flatMap(([field, header]: [string, string | undefined]) => {
    const h = header?.normalize('NFC').trim();
    return h ? [[field, h]] : [];
  });
  const clean = Object.fromEntries(entries) as Partial<HotlineMapping>;
  if (!clean.orderNo || !clean.body) throw invalid('Choose the columns of the order number and the request text', [{ path: clean.orderNo ? 'mapping.body' : 'mapping.orderNo', message: 'required' }]);
  return { ...clean, orderNo: clean.orderNo, body: clean.body };
}

async function nameTaken(tx: Tx, unitId: number, name: string, except: number | null): Promise<void> {
  let q = tx.selectFrom('hotline_sources').select('id').where('unit_id', '=', unitId).where('name', '=', name);
  if (except !== null) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) throw conflict('HOTLINE_SOURCE_EXISTS', `This unit already has a hotline source named ${name}`);
}

/**
 * Sets up where a community or street receives 12345 work orders, with the column mapping of its exports.
 * Throws VALIDATION_FAILED for another level or an incomplete mapping, HOTLINE_SOURCE_EXISTS (409) for a name
 * the unit already uses.
 */
export async function createSource(ctx: Ctx, unit: { id: number; level: string; path: string }, input: { name: string; mapping: HotlineMapping }): Promise<number> {
  if (unit.level !== 'community' && unit.level !== 'street') {
    throw invalid('Hotline work orders come to a community or a street', [{ path: 'unitId', message: 'not a community or street' }]);
  }
  const name = cleanText(input.name);
  const mapping = cleanMapping(input.mapping);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await nameTaken(tx, unit.id, name, null);
    const row = await tx
      .insertInto('hotline_sources')
      .values({ unit_id: unit.id, path: unit.path, name, mapping_json: JSON.stringify(mapping), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'hotline.source.create', subjectType: 'hotline_source', subjectId: row.id, path: unit.path, after: { unitId: unit.id, name, mapping } });
    return row.id;
  });
}

/** Renames a source or changes its column mapping (when the hotline changes its export). Throws as above. */
export async function updateSource(ctx: Ctx, source: SourceRow, input: { name?: string | undefined; mapping: HotlineMapping }): Promise<void> {
  const name = input.name === undefined ? source.name : cleanText(input.name);
  const mapping = cleanMapping(input.mapping);
  await ctx.db.transaction().execute(async (tx) => {
    await nameTaken(tx, source.unit_id, name, source.id);
    await tx.updateTable('hotline_sources').set({ name, mapping_json: JSON.stringify(mapping), updated_at: ctx.clock.now().toISOString() }).where('id', '=', source.id).execute();
    await recordAudit(tx, ctx, {
      action: 'hotline.source.update',
      subjectType: 'hotline_source',
      subjectId: source.id,
      path: source.path,
      before: { name: source.name, mapping: mappingOf(source) },
      after: { name, mapping },
    });
  });
}
