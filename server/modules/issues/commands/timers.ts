import { recordAudit } from '../../../core/audit.ts';
import type { Services } from '../../../core/context.ts';
import { getIssue, type IssueRow } from '../queries.ts';
import { supervisorPath, type HandlingLevel } from '../rules/routing.ts';
import { announce, appendEvent, handlerUsers, type Writer } from './shared.ts';

const BATCH = 200;

export interface TimerResult {
  reminded: number;
  overdue: number;
  unrated: number;
}

/**
 * The timed part of the lifecycle, safe to run from several processes at once: every change is a conditional
 * update on the issue's version, so exactly one process records each reminder, overdue mark and 未评价 closure.
 * 提醒 before the deadline; 超期 lands the issue in the supervising level's queue; no rating in three working
 * days closes it as 未评价 (never as satisfied).
 */
export async function runIssueTimers(services: Services, requestId = 'timer'): Promise<TimerResult> {
  const { db, clock } = services;
  const at = clock.now().toISOString();
  const w: Writer = { services, actor: null, actorName: 'system', requestId };
  const result: TimerResult = { reminded: 0, overdue: 0, unrated: 0 };

  const once = async (issueId: number, version: number, apply: (issue: IssueRow) => Promise<boolean>): Promise<boolean> => {
    const issue = await getIssue(db, issueId);
    if (!issue || issue.version !== version) return false;
    return apply(issue);
  };

  const remind = await db.selectFrom('issues').select(['id', 'version']).where('open', '=', 1).where('remind_at', '<=', at).where('reminded_at', 'is', null).where('status', 'in', ['assigned', 'accepted', 'in_progress']).limit(BATCH).execute();
  for (const r of remind) {
    const done = await once(r.id, r.version, (issue) =>
      db.transaction().execute(async (tx) => {
        const u = await tx.updateTable('issues').set({ reminded_at: at, version: issue.version + 1, updated_at: at }).where('id', '=', issue.id).where('version', '=', issue.version).executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) return false;
        await appendEvent(tx, w, issue.id, at, { action: 'remind', from: issue.status as never, to: issue.status as never, data: { dueAt: issue.due_at }, version: issue.version + 1 });
        const users = await handlerUsers(tx, { kind: issue.handler_kind, path: issue.handler_path, bodyId: issue.handler_body_id, userId: issue.assignee_user_id, level: issue.level });
        await announce(tx, issue, at, { kind: 'issue.remind', userIds: users, title: `即将超期：${issue.title}`, body: `办理时限 ${String(issue.due_at)}` }, null);
        return true;
      }),
    );
    if (done) result.reminded++;
  }

  const late = await db.selectFrom('issues').select(['id', 'version']).where('open', '=', 1).where('due_at', '<=', at).where('overdue_at', 'is', null).limit(BATCH).execute();
  for (const r of late) {
    const done = await once(r.id, r.version, (issue) =>
      db.transaction().execute(async (tx) => {
        const sup = supervisorPath(issue.level as HandlingLevel, issue.handler_path);
        const supervision = Math.max(issue.supervision, 1);
        const u = await tx
          .updateTable('issues')
          .set({ overdue_at: at, supervision, supervision_path: sup, version: issue.version + 1, updated_at: at })
          .where('id', '=', issue.id)
          .where('version', '=', issue.version)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) return false;
        await appendEvent(tx, w, issue.id, at, { action: 'overdue', from: issue.status as never, to: issue.status as never, data: { dueAt: issue.due_at, supervision }, version: issue.version + 1 });
        await recordAudit(tx, { actorName: 'system', requestId, clock }, { action: 'issue.overdue', subjectType: 'issue', subjectId: issue.id, path: issue.path, after: { dueAt: issue.due_at, supervisionPath: sup } });
        const users = await handlerUsers(tx, { kind: issue.handler_kind, path: issue.handler_path, bodyId: issue.handler_body_id, userId: issue.assignee_user_id, level: issue.level });
        await announce(tx, issue, at, { kind: 'issue.overdue', userIds: users, title: `已超期，转督办：${issue.title}`, body: `办理时限 ${String(issue.due_at)}`, webhook: 'issue.overdue' }, null);
        return true;
      }),
    );
    if (done) result.overdue++;
  }

  const unrated = await db.selectFrom('issues').select(['id', 'version']).where('status', '=', 'resolved').where('rate_by', '<=', at).where('rating', 'is', null).limit(BATCH).execute();
  for (const r of unrated) {
    const done = await once(r.id, r.version, (issue) =>
      db.transaction().execute(async (tx) => {
        const u = await tx
          .updateTable('issues')
          .set({ status: 'closed', rating: 'none', closed_at: at, rate_by: null, version: issue.version + 1, updated_at: at })
          .where('id', '=', issue.id)
          .where('version', '=', issue.version)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) return false;
        await appendEvent(tx, w, issue.id, at, { action: 'close', from: 'resolved', to: 'closed', comment: '三个工作日内未评价，按未评价结案', data: { rating: 'none', auto: true }, version: issue.version + 1 });
        await recordAudit(tx, { actorName: 'system', requestId, clock }, { action: 'issue.close', subjectType: 'issue', subjectId: issue.id, path: issue.path, after: { rating: 'none' } });
        return true;
      }),
    );
    if (done) result.unrated++;
  }
  return result;
}
