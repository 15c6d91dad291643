import type { Updateable } from 'kysely';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, DomainError, forbidden, invalid, notFound, ruleBroken } from '../../../core/errors.ts';
import { canSee } from '../../../core/policy.ts';
import type { IssueTable } from '../../../db/schema.ts';
import { extend, scheduleFrom, workCalendar } from '../calendar.ts';
import { canSeeIssue, relationOf, type IssueAccess } from '../policy.ts';
import { getCategory, getIssue, placeFacts, type IssueRow } from '../queries.ts';
import { addWorkingMinutes, type WorkCalendar } from '../rules/deadlines.ts';
import {
  afterRating,
  isOpen,
  relationAllows,
  RETURNS_BEFORE_ESCALATION,
  stateAllows,
  type Action,
  type IssueState,
  type Rating,
  type Status,
  RATINGS,
  REJECT_REASONS,
} from '../rules/lifecycle.ts';
import { cleanPhoto, MAX_PHOTOS, parseDataUrl } from '../rules/photos.ts';
import { ancestorAt, dispatchAt, dispatcherPath, escalationTarget, routeIssue, supervisorPath, type Target } from '../rules/routing.ts';
import { announce, appendEvent, handlerColumns, handlerUsers, writerOf, type Announcement, type Writer } from './shared.ts';

/** Where a dispatcher sends an issue (派单 / 转派). */
export type TargetSpec =
  | { kind: 'building'; unitId: number }
  | { kind: 'body'; bodyId: number }
  | { kind: 'meeting'; unitId: number }
  | { kind: 'unit'; unitId: number }
  | { kind: 'department'; departmentId: number };

export interface ActionInput {
  version: number;
  comment?: string | undefined;
  note?: string | undefined;
  reason?: string | undefined;
  target?: TargetSpec | undefined;
  minutes?: number | undefined;
  intoId?: number | undefined;
  categoryId?: number | undefined;
  rating?: (typeof RATINGS)[number] | undefined;
  photos?: string[] | undefined;
}

export const accessOf = (i: IssueRow): IssueAccess => ({
  path: i.path,
  level: i.level as IssueAccess['level'],
  handlerKind: i.handler_kind,
  handlerPath: i.handler_path,
  handlerBodyKind: i.handler_body_kind,
  assigneeUserId: i.assignee_user_id,
  reporterUserId: i.reporter_user_id,
});

export const stateOf = (i: IssueRow): IssueState => ({
  status: i.status as Status,
  extensionPending: i.extension_requested_minutes !== null,
  supervision: i.supervision,
  rating: i.rating,
});

/** Loads an issue the actor may see (else 404). */
export async function issueFor(ctx: Ctx, id: number): Promise<IssueRow> {
  const issue = await getIssue(ctx.db, id);
  if (!issue || !canSeeIssue(ctx.actor, accessOf(issue))) throw notFound('issue');
  return issue;
}

const need = (value: string | undefined, field: string): string => {
  const v = value?.trim();
  if (!v) throw invalid(`A ${field} is required for this action`, [{ path: field, message: 'required' }]);
  return v;
};

interface Change {
  patch: Updateable<IssueTable>;
  to: Status;
  comment?: string | null;
  note?: string | null;
  data?: unknown;
  /** Further events in the same change (an automatic escalation after a second return). */
  also?: { action: string; to: Status; comment?: string; data?: unknown }[];
  tell?: Announcement;
}

export const OFF_DUTY = { assignee_user_id: null, assignee_name: null, due_at: null, remind_at: null, reminded_at: null, overdue_at: null, dispatched_at: null } as const;

