import { actionsAt, type Actor } from '../../core/policy.ts';
import { notifyPolicy } from './policy.ts';
import type { DeliveryRow, NotificationRow, WebhookRow } from './queries.ts';
import { parseEvents } from './rules/webhooks.ts';
import type { DeliveryT, NotificationT, WebhookT } from './schemas.ts';

export function presentNotification(n: NotificationRow): NotificationT {
  return { id: n.id, kind: n.kind, issueId: n.issue_id, title: n.title, body: n.body, link: n.link, createdAt: n.created_at, readAt: n.read_at };
}

export function presentWebhook(w: WebhookRow, actor: Actor): WebhookT {
  return {
    id: w.id,
    unitId: w.unit_id,
    unitName: w.unit_name,
    name: w.name,
    url: w.url,
    events: parseEvents(w.events),
    enabled: Boolean(w.enabled),
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    actions: actionsAt(actor, notifyPolicy, w.path),
  };
}

export function presentDelivery(d: DeliveryRow): DeliveryT {
  return {
    id: d.id,
    webhookId: d.webhook_id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at,
    deliveredAt: d.delivered_at,
  };
}
