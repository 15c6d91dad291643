import type { Static } from '@sinclair/typebox';
import type { CategoryRow, IssueListRow, IssueRow } from './queries.ts';
import type { Action } from './rules/lifecycle.ts';
import type * as s from './schemas.ts';

type EventRow = { id: number; at: string; actor_name: string; action: string; from_status: string | null; to_status: string; comment: string | null; note: string | null; data_json: string | null };
type PhotoRow = { id: number; event_id: number | null };

export function presentCategory(c: CategoryRow): Static<typeof s.Category> {
  return { id: c.id, parentId: c.parent_id, code: c.code, nameZh: c.name_zh, nameBo: c.name_bo, nameEn: c.name_en, defaultSize: c.default_size, sort: c.sort, active: c.active === 1 };
}

export function presentItem(i: IssueListRow, now: string): Static<typeof s.IssueItem> {
  return {
    id: i.id,
    title: i.title,
    status: i.status as Static<typeof s.Status>,
    size: i.size,
    level: i.level as Static<typeof s.Level>,
    nature: i.nature as Static<typeof s.Nature>,
    source: i.source as Static<typeof s.Source>,
    categoryId: i.category_id,
    unitId: i.unit_id,
    unitName: i.unit_name,
    placeKind: i.place_kind as Static<typeof s.PlaceKind>,
    handlerKind: i.handler_kind,
    assigneeName: i.assignee_name,
    dueAt: i.due_at,
    overdue: i.overdue_at !== null || (i.open === 1 && i.due_at !== null && i.due_at <= now),
    supervision: i.supervision,
    externalNo: i.external_no,
    createdAt: i.created_at,
    version: i.version,
  };
}

export interface DetailExtras {
  events: EventRow[];
  photos: PhotoRow[];
  household: { id: number; unit_no: number; room: string } | null;
  actions: Action[];
  /** Staff see internal notes, the reporter's name even when hidden from the public, and the masked phone. */
  staff: boolean;
  reporter: boolean;
  now: string;
}

export function presentDetail(i: IssueRow, x: DetailExtras): Static<typeof s.IssueDetail> {
  const photoIds = (eventId: number) => x.photos.filter((p) => p.event_id === eventId).map((p) => p.id);
  return {
    ...presentItem(i, x.now),
    body: i.body,
    placeNote: i.place_note,
    household: x.household ? { id: x.household.id, unitNo: x.household.unit_no, room: x.household.room, stated: i.household_stated === 1 } : null,
    compoundId: i.compound_id,
    reporter: {
      name: x.staff || x.reporter || i.show_name === 1 ? i.reporter_name : null,
      phone: x.staff ? i.reporter_phone_masked : null,
      showName: i.show_name === 1,
    },
    reply: i.reply,
    rating: i.rating,
    ratingComment: i.rating_comment,
    resolvedAt: i.resolved_at,
    rateBy: i.rate_by,
    closedAt: i.closed_at,
    remindAt: i.remind_at,
    dispatchedAt: i.dispatched_at,
    extensionRequestedMinutes: i.extension_requested_minutes,
    mergedIntoId: i.merged_into_id,
    rejectReason: i.reject_reason,
    returnCount: i.return_count,
    reopenCount: i.reopen_count,
    handlerBodyId: i.handler_body_id,
    handlerDepartmentId: i.handler_department_id,
    timeline: x.events.map((e) => ({
      id: e.id,
      at: e.at,
      actorName: e.actor_name,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      note: x.staff ? e.note : null,
      data: e.data_json ? (JSON.parse(e.data_json) as unknown) : null,
      photoIds: photoIds(e.id),
    })),
    photos: x.photos.map((p) => ({ id: p.id, url: `/api/v1/issues/${i.id}/photos/${p.id}` })),
    actions: x.actions,
    token: x.reporter ? i.public_token : null,
  };
}

/** What the reporter's phone sees: the steps and the reply, never internal notes or who is behind them. */
export function presentPublic(i: IssueRow, events: EventRow[], photos: PhotoRow[]): Static<typeof s.PublicIssue> {
  const shown = new Set(['report', 'assign', 'accept', 'start', 'resolve', 'return', 'escalate', 'transfer', 'merge', 'reject', 'rate', 'close', 'supervise', 'overdue']);
  return {
    id: i.id,
    title: i.title,
    body: i.body,
    status: i.status as Static<typeof s.Status>,
    categoryId: i.category_id,
    unitName: i.unit_name,
    handlerName: i.handler_kind === 'dispatch' ? null : i.assignee_name,
    dueAt: i.due_at,
    reply: i.reply,
    rating: i.rating,
    canRate: i.status === 'resolved' && i.rating === null,
    version: i.version,
    createdAt: i.created_at,
    timeline: events.filter((e) => shown.has(e.action)).map((e) => ({ at: e.at, action: e.action, toStatus: e.to_status, comment: e.action === 'return' || e.action === 'escalate' ? null : e.comment })),
    photos: photos.map((p) => ({ id: p.id, url: `/api/v1/public/issues/${i.public_token}/photos/${p.id}` })),
  };
}