/** Resolves a dispatcher's target into a routing target inside what the dispatcher can see. */
async function resolveTarget(ctx: Ctx, issue: IssueRow, spec: TargetSpec): Promise<Target> {
  const unitAt = async (id: number) => {
    const u = await ctx.db.selectFrom('org_units').select(['id', 'level', 'path', 'name']).where('id', '=', id).executeTakeFirst();
    if (!u || !canSee(ctx.actor, u.path)) throw notFound('unit');
    return u;
  };
  const none = { bodyId: null, departmentId: null, userId: null };
  switch (spec.kind) {
    case 'building': {
      const b = await unitAt(spec.unitId);
      if (b.level !== 'building') throw invalid('Not a building', [{ path: 'target.unitId', message: 'not a building' }]);
      const compoundPath = ancestorAt(b.path, 3);
      const facts = await placeFacts(ctx.db, { buildingId: b.id, buildingPath: b.path, compoundId: Number(compoundPath.split('/')[3]), compoundPath, householdId: issue.household_id }, issue.category_id, 'small');
      const t = routeIssue(facts);
      if (t.level !== 'building') throw ruleBroken('NO_BUILDING_HANDLER', 'This building has no leader, 联户长 or grid worker with an account');
      return t;
    }
    case 'body': {
      const body = await ctx.db.selectFrom('bodies').select(['id', 'path', 'name']).where('id', '=', spec.bodyId).executeTakeFirst();
      if (!body || !canSee(ctx.actor, body.path)) throw notFound('body');
      return { level: 'compound', kind: 'body', path: body.path, bodyId: body.id, departmentId: null, userId: null, name: body.name };
    }
    case 'meeting': {
      const c = await unitAt(spec.unitId);
      if (c.level !== 'compound') throw invalid('The 四方议事 meets per compound', [{ path: 'target.unitId', message: 'not a compound' }]);
      return { level: 'meeting', kind: 'meeting', path: c.path, ...none, name: `${c.name}四方议事` };
    }
    case 'unit': {
      const u = await unitAt(spec.unitId);
      if (u.level !== 'community' && u.level !== 'street') throw invalid('Send to a community or the street', [{ path: 'target.unitId', message: 'not a community or street' }]);
      return { level: u.level, kind: 'unit', path: u.path, ...none, name: u.name };
    }
    case 'department': {
      const d = await ctx.db.selectFrom('departments').select(['id', 'name']).where('id', '=', spec.departmentId).executeTakeFirst();
      if (!d) throw notFound('department');
      return { level: 'department', kind: 'department', path: ancestorAt(issue.path, 1), bodyId: null, departmentId: d.id, userId: null, name: d.name };
    }
    default: {
      const never: never = spec;
      return never;
    }
  }
}

async function dispatchTo(ctx: Ctx, cal: WorkCalendar, issue: IssueRow, target: Target, categoryId = issue.category_id): Promise<Updateable<IssueTable>> {
  const now = ctx.clock.now();
  const s = await scheduleFrom(ctx.db, cal, target.level, categoryId, now, issue.external_due_at);
  return { ...handlerColumns(target), status: 'assigned', dispatched_at: now.toISOString(), due_at: s.dueAt, remind_at: s.remindAt, reminded_at: null, overdue_at: null, extension_requested_minutes: null };
}

function backToDispatch(target: Target): Updateable<IssueTable> {
  return { ...handlerColumns(target), ...OFF_DUTY, status: 'reported', extension_requested_minutes: null };
}

/** A working day of the calendar, in minutes (for "three working days"). */
const dayMinutes = (cal: WorkCalendar) => cal.periods.reduce((sum, [s, e]) => sum + (e - s), 0);

