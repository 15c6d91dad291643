import { recordAudit } from '../../../core/audit.ts';
import type { Tx } from '../../../core/db.ts';
import { inSharedTransaction } from '../../../core/groupCommit.ts';
import { maskPhone, randomToken } from '../../../core/crypto.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { cachedWorkCalendar, scheduleWith } from '../calendar.ts';
import { reportPlan } from '../reportPlan.ts';
import { indexIssues } from '../searchDocs.ts';
import type { NATURES, PLACE_KINDS, SOURCES, Status } from '../rules/lifecycle.ts';
import { cleanPhoto, MAX_PHOTOS, parseDataUrl } from '../rules/photos.ts';
import type { HandlingLevel } from '../rules/routing.ts';
import { announce, appendEvent, handlerColumns, type Writer } from './shared.ts';

export interface ReportInput {
  title: string;
  body: string;
  categoryId: number;
  nature: (typeof NATURES)[number];
  /** A building or a compound. */
  unitId: number;
  householdId?: number | null | undefined;
  placeKind: (typeof PLACE_KINDS)[number];
  placeNote?: string | null | undefined;
  source: (typeof SOURCES)[number];
  reporterName?: string | null | undefined;
  reporterPhone?: string | null | undefined;
  showName: boolean;
  /** data: URLs; checked, and stripped of location metadata, before anything is written. */
  photos?: string[] | undefined;
  hotline?: { sourceId: number; externalNo: string; externalDueAt: string | null } | undefined;
  /** Anonymous reports: a keyed hash of the client network they came from (to tell a flood from real reports). */
  origin?: string | null | undefined;
  /** The room was named by a reporter nobody knows (the QR page): recorded as stated, not verified. */
  householdStated?: boolean | undefined;
}

export interface ReportResult {
  id: number;
  status: Status;
  level: HandlingLevel;
  assigneeName: string | null;
  dueAt: string | null;
  version: number;
  token: string;
}

/** A report checked, routed and scheduled, not yet stored: `write` stores it in the transaction it is given. */
export interface PreparedReport {
  result: Omit<ReportResult, 'id'>;
  write: (tx: Tx) => Promise<number>;
}

/**
 * 问题收集: records a report and routes it to the lowest level that can fix it (小事 → the building's leader,
 * 大事 → the compound body that owns the category, 难事 → the next 四方议事 meeting) in one transaction with its
 * events, photos, audit row, notifications and webhook messages. The deadline clock starts at this dispatch.
 */
export async function reportIssue(w: Writer, input: ReportInput): Promise<ReportResult> {
  const report = await prepareReport(w, input);
  // Reports arriving together share one commit (see inSharedTransaction).
  const id = await inSharedTransaction(w.services, report.write);
  return { id, ...report.result };
}

/**
 * Everything of a report but the writing: its photos and place checked, routed, its deadline set. Throws what
 * reportIssue throws for bad input; writes nothing. For callers that store many reports in one transaction.
 */
