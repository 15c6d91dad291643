import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import type { WebhookRow } from '../queries.ts';
import { auditedWebhook } from '../rules/webhooks.ts';

/**
 * Deletes a webhook: nothing more goes to its address, not even deliveries still waiting for a retry. Its delivery
 * log goes with it (a delivery cannot outlive its webhook in the schema, and the log is for fixing an address, not
 * a record); the audit row keeps the webhook as it was, robot key masked, and how many deliveries of each outcome
 * the log held. Throws NOT_FOUND when someone else deleted it first.
 */
export async function deleteWebhook(ctx: Ctx, hook: WebhookRow): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    // Locked on PostgreSQL: a delivery another transaction is queueing for this webhook right now is then committed
    // before the log is deleted, and does not leave the webhook undeletable behind it.
    let current = tx.selectFrom('webhooks').select('id').where('id', '=', hook.id);
    if (ctx.dbKind === 'postgres') current = current.forUpdate();
    if (!(await current.executeTakeFirst())) throw notFound('webhook');
    const log = await tx
      .selectFrom('webhook_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('webhook_id', '=', hook.id)
      .groupBy('status')
      .execute();
    await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', hook.id).execute();
    await tx.deleteFrom('webhooks').where('id', '=', hook.id).execute();
    const deliveries = { pending: 0, delivered: 0, failed: 0 };
    for (const row of log) deliveries[row.status] = Number(row.n);
    await recordAudit(tx, ctx, { action: 'webhook.delete', subjectType: 'webhook', subjectId: hook.id, path: hook.path, before: { unitId: hook.unit_id, ...auditedWebhook(hook), deliveries } });
  });
}
