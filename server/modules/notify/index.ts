import type { Module } from '../../core/module.ts';
import { notifyRoutes } from './routes.ts';

// 通知中心 (each user's inbox) and outgoing webhooks (enterprise-chat group robots and the like). Other
// modules call notifyUsers and queueWebhooks inside their own transactions; sending happens later.
export { notifyPolicy, type NotifyAction } from './policy.ts';
export { notifyUsers, type NewNotification } from './commands/notifyUsers.ts';
export { queueWebhooks, type WebhookEvent } from './commands/queueWebhooks.ts';
export { deliverDueWebhooks, type DeliverOptions, type DeliveryServices } from './commands/deliverWebhooks.ts';
// For the privacy module: erasure on request.
export { scrubNotifications } from './commands/scrubNotifications.ts';
export { WEBHOOK_EVENTS } from './rules/webhooks.ts';
export const notifyModule: Module = { name: 'notify', prefix: '/api/v1', routes: notifyRoutes };