export async function prepareReport(w: Writer, input: ReportInput): Promise<PreparedReport> {
  const { clock, cipher } = w.services;
  if ((input.photos?.length ?? 0) > MAX_PHOTOS) throw invalid(`At most ${MAX_PHOTOS} photos`, [{ path: 'photos', message: `more than ${MAX_PHOTOS}` }]);
  const photos = (input.photos ?? []).map((p, i) => {
    try {
      return cleanPhoto(parseDataUrl(p));
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError(e.kind, e.code, e.message, { issues: [{ path: `photos.${i}`, message: e.message }] });
      throw e;
    }
  });
  if (input.placeKind === 'room' && !input.householdId) throw invalid('Name the room', [{ path: 'householdId', message: 'required for a room' }]);
  // Category, place, routing target, deadline rule and whom to tell: the same for every report about this place.
  const { category, place, target, rule, notify } = await reportPlan(w.services, { unitId: input.unitId, householdId: input.householdId ?? null, categoryId: input.categoryId });
  const size = category.default_size;
  const now = clock.now();
  const at = now.toISOString();
  const dispatched = target.kind !== 'dispatch';
  const schedule = dispatched && target.level !== 'meeting' ? scheduleWith(await cachedWorkCalendar(w.services, now), rule, now, input.hotline?.externalDueAt ?? null) : { dueAt: null, remindAt: null };
  const status: Status = dispatched ? 'assigned' : 'reported';
  const version = dispatched ? 2 : 1;
  const token = randomToken(18);
  const phone = input.reporterPhone?.trim() || null;

  const write = async (tx: Tx): Promise<number> => {
    const row = await tx
      .insertInto('issues')
      .values({
        title: input.title,
        body: input.body,
        category_id: category.id,
        nature: input.nature,
        size,
        unit_id: place.unit.id,
        path: place.unit.path,
        compound_id: place.compoundId,
        household_id: input.householdId ?? null,
        household_stated: input.householdStated && input.householdId ? 1 : 0,
        origin_hash: input.origin ?? null,
        place_kind: input.placeKind,
        place_note: input.placeNote ?? null,
        source: input.source,
        reporter_user_id: w.actor?.userId ?? null,
        reporter_name: input.reporterName ?? w.actor?.displayName ?? null,
        reporter_phone_enc: phone ? cipher.encrypt(phone) : null,
        reporter_phone_masked: phone ? maskPhone(phone) : null,
        show_name: input.showName ? 1 : 0,
        public_token: token,
        status,
        open: 1,
        ...handlerColumns(target),
        dispatched_at: dispatched ? at : null,
        due_at: schedule.dueAt,
        remind_at: schedule.remindAt,
        hotline_source_id: input.hotline?.sourceId ?? null,
        external_no: input.hotline?.externalNo ?? null,
        external_due_at: input.hotline?.externalDueAt ?? null,
        version,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await indexIssues(tx, [{ id: row.id, title: input.title, body: input.body, place_note: input.placeNote ?? null, external_no: input.hotline?.externalNo ?? null, path: place.unit.path }], { fresh: true });
    const eventId = await appendEvent(tx, w, row.id, at, { action: 'report', from: null, to: 'reported', version: 1, data: { source: input.source, size } });
    for (const p of photos) {
      await tx.insertInto('issue_photos').values({ issue_id: row.id, event_id: eventId, mime: p.mime, size: p.bytes.length, content: p.bytes, created_at: at }).execute();
    }
    if (dispatched) {
      await appendEvent(tx, { ...w, actor: null, actorName: 'system' }, row.id, at, {
        action: 'assign',
        from: 'reported',
        to: 'assigned',
        version: 2,
        data: { auto: true, level: target.level, kind: target.kind, name: target.name, dueAt: schedule.dueAt },
      });
    }
    if (target.kind === 'meeting') {
      // 难事: the 四方议事 meetings capability consumes this event to put the issue on the next agenda.
      await tx
        .insertInto('domain_events')
        .values({ type: 'issue.awaiting_meeting', path: place.compoundPath, subject_id: row.id, payload_json: JSON.stringify({ issueId: row.id, compoundId: place.compoundId, title: input.title }), created_at: at })
        .execute();
    }
    await recordAudit(tx, w.actor ? { actor: w.actor, requestId: w.requestId, clock } : { actorName: w.actorName, requestId: w.requestId, clock }, {
      action: 'issue.report',
      subjectType: 'issue',
      subjectId: row.id,
      path: place.unit.path,
      after: { title: input.title, categoryId: category.id, size, source: input.source, status, level: target.level, handler: target.name, dueAt: schedule.dueAt, photos: photos.length },
    });
    const issue = { id: row.id, path: place.unit.path, title: input.title, unit_name: place.unit.name };
    await announce(tx, issue, at, { kind: 'issue.new', userIds: notify, title: `新问题：${input.title}`, body: `${place.unit.name} · ${category.name_zh}`, webhook: 'issue.reported' }, w.actor?.userId ?? null);
    return row.id;
  };
  return { write, result: { status, level: target.level, assigneeName: target.name, dueAt: schedule.dueAt, version, token } };
}
