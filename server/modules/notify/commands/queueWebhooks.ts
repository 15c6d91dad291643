import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import type { DbOrTx } from '../../../core/db.ts';
import { enabledWebhooksAt, type WebhookRow } from '../queries.ts';
import { markdownPayload } from '../rules/payload.ts';
import { selfAndAncestors, subscribes, TEST_EVENT } from '../rules/webhooks.ts';

export interface WebhookEvent {
  /** The tree path of what happened; webhooks on this node and its ancestors hear of it. */
  path: string;
  event: string;
  title: string;
  markdown: string;
  at: string;
}

/**
 * Queues one delivery for every enabled webhook on the node or above it that subscribes to the event.
 * Call it inside the transaction of the change it announces: the delivery then exists exactly when the change
 * does, and the sending happens later, outside any transaction. Returns how many deliveries were queued.
 */
export async function queueWebhooks(tx: DbOrTx, e: WebhookEvent): Promise<number> {
  const hooks = (await enabledWebhooksAt(tx, selfAndAncestors(e.path))).filter((h) => subscribes(h.events, e.event));
  if (hooks.length === 0) return 0;
  const payload = JSON.stringify(markdownPayload(e.title, e.markdown));
  await tx
    .insertInto('webhook_deliveries')
    .values(hooks.map((h) => ({ webhook_id: h.id, event: e.event, payload_json: payload, status: 'pending' as const, attempts: 0, next_attempt_at: e.at, created_at: e.at })))
    .execute();
  return hooks.length;
}

/** Queues a test message for one webhook (enabled or not: an address is checked before it is switched on). */
export async function queueTestDelivery(ctx: Ctx, hook: WebhookRow): Promise<number> {
  const at = ctx.clock.now().toISOString();
  const payload = markdownPayload('测试消息', `> 这是「${hook.unit_name}」的推送「${hook.name}」发出的测试消息。\n> 发送人：${ctx.actor.displayName}`);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('webhook_deliveries')
      .values({ webhook_id: hook.id, event: TEST_EVENT, payload_json: JSON.stringify(payload), status: 'pending', attempts: 0, next_attempt_at: at, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'webhook.test', subjectType: 'webhook', subjectId: hook.id, path: hook.path, after: { deliveryId: row.id } });
    return row.id;
  });
}
