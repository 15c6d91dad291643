import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Id } from '../../app/types';
import type { AppNotification, Delivery, Webhook, WebhookInput } from './types';

const NOTIFICATIONS = ['notifications'] as const;
const WEBHOOKS = ['webhooks'] as const;
/** The bell asks this often; a new assignment should not wait longer than half a minute to show. */
const UNREAD_POLL_MS = 30_000;

const webhookPath = (id: Id) => `/webhooks/${encodeURIComponent(String(id))}`;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread-count'],
    queryFn: () => apiGet<{ count: number }>('/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
    select: (data) => data.count,
  });
}

export function useNotifications(unreadOnly: boolean, enabled: boolean) {
  return useCursorList<AppNotification>([...NOTIFICATIONS, 'list'], '/notifications', { unread: unreadOnly ? 1 : undefined }, enabled);
}

function useNotificationMutation<V, R>(send: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS }) });
}

export function useMarkRead() {
  return useNotificationMutation((id: Id) => apiSend<AppNotification>('POST', `/notifications/${encodeURIComponent(String(id))}/read`));
}

export function useMarkAllRead() {
  return useNotificationMutation(() => apiSend<{ marked: number }>('POST', '/notifications/read-all'));
}

export function useWebhooks(unitId: string | undefined) {
  return useCursorList<Webhook>([...WEBHOOKS, 'list'], '/webhooks', { unitId });
}

export function useDeliveries(webhookId: Id | null) {
  return useCursorList<Delivery>([...WEBHOOKS, 'deliveries', String(webhookId)], webhookId === null ? '/webhooks' : `${webhookPath(webhookId)}/deliveries`, {}, webhookId !== null);
}

function useWebhookMutation<V, R>(send: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS }) });
}

export function useCreateWebhook() {
  return useWebhookMutation((input: WebhookInput) => apiSend<Webhook>('POST', '/webhooks', input));
}

export function useUpdateWebhook() {
  return useWebhookMutation(({ id, changes }: { id: Id; changes: Partial<Omit<WebhookInput, 'unitId'>> & { enabled?: boolean } }) =>
    apiSend<Webhook>('POST', webhookPath(id), changes),
  );
}

/** Sends a test message now; the answer says whether it arrived. */
export function useTestWebhook() {
  return useWebhookMutation((id: Id) => apiSend<Delivery>('POST', `${webhookPath(id)}/test`));
}

/** Deletes a webhook with its delivery log; the server answers 204 with no body. */
export function useDeleteWebhook() {
  return useWebhookMutation((id: Id) => apiSend<null>('DELETE', webhookPath(id)));
}
