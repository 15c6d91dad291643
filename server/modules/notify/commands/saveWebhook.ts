import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { invalid } from '../../../core/errors.ts';
import { cleanText } from '../../../core/schemas.ts';
import type { WebhookRow } from '../queries.ts';
import { auditedWebhook, formatEvents, urlProblem } from '../rules/webhooks.ts';

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
}

function checkedUrl(raw: string): string {
  const url = raw.trim();
  const problem = urlProblem(url);
  if (problem) throw invalid(`The webhook address is not usable: ${problem}`, [{ path: 'url', message: problem }]);
  return url;
}

/** Sets up a webhook on a unit, enabled. Throws VALIDATION_FAILED for an address that is not http(s). */
export async function createWebhook(ctx: Ctx, unit: { id: number; path: string }, input: WebhookInput): Promise<number> {
  const url = checkedUrl(input.url);
  const now = ctx.clock.now().toISOString();
  const values = { unit_id: unit.id, path: unit.path, name: cleanText(input.name), url, events: formatEvents(input.events), enabled: 1, created_at: now, updated_at: now };
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('webhooks').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'webhook.create', subjectType: 'webhook', subjectId: row.id, path: unit.path, after: { unitId: unit.id, ...auditedWebhook(values) } });
    return row.id;
  });
}

/** Renames, re-addresses, re-subscribes, enables or disables a webhook. Throws VALIDATION_FAILED as above. */
export async function updateWebhook(ctx: Ctx, hook: WebhookRow, changes: Partial<WebhookInput> & { enabled?: boolean }): Promise<void> {
  const set = {
    ...(changes.name !== undefined ? { name: cleanText(changes.name) } : {}),
    ...(changes.url !== undefined ? { url: checkedUrl(changes.url) } : {}),
    ...(changes.events !== undefined ? { events: formatEvents(changes.events) } : {}),
    ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
    updated_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('webhooks').set(set).where('id', '=', hook.id).execute();
    await recordAudit(tx, ctx, { action: 'webhook.update', subjectType: 'webhook', subjectId: hook.id, path: hook.path, before: auditedWebhook(hook), after: auditedWebhook({ ...hook, ...set }) });
  });
}
