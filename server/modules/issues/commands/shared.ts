import type { DbOrTx, Tx } from '../../../core/db.ts';
import type { Actor, Role } from '../../../core/policy.ts';
import type { Services } from '../../../core/context.ts';
import { notifyUsers, queueWebhooks } from '../../notify/index.ts';
import { BODY_ROLES } from '../policy.ts';
import type { IssueRow } from '../queries.ts';
import type { Status } from '../rules/lifecycle.ts';
import type { Target } from '../rules/routing.ts';

/** Who is writing: a signed-in person, or the system (timers, the QR page, the hotline import, Open311). */
export interface Writer {
  services: Services;
  actor: Actor | null;
  /** Shown in the timeline and the audit log when there is no actor. */
  actorName: string;
  requestId: string;
}

export const writerOf = (ctx: Services & { actor: Actor; requestId: string }): Writer => ({ services: ctx, actor: ctx.actor, actorName: ctx.actor.displayName, requestId: ctx.requestId });

export interface EventInput {
  action: string;
  from: Status | null;
  to: Status;
  comment?: string | null;
  note?: string | null;
  data?: unknown;
  version: number;
}

/** Appends one immutable event to an issue's timeline. */
export async function appendEvent(tx: Tx, w: Writer, issueId: number, at: string, e: EventInput): Promise<number> {
  const row = await tx
    .insertInto('issue_events')
    .values({
      issue_id: issueId,
      at,
      actor_user_id: w.actor?.userId ?? null,
      actor_name: w.actor?.displayName ?? w.actorName,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment ?? null,
      note: e.note ?? null,
      data_json: e.data === undefined ? null : JSON.stringify(e.data),
      version: e.version,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The handler fields of an issue row for a routing target. */
export function handlerColumns(t: Target) {
  return {
    level: t.level,
    handler_kind: t.kind,
    handler_path: t.path,
    handler_body_id: t.bodyId,
    handler_department_id: t.departmentId,
    assignee_user_id: t.userId,
    assignee_name: t.name,
  };
}

const DISPATCHERS: Role[] = ['branch_secretary', 'community_staff', 'grid_worker', 'street_admin'];

/** The accounts to tell about an issue that now sits with this target. */
export async function handlerUsers(tx: DbOrTx, t: { kind: string; path: string; bodyId: number | null; userId: number | null; level: string }): Promise<number[]> {
  if (t.userId) return [t.userId];
  const unit = await tx.selectFrom('org_units').select('id').where('path', '=', t.path).executeTakeFirst();
  if (!unit) return [];
  let roles: Role[];
  if (t.kind === 'body' && t.bodyId) {
    const body = await tx.selectFrom('bodies').select('kind').where('id', '=', t.bodyId).executeTakeFirst();
    roles = body ? [BODY_ROLES[body.kind]] : [];
  } else if (t.kind === 'meeting') roles = ['branch_secretary'];
  else if (t.kind === 'department') roles = ['department_handler'];
  else if (t.level === 'street') roles = ['street_admin'];
  else if (t.level === 'community') roles = ['community_staff', 'grid_worker'];
  else roles = DISPATCHERS;
  if (roles.length === 0) return [];
  const rows = await tx.selectFrom('role_grants').select('user_id').where('unit_id', '=', unit.id).where('role', 'in', roles).execute();
  return rows.map((r) => r.user_id);
}

export interface Announcement {
  kind: string;
  userIds: number[];
  title: string;
  body: string;
  /** Webhook event to queue for the units above the issue's place, if any. */
  webhook?: string;
}

/** Notifications and webhook messages for one change, in the transaction of the change. */
export async function announce(tx: Tx, issue: Pick<IssueRow, 'id' | 'path' | 'title' | 'unit_name'>, at: string, a: Announcement, actorUserId: number | null): Promise<void> {
  const link = `/issues/${issue.id}`;
  await notifyUsers(tx, { userIds: a.userIds.filter((id) => id !== actorUserId), kind: a.kind, issueId: issue.id, title: a.title, body: a.body, link, at });
  if (a.webhook) {
    await queueWebhooks(tx, { path: issue.path, event: a.webhook, title: a.title, markdown: `> ${issue.unit_name}\n> ${a.body}`, at });
  }
}
