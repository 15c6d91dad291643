import type { Updateable } from 'kysely';
import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { DomainError, invalid, ruleBroken } from '../../../core/errors.ts';
import type { IssueTable } from '../../../db/schema.ts';
import { canSeeIssue, relationOf } from '../policy.ts';
import { getIssue, type IssueRow } from '../queries.ts';
import { relationAllows, stateAllows, type Status } from '../rules/lifecycle.ts';
import { accessOf, issueFor, OFF_DUTY, stateOf } from './act.ts';
import { announce, appendEvent, writerOf } from './shared.ts';

/** One issue of a bulk command, with the version the caller saw (as for a single action). */
export interface BulkItem {
  id: number;
  version: number;
}

export interface BulkResult {
  id: number;
  status: Status;
  version: number;
}

/** What the reporter reads when a report is rejected in bulk: says nothing of floods or suspicion. */
export const NEUTRAL_REJECT_REPLY = '经核实，此条反映不予受理。如确有需要办理的问题，请联系楼栋长或社区工作人员。';

/**
 * Loads every issue of a bulk command and checks each exactly as a single action would: 404 when the caller
 * cannot see it (or it does not exist), 403 when the caller is not its dispatcher, 409 when its version is not
 * the one the caller saw, 422 when its state does not allow the action. The first failure refuses the whole
 * command (its details name the issue), so a bulk command changes all of the issues or none.
 */
async function loadAll(ctx: Ctx, items: readonly BulkItem[], action: 'reject' | 'merge'): Promise<IssueRow[]> {
  const seen = new Set<number>();
  const issues: IssueRow[] = [];
  for (const item of items) {
    if (seen.has(item.id)) throw invalid(`Issue #${item.id} is listed twice`, [{ path: 'items', message: `#${item.id} twice` }]);
    seen.add(item.id);
    const issue = await getIssue(ctx.db, item.id);
    if (!issue || !canSeeIssue(ctx.actor, accessOf(issue))) {
      throw new DomainError('not_found', 'NOT_FOUND', `Issue #${item.id} does not exist or is outside your part of the organisation`, { id: item.id });
    }
    if (!relationAllows(action, relationOf(ctx.actor, accessOf(issue)))) {
      throw new DomainError('forbidden', 'FORBIDDEN', `Your role does not allow this action on issue #${item.id}`, { id: item.id });
    }
    if (issue.version !== item.version) {
      throw new DomainError('conflict', 'STALE_VERSION', `Issue #${item.id} has changed since you loaded it (version ${issue.version}, you sent ${item.version}); reload and try again`, { id: item.id });
    }
    if (!stateAllows(action, stateOf(issue))) {
      throw ruleBroken('ACTION_NOT_ALLOWED', `"${action}" is not possible while issue #${item.id} is ${issue.status}`, { id: item.id, status: issue.status });
    }
    issues.push(issue);
  }
  return issues;
}

interface Closing {
  action: 'reject' | 'merge';
  status: 'rejected' | 'merged';
  patch: Updateable<IssueTable>;
  comment: string;
  note: string | null;
  data: Record<string, unknown>;
  title: (issue: IssueRow) => string;
}

/** Closes every issue in one transaction: the conditional update, the event and the audit row of each. */
async function closeAll(ctx: Ctx, issues: IssueRow[], c: Closing): Promise<BulkResult[]> {
  const at = ctx.clock.now().toISOString();
  const w = writerOf(ctx);
  const data = { ...c.data, bulk: issues.length };
  return ctx.db.transaction().execute(async (tx) => {
    const results: BulkResult[] = [];
    for (const issue of issues) {
      const version = issue.version + 1;
      const updated = await tx
        .updateTable('issues')
        .set({ ...c.patch, ...OFF_DUTY, open: 0, closed_at: at, version, updated_at: at })
        .where('id', '=', issue.id)
        .where('version', '=', issue.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new DomainError('conflict', 'STALE_VERSION', `Issue #${issue.id} changed while you were acting on it; reload and try again`, { id: issue.id });
      }
      await appendEvent(tx, w, issue.id, at, { action: c.action, from: issue.status as Status, to: c.status, comment: c.comment, note: c.note, data, version });
      await recordAudit(tx, ctx, { action: `issue.${c.action}`, subjectType: 'issue', subjectId: issue.id, path: issue.path, before: { status: issue.status, version: issue.version }, after: { status: c.status, version, ...data } });
      // Only a signed-in reporter has an inbox; no webhook message, so undoing a flood does not flood the hooks.
      if (issue.reporter_user_id) await announce(tx, issue, at, { kind: `issue.${c.status}`, userIds: [issue.reporter_user_id], title: c.title(issue), body: c.comment }, ctx.actor.userId);
      results.push({ id: issue.id, status: c.status, version });
    }
    return results;
  });
}

/**
 * 批量不予受理: rejects many reports at once with one reason (e.g. `spam` for a flood), as one transaction with
 * an event and an audit row per issue. The reporter sees `comment`, or a neutral reply; `note` stays internal.
 * Throws 404/403/409/422 for the first issue that a single reject would refuse, and then changes nothing.
 */
export async function rejectMany(ctx: Ctx, items: readonly BulkItem[], input: { reason: string; comment?: string | undefined; note?: string | undefined }): Promise<BulkResult[]> {
  const issues = await loadAll(ctx, items, 'reject');
  const comment = input.comment?.trim() || NEUTRAL_REJECT_REPLY;
  return closeAll(ctx, issues, {
    action: 'reject',
    status: 'rejected',
    patch: { status: 'rejected', reject_reason: input.reason },
    comment,
    note: input.note?.trim() || null,
    data: { reason: input.reason },
    title: (issue) => `不予受理：${issue.title}`,
  });
}

/**
 * 批量合并重复: marks many reports as duplicates of one issue that is still being handled, linked to it
 * (merged_into_id) and closed, as one transaction with an event and an audit row per issue. Throws 404 when the
 * target cannot be seen, 400 when it is among the duplicates, 422 when it is closed, and 404/403/409/422 for
 * the first duplicate a single merge would refuse; then nothing changes.
 */
export async function mergeMany(ctx: Ctx, items: readonly BulkItem[], input: { intoId: number; comment?: string | undefined; note?: string | undefined }): Promise<BulkResult[]> {
  if (items.some((i) => i.id === input.intoId)) throw invalid('An issue cannot duplicate itself', [{ path: 'intoId', message: 'among the items' }]);
  const into = await issueFor(ctx, input.intoId);
  if (into.status === 'merged' || into.status === 'rejected') throw ruleBroken('MERGE_TARGET_CLOSED', 'Merge into an issue that is still being handled');
  const issues = await loadAll(ctx, items, 'merge');
  const comment = input.comment?.trim() || `与问题 #${into.id} 重复，已合并处理`;
  return closeAll(ctx, issues, {
    action: 'merge',
    status: 'merged',
    patch: { status: 'merged', merged_into_id: into.id },
    comment,
    note: input.note?.trim() || null,
    data: { intoId: into.id },
    title: (issue) => `已合并：${issue.title}`,
  });
}
