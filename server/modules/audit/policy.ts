import type { Policy } from '../../core/policy.ts';

/**
 * The auditor (审计员) reads the log of its subtree and verifies the chain. Street and community staff keep reading
 * theirs too: their pages show who changed what, and reading is not changing.
 */
export const auditPolicy: Policy<'audit.read' | 'audit.verify'> = {
  'audit.read': ['street_admin', 'community_staff', 'auditor'],
  // The chain covers the whole database, not a subtree: checking it reveals counts and positions only.
  'audit.verify': ['street_admin', 'auditor'],
};
