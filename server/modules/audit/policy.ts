import type { Policy } from '../../core/policy.ts';

export const auditPolicy: Policy<'audit.read'> = {
  'audit.read': ['street_admin', 'community_staff'],
};
