import type { Policy } from '../../core/policy.ts';

export const auditPolicy: Policy<'audit.read' | 'audit.verify'> = {
  'audit.read': ['street_admin', 'community_staff'],
  // The chain covers the whole database, not a subtree: checking it reveals counts and positions only.
  'audit.verify': ['street_admin'],
};
