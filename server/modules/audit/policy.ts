import type { Policy } from '../../core/policy.ts';

/**
 * The auditor (审计员) reads the log of its subtree. Street and community staff keep reading theirs too: their
 * pages show who changed what, and reading is not changing; verifying the chain is the auditor's.
 */
export const auditPolicy: Policy<'audit.read'> = {
  'audit.read': ['street_admin', 'community_staff', 'auditor'],
};
