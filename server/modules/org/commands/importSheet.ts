import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { DomainError, ruleBroken } from '../../../core/errors.ts';
import { sealPersonal } from '../personal.ts';
import { crossCheck, householdKey, parseRow, type ImportRow, type RawRow, type Rejection } from '../rules/sheet.ts';
import { indexResidents } from '../searchDocs.ts';
import { readSheet, writeSheet } from '../spreadsheet.ts';
import type { UnitRow } from '../queries.ts';

export interface ImportOutcome {
  households: number;
  updatedHouseholds: number;
  residents: number;
}

/**
 * Imports a household register (.xlsx) into a compound: every row is checked first and nothing is written if
 * any row is wrong. Then throws IMPORT_REJECTED (422) with each rejected row's reason and the id of a stored
 * sheet of the rejected rows. Re-importing the same sheet updates instead of duplicating: households match by
 * building, unit and room; residents by ID-card number, else by name within the household.
 */
export async function importSheet(ctx: Ctx, compound: UnitRow, file: { name: string; data: Buffer }): Promise<ImportOutcome> {
  if (compound.level !== 'compound') throw ruleBroken('INVALID_PARENT', 'Import households into a compound (小区)');
  let parsed;
  try {
    parsed = await readSheet(file.data);
  } catch (err) {
    // Over a limit keeps its own code (which limit); a file that is no workbook at all keeps the register's.
    if (err instanceof DomainError && err.code !== 'UPLOAD_UNREADABLE') throw err;
    throw ruleBroken('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook');
  }
  if (parsed.missingHeaders.length > 0) {
    throw ruleBroken('IMPORT_BAD_HEADERS', `The sheet lacks the columns ${parsed.missingHeaders.join(', ')}; start from the template`, { missing: parsed.missingHeaders });
  }
  if (parsed.rows.length === 0) throw ruleBroken('IMPORT_EMPTY', 'The sheet has no rows to import');

  const today = ctx.clock.now().toISOString().slice(0, 10);
  const rejections: Rejection[] = [];
  const good: ImportRow[] = [];
  for (const { row, raw } of parsed.rows) {
    const r = parseRow(raw, row, today);
    if ('reason' in r) rejections.push(r);
    else good.push(r);
  }
  rejections.push(...crossCheck(good));

  const buildings = await ctx.db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', compound.id).where('level', '=', 'building').execute();
  const buildingByName = new Map(buildings.map((b) => [b.name, b]));
  const idHashes = good.flatMap((r) => (r.resident?.idNumber ? [ctx.cipher.lookupHash(r.resident.idNumber)] : []));
  const known = idHashes.length
    ? await ctx.db
        .selectFrom('residents as r')
        .leftJoin('households as h', 'h.id', 'r.household_id')
        .leftJoin('org_units as b', 'b.id', 'h.building_id')
        .select(['r.id', 'r.id_no_hash', 'b.name as building', 'h.unit_no', 'h.room'])
        .where('r.id_no_hash', 'in', idHashes)
        .execute()
    : [];
  const knownByHash = new Map(known.map((k) => [k.id_no_hash, k]));
  // Every row's building is checked, also in rows already rejected, so one upload names all of a row's problems.
  for (const { row, raw } of parsed.rows) {
    const building = (raw.building ?? '').normalize('NFC').trim();
    if (building && !buildingByName.has(building)) rejections.push({ row, reason: `小区中没有楼栋“${building}”` });
  }
  for (const r of good) {
    const id = r.resident?.idNumber;
    const other = id ? knownByHash.get(ctx.cipher.lookupHash(id)) : undefined;
    if (other && householdKey({ building: other.building ?? '', unitNo: other.unit_no ?? 0, room: other.room ?? '' }) !== householdKey(r)) {
      rejections.push({ row: r.row, reason: `身份证号已登记在 ${other.building ?? ''} ${other.unit_no ?? ''}-${other.room ?? ''}` });
    }
  }

  if (rejections.length > 0) {
    const byRow = new Map<number, string[]>();
    for (const x of rejections) byRow.set(x.row, [...(byRow.get(x.row) ?? []), x.reason]);
    const rejected = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, reasons]) => ({ row, reason: reasons.join('；') }));
    const rawByRow = new Map(parsed.rows.map((r) => [r.row, r.raw]));
    const sheet = await writeSheet(rejected.map((x) => rawByRow.get(x.row) ?? ({} as RawRow)), rejected.map((x) => `第 ${x.row} 行：${x.reason}`));
    const report = await ctx.db
      .insertInto('import_reports')
      .values({ user_id: ctx.actor.userId, file_name: file.name, content: sheet, created_at: ctx.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    throw ruleBroken('IMPORT_REJECTED', `${rejected.length} of ${parsed.rows.length} rows are not valid; nothing was imported`, { rejected, reportId: report.id, total: parsed.rows.length });
  }

  return writeRows(ctx, compound, good, buildingByName, file.name);
}

async function writeRows(ctx: Ctx, compound: UnitRow, rows: ImportRow[], buildingByName: Map<string, { id: number; path: string }>, fileName: string): Promise<ImportOutcome> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const outcome: ImportOutcome = { households: 0, updatedHouseholds: 0, residents: 0 };
    const householdIds = new Map<string, number>();
    const touched: number[] = [];
    for (const r of rows) {
      const building = buildingByName.get(r.building);
      if (!building) continue; // checked above
      const key = householdKey(r);
      let householdId = householdIds.get(key);
      if (householdId === undefined) {
        const existing = await tx.selectFrom('households').select(['id', 'floor', 'area']).where('building_id', '=', building.id).where('unit_no', '=', r.unitNo).where('room', '=', r.room).executeTakeFirst();
        if (existing) {
          householdId = existing.id;
          if (existing.floor !== r.floor || Number(existing.area) !== r.area) {
            await tx.updateTable('households').set({ floor: r.floor, area: r.area, updated_at: now }).where('id', '=', existing.id).execute();
            outcome.updatedHouseholds++;
          }
        } else {
          const inserted = await tx
            .insertInto('households')
            .values({ building_id: building.id, path: building.path, unit_no: r.unitNo, floor: r.floor, room: r.room, area: r.area, created_at: now, updated_at: now })
            .returning('id')
            .executeTakeFirstOrThrow();
          householdId = inserted.id;
          outcome.households++;
        }
        householdIds.set(key, householdId);
      }
      const p = r.resident;
      if (!p) continue;
      const sealed = sealPersonal(ctx.cipher, p.phone, p.idNumber);
      const match = sealed.id_no_hash
        ? await tx.selectFrom('residents').select('id').where('id_no_hash', '=', sealed.id_no_hash).executeTakeFirst()
        : await tx.selectFrom('residents').select('id').where('household_id', '=', householdId).where('name', '=', p.name).executeTakeFirst();
      const values = { name: p.name, gender: p.gender, ethnicity: p.ethnicity, birth_date: p.birthDate, relation: p.relation, ...sealed, updated_at: now };
      if (match) {
        await tx.updateTable('residents').set(values).where('id', '=', match.id).execute();
        touched.push(match.id);
      } else {
        const inserted = await tx
          .insertInto('residents')
          .values({ ...values, household_id: householdId, unit_id: building.id, path: building.path, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        touched.push(inserted.id);
        outcome.residents++;
      }
    }
    await indexResidents(tx, touched);
    await recordAudit(tx, ctx, { action: 'org.import', subjectType: 'org_unit', subjectId: compound.id, path: compound.path, after: { file: fileName, rows: rows.length, ...outcome } });
    return outcome;
  });
}
