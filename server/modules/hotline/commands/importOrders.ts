import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { invalid, ruleBroken } from '../../../core/errors.ts';
import { sql } from 'kysely';
import { allCategories, hotlineOrdersTaken, prepareReport, type PreparedReport, type Writer } from '../../issues/index.ts';
import { mapHotlineRows, type HotlineOrder } from '../rules/orders.ts';
import { mappingOf } from '../present.ts';
import { placesWithin, type SourceRow } from '../queries.ts';
import { matchCategory, matchPlace, natureOf, type CategoryCandidate, type PlaceCandidate } from '../rules/places.ts';
import type { ImportResult } from '../schemas.ts';
import { readTable } from '../spreadsheet.ts';

/** A day's export of a busy street runs to a few hundred orders; more in one file is a wrong file. */
const MAX_ORDERS = 2000;
const TITLE_LENGTH = 80;

interface Planned {
  order: HotlineOrder;
  place: PlaceCandidate;
  category: CategoryCandidate;
}

/**
 * Brings a file of 12345 work orders (.xlsx or .csv) in as issues of the source's subtree, each routed like any
 * report and keeping the hotline's deadline. Every row is checked first (order number, text, times, the place
 * its address names within the subtree, the category) and nothing is imported if any row is wrong: then throws
 * IMPORT_REJECTED (422) with the rejected rows and their reasons. Orders the source already brought in, and
 * repeats of an order within the file, are skipped and counted, so importing the same file twice is harmless.
 * Throws VALIDATION_FAILED for an unreadable file or a mapping that does not fit its columns. All orders are written
 * in one transaction, each with its events and audit row, with the import's summary (`hotline.import`): an import
 * lands whole or not at all. An order that another import of the same file took meanwhile is skipped.
 */
export async function importOrders(ctx: Ctx, source: SourceRow, file: { name: string; data: Buffer }): Promise<ImportResult> {
  const mapping = mappingOf(source);
  if (!mapping.address) throw invalid('Map the address column of this source first: the address decides where each order goes', [{ path: 'mapping.address', message: 'required for importing' }]);
  const table = await readTable(file);
  const { orders, duplicates, errors } = mapHotlineRows(table.headers, table.rows, mapping);
  if (orders.length + errors.length === 0) throw ruleBroken('IMPORT_EMPTY', 'The file has no work orders');
  if (orders.length > MAX_ORDERS) throw invalid(`At most ${MAX_ORDERS} work orders per file`, [{ path: 'file', message: `more than ${MAX_ORDERS} orders` }]);

  const existing = await hotlineOrdersTaken(ctx.db, source.id, orders.map((o) => o.orderNo));
  const [places, categories] = await Promise.all([placesWithin(ctx.db, source.path), allCategories(ctx.db)]);
  const candidates: CategoryCandidate[] = categories.filter((c) => c.active === 1).map((c) => ({ id: c.id, parentId: c.parent_id, code: c.code, nameZh: c.name_zh, sort: c.sort }));

  const rejected = new Map<number, string[]>(errors.map((e) => [e.row, [...e.reasons]]));
  const planned: Planned[] = [];
  for (const order of orders) {
    if (existing.has(order.orderNo)) continue;
    const reasons: string[] = [];
    const place = order.address ? matchPlace(order.address, places) : null;
    if (!order.address) reasons.push('缺少地址');
    else if (!place) reasons.push('地址无法匹配到小区或楼栋');
    const category = matchCategory(order.category, candidates);
    if (!category) reasons.push('无法匹配问题分类');
    if (!place || !category) rejected.set(order.row, [...(rejected.get(order.row) ?? []), ...reasons]);
    else planned.push({ order, place, category });
  }
  if (rejected.size > 0) {
    const list = [...rejected.entries()].sort((a, b) => a[0] - b[0]).map(([row, reasons]) => ({ row, reasons }));
    throw ruleBroken('IMPORT_REJECTED', `${list.length} row(s) cannot be imported; nothing was imported`, { rejected: list });
  }

  // The caller of the hotline is the reporter, not the member of staff who imports: no account reports these.
  const w: Writer = { services: ctx, actor: null, actorName: `${source.name}（${ctx.actor.displayName}导入）`, requestId: ctx.requestId };
  // Checked and routed first (bad input throws before anything is written), then all stored in one transaction.
  const reports: { order: HotlineOrder; report: PreparedReport }[] = [];
  for (const { order, place, category } of planned) {
    const report = await prepareReport(w, {
      title: [...order.title].slice(0, TITLE_LENGTH).join(''),
      body: order.body,
      categoryId: category.id,
      nature: natureOf(order.category, order.title),
      unitId: place.id,
      placeKind: place.level === 'building' ? 'building' : 'common',
      placeNote: order.address,
      source: 'hotline',
      reporterName: order.callerName,
      reporterPhone: order.callerPhone,
      showName: false,
      hotline: { sourceId: source.id, externalNo: order.orderNo, externalDueAt: order.dueAt },
    });
    reports.push({ order, report });
  }
  return ctx.db.transaction().execute(async (tx) => {
    let imported = 0;
    let skipped = orders.length - planned.length;
    for (const { order, report } of reports) {
      await sql`savepoint hotline_order`.execute(tx);
      try {
        await report.write(tx);
        await sql`release hotline_order`.execute(tx);
        imported++;
      } catch (e) {
        await sql`rollback to hotline_order`.execute(tx);
        await sql`release hotline_order`.execute(tx);
        // The same file imported at the same moment elsewhere: the other import took this order (its number is unique).
        if ((await hotlineOrdersTaken(tx, source.id, [order.orderNo])).size === 0) throw e;
        skipped++;
      }
    }
    const result: ImportResult = { imported, existing: skipped, duplicatesInFile: duplicates.length, total: orders.length + duplicates.length };
    await recordAudit(tx, ctx, { action: 'hotline.import', subjectType: 'hotline_source', subjectId: source.id, path: source.path, after: { file: file.name, ...result } });
    return result;
  });
}
