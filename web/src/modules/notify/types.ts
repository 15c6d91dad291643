/** Shapes of the notifications and webhooks API (server/modules/notify/schemas.ts). */
import type { Id } from '../../app/types';

export interface AppNotification {
  id: Id;
  kind: string;
  issueId: Id | null;
  title: string;
  body: string;
  /** A path inside the app to open, or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const WEBHOOK_EVENTS = ['issue.reported', 'issue.assigned', 'issue.resolved', 'issue.overdue', 'issue.supervised', 'issue.rated'] as const;
export const ALL_EVENTS = '*';

export interface Webhook {
  id: Id;
  unitId: Id;
  unitName: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  actions: string[];
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: Id;
  webhookId: Id;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookInput {
  unitId: number;
  name: string;
  url: string;
  events: string[];
}
