import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { authorize } from '../../core/policy.ts';
import { notifyPolicy, type NotifyAction } from './policy.ts';
import { getWebhook, type WebhookRow } from './queries.ts';

/** Loads a webhook and authorises the actor on it; outside the actor's tree it does not exist (404). */
export async function webhookFor(ctx: Ctx, id: number, action: NotifyAction): Promise<WebhookRow> {
  const hook = await getWebhook(ctx.db, id);
  if (!hook) throw notFound('webhook');
  authorize(ctx.actor, notifyPolicy[action], hook.path, 'webhook');
  return hook;
}