async function plan(ctx: Ctx, issue: IssueRow, action: Action, input: ActionInput, cal: WorkCalendar): Promise<Change> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const handlers = () => handlerUsers(ctx.db, { kind: issue.handler_kind, path: issue.handler_path, bodyId: issue.handler_body_id, userId: issue.assignee_user_id, level: issue.level });
  const reporter = issue.reporter_user_id ? [issue.reporter_user_id] : [];
  switch (action) {
    case 'assign':
    case 'transfer': {
      if (!input.target) throw invalid('Choose where to send the issue', [{ path: 'target', message: 'required' }]);
      const target = await resolveTarget(ctx, issue, input.target);
      const patch = await dispatchTo(ctx, cal, issue, target);
      return {
        patch: action === 'transfer' && issue.status === 'resolved' ? { ...patch, rating: null, resolved_at: null, rate_by: null } : patch,
        to: 'assigned',
        comment: input.comment ?? null,
        note: input.note ?? null,
        data: { level: target.level, kind: target.kind, name: target.name, dueAt: patch.due_at },
        tell: { kind: 'issue.assigned', userIds: await handlerUsers(ctx.db, target), title: `待签收：${issue.title}`, body: `${issue.unit_name}，时限 ${String(patch.due_at ?? '—')}`, webhook: 'issue.assigned' },
      };
    }
    case 'accept':
      return { patch: { status: 'accepted' }, to: 'accepted', comment: input.comment ?? null, note: input.note ?? null, tell: { kind: 'issue.progress', userIds: reporter, title: `已签收：${issue.title}`, body: issue.assignee_name ?? issue.unit_name } };
    case 'start':
      return { patch: { status: 'in_progress' }, to: 'in_progress', comment: input.comment ?? null, note: input.note ?? null };
    case 'resolve': {
      const reply = need(input.comment, 'comment');
      const rateBy = addWorkingMinutes(now, 3 * dayMinutes(cal), cal).toISOString();
      return {
        patch: { status: 'resolved', reply, resolved_at: at, rate_by: rateBy, extension_requested_minutes: null, open: 0 },
        to: 'resolved',
        comment: reply,
        note: input.note ?? null,
        tell: { kind: 'issue.resolved', userIds: reporter, title: `已办结，请评价：${issue.title}`, body: reply, webhook: 'issue.resolved' },
      };
    }
    case 'return': {
      const reason = need(input.reason, 'reason');
      const returns = issue.return_count + 1;
      const level = issue.level as Target['level'];
      const dispatcherLevel = level === 'building' ? 'compound' : level;
      if (returns >= RETURNS_BEFORE_ESCALATION) {
        // Past the dispatcher who sent it back twice: the level above it.
        const up = escalationTarget(dispatcherLevel, dispatcherPath(level, issue.handler_path));
        if (up) {
          return {
            patch: { ...backToDispatch(up), return_count: returns },
            to: 'reported',
            comment: reason,
            data: { returns },
            also: [{ action: 'escalate', to: 'reported', comment: '第二次退回，自动上报上一级', data: { auto: true, level: up.level } }],
            tell: { kind: 'issue.escalated', userIds: await handlerUsers(ctx.db, up), title: `上报待派单：${issue.title}`, body: reason },
          };
        }
      }
      const back = dispatchAt(dispatcherLevel, dispatcherPath(level, issue.handler_path));
      return {
        patch: { ...backToDispatch(back), return_count: returns },
        to: 'reported',
        comment: reason,
        data: { returns },
        tell: { kind: 'issue.returned', userIds: await handlerUsers(ctx.db, back), title: `被退回，请重新派单：${issue.title}`, body: reason },
      };
    }
    case 'escalate': {
      const reason = need(input.reason, 'reason');
      const up = escalationTarget(issue.level as Target['level'], issue.handler_path);
      if (!up) throw ruleBroken('CANNOT_ESCALATE', 'The street is the highest level; transfer to a department instead');
      return { patch: backToDispatch(up), to: 'reported', comment: reason, data: { level: up.level }, tell: { kind: 'issue.escalated', userIds: await handlerUsers(ctx.db, up), title: `上报待派单：${issue.title}`, body: reason } };
    }
    case 'request_extension': {
      const minutes = input.minutes;
      if (!minutes || minutes < 30 || minutes > 20 * dayMinutes(cal)) throw invalid('Ask for between 30 working minutes and 20 working days', [{ path: 'minutes', message: 'out of range' }]);
      const reason = need(input.reason, 'reason');
      return { patch: { extension_requested_minutes: minutes }, to: issue.status as Status, note: reason, data: { minutes } };
    }
    case 'approve_extension': {
      const minutes = issue.extension_requested_minutes ?? 0;
      const due = issue.due_at ? extend(cal, issue.due_at, minutes) : null;
      const stillOver = due !== null && due <= at;
      return {
        patch: { extension_requested_minutes: null, due_at: due, remind_at: null, overdue_at: stillOver ? issue.overdue_at : null },
        to: issue.status as Status,
        comment: input.comment ?? null,
        data: { minutes, dueAt: due },
        tell: { kind: 'issue.extension', userIds: await handlers(), title: `延期已批准：${issue.title}`, body: `新时限 ${String(due)}` },
      };
    }
    case 'deny_extension':
      return { patch: { extension_requested_minutes: null }, to: issue.status as Status, comment: input.comment ?? null, tell: { kind: 'issue.extension', userIds: await handlers(), title: `延期未批准：${issue.title}`, body: input.comment ?? '' } };
    case 'supervise': {
      const level = Math.min(issue.supervision + 1, 2);
      return {
        patch: { supervision: level, supervision_path: supervisorPath(issue.level as Target['level'], issue.handler_path) },
        to: issue.status as Status,
        comment: input.comment ?? null,
        data: { supervision: level },
        tell: { kind: 'issue.supervised', userIds: await handlers(), title: `${level === 2 ? '红牌' : '黄牌'}督办：${issue.title}`, body: input.comment ?? '', webhook: 'issue.supervised' },
      };
    }
    case 'merge': {
      if (!input.intoId || input.intoId === issue.id) throw invalid('Name the issue this one duplicates', [{ path: 'intoId', message: 'required' }]);
      const into = await issueFor(ctx, input.intoId);
      if (into.status === 'merged' || into.status === 'rejected') throw ruleBroken('MERGE_TARGET_CLOSED', 'Merge into an issue that is still being handled');
      return { patch: { status: 'merged', merged_into_id: into.id, open: 0, closed_at: at, ...OFF_DUTY }, to: 'merged', comment: input.comment ?? `与问题 #${into.id} 重复，已合并处理`, data: { intoId: into.id }, tell: { kind: 'issue.merged', userIds: reporter, title: `已合并：${issue.title}`, body: `#${into.id}` } };
    }
    case 'reject': {
      const reason = need(input.reason, 'reason');
      if (!(REJECT_REASONS as readonly string[]).includes(reason)) throw invalid(`Give one of the reasons ${REJECT_REASONS.join(', ')}`, [{ path: 'reason', message: 'not a reason code' }]);
      return { patch: { status: 'rejected', reject_reason: reason, open: 0, closed_at: at, ...OFF_DUTY }, to: 'rejected', comment: input.comment ?? null, data: { reason }, tell: { kind: 'issue.rejected', userIds: reporter, title: `不予受理：${issue.title}`, body: input.comment ?? reason } };
    }
    case 'reclassify': {
      const category = input.categoryId ? await getCategory(ctx.db, input.categoryId) : undefined;
      if (!category || !category.active) throw invalid('Unknown category', [{ path: 'categoryId', message: 'unknown or retired category' }]);
      let patch: Updateable<IssueTable> = { category_id: category.id, size: category.default_size };
      let to = issue.status as Status;
      // Not yet taken on: route again by the new size.
      if ((issue.status === 'reported' || issue.status === 'assigned') && category.default_size !== issue.size) {
        const buildingId = issue.path.split('/').length - 2 === 4 ? issue.unit_id : null;
        const compoundPath = ancestorAt(issue.path, 3);
        const facts = await placeFacts(ctx.db, { buildingId, buildingPath: buildingId ? issue.path : null, compoundId: issue.compound_id, compoundPath, householdId: issue.household_id }, category.id, category.default_size);
        const target = routeIssue(facts);
        patch = { ...patch, ...(target.kind === 'dispatch' ? backToDispatch(target) : await dispatchTo(ctx, cal, issue, target, category.id)) };
        to = target.kind === 'dispatch' ? 'reported' : 'assigned';
      }
      return { patch, to, comment: input.comment ?? null, note: input.note ?? null, data: { from: issue.category_id, to: category.id, size: category.default_size } };
    }
    case 'rate': {
      if (!input.rating) throw invalid('Choose 满意, 基本满意 or 不满意', [{ path: 'rating', message: 'required' }]);
      const next = afterRating(input.rating, issue.reopen_count);
      const comment = input.comment?.trim() || null;
      const tellHandlers = { userIds: await handlers(), title: `评价：${issue.title}`, body: `${input.rating}${comment ? `：${comment}` : ''}`, webhook: 'issue.rated' };
      if (next === 'close') return { patch: { status: 'closed', rating: input.rating, rating_comment: comment, closed_at: at, rate_by: null }, to: 'closed', comment, data: { rating: input.rating }, tell: { kind: 'issue.rated', ...tellHandlers } };
      if (next === 'reopen') {
        const target: Target = { level: issue.level as Target['level'], kind: issue.handler_kind as Target['kind'], path: issue.handler_path, bodyId: issue.handler_body_id, departmentId: issue.handler_department_id, userId: issue.assignee_user_id, name: issue.assignee_name };
        const patch = await dispatchTo(ctx, cal, issue, target);
        return { patch: { ...patch, open: 1, reopen_count: issue.reopen_count + 1, rating: null, rating_comment: comment, resolved_at: null, rate_by: null }, to: 'assigned', comment, data: { rating: input.rating, reopened: true }, tell: { kind: 'issue.reopened', ...tellHandlers, title: `不满意，已重新办理：${issue.title}` } };
      }
      const sup = supervisorPath(issue.level as Target['level'], issue.handler_path);
      return { patch: { rating: input.rating, rating_comment: comment, supervision: 2, supervision_path: sup, rate_by: null }, to: 'resolved', comment, data: { rating: input.rating, supervision: 2 }, tell: { kind: 'issue.supervised', ...tellHandlers, title: `再次不满意，转督办：${issue.title}` } };
    }
    case 'close':
      return { patch: { status: 'closed', closed_at: at, rate_by: null }, to: 'closed', comment: need(input.comment, 'comment') };
    case 'note':
      return { patch: {}, to: issue.status as Status, note: need(input.note, 'note') };
    default: {
      const never: never = action;
      return never;
    }
  }
}

