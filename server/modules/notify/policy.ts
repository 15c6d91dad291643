import type { Policy } from '../../core/policy.ts';

/**
 * Who may do what with outgoing webhooks; anything not listed is denied. A webhook posts into a chat group
 * the whole unit reads, so only those who run the unit set one up: the street, the community and the
 * compound's party branch. Notifications are one's own and need no policy.
 */
export type NotifyAction = 'webhooks.manage';

export const notifyPolicy: Policy<NotifyAction> = {
  'webhooks.manage': ['street_admin', 'community_staff', 'branch_secretary'],
};