export interface ActResult {
  id: number;
  status: Status;
  version: number;
}

/**
 * One transition of the lifecycle: 404 outside the actor's reach, 403 when the actor is not the one to take it,
 * 409 on a stale version, 422 when the state does not allow it. The event, the change, the audit row and the
 * notifications land together.
 */
export async function act(ctx: Ctx, id: number, action: Action, input: ActionInput, opts: { asReporterOf?: IssueRow } = {}): Promise<ActResult> {
  // The phone page of an anonymous reporter holds the issue's token: it acts as the reporter and nothing else.
  const issue = opts.asReporterOf ?? (await issueFor(ctx, id));
  const rel = opts.asReporterOf ? { handler: false, dispatcher: false, supervisor: false, reporter: true } : relationOf(ctx.actor, accessOf(issue));
  if (!relationAllows(action, rel)) throw forbidden();
  if (input.version !== issue.version) throw conflict('STALE_VERSION', `The issue has changed since you loaded it (version ${issue.version}, you sent ${input.version}); reload and try again`);
  if (!stateAllows(action, stateOf(issue))) throw ruleBroken('ACTION_NOT_ALLOWED', `"${action}" is not possible while the issue is ${issue.status}`, { status: issue.status });
  if ((input.photos?.length ?? 0) > MAX_PHOTOS) throw invalid(`At most ${MAX_PHOTOS} photos`, [{ path: 'photos', message: `more than ${MAX_PHOTOS}` }]);
  const photos = (input.photos ?? []).map((p, i) => {
    try {
      return cleanPhoto(parseDataUrl(p));
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError(e.kind, e.code, e.message, { issues: [{ path: `photos.${i}`, message: e.message }] });
      throw e;
    }
  });
  const now = ctx.clock.now();
  const at = now.toISOString();
  const cal = await workCalendar(ctx.db, ctx.config, now);
  const change = await plan(ctx, issue, action, input, cal);
  const w: Writer = writerOf(ctx);
  const events = 1 + (change.also?.length ?? 0);
  const version = issue.version + events;
  const status = (change.patch.status ?? issue.status) as Status;
  const patch: Updateable<IssueTable> = { ...change.patch, open: change.patch.open ?? (isOpen(status as Status) ? 1 : 0), version, updated_at: at };
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx.updateTable('issues').set(patch).where('id', '=', issue.id).where('version', '=', issue.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('STALE_VERSION', 'The issue changed while you were acting on it; reload and try again');
    const eventId = await appendEvent(tx, w, issue.id, at, { action, from: issue.status as Status, to: change.to, comment: change.comment ?? null, note: change.note ?? null, data: change.data, version: issue.version + 1 });
    let v = issue.version + 1;
    for (const e of change.also ?? []) {
      v += 1;
      await appendEvent(tx, { ...w, actor: null, actorName: 'system' }, issue.id, at, { action: e.action, from: change.to, to: e.to, comment: e.comment ?? null, data: e.data, version: v });
    }
    for (const p of photos) {
      await tx.insertInto('issue_photos').values({ issue_id: issue.id, event_id: eventId, mime: p.mime, size: p.bytes.length, content: p.bytes, created_at: at }).execute();
    }
    await recordAudit(tx, ctx, { action: `issue.${action}`, subjectType: 'issue', subjectId: issue.id, path: issue.path, before: { status: issue.status, version: issue.version }, after: { status, version, ...(change.data && typeof change.data === 'object' ? change.data : {}) } });
    if (change.tell) await announce(tx, issue, at, change.tell, ctx.actor.userId || null);
  });
  return { id: issue.id, status, version };
}

export type { Rating };
