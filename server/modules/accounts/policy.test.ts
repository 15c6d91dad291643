import { describe, expect, it } from 'vitest';
import type { Policy } from '../../core/policy.ts';
import { auditPolicy } from '../audit/index.ts';
import { issuesPolicy } from '../issues/index.ts';
import { mediationPolicy } from '../mediation/index.ts';
import { notifyPolicy } from '../notify/index.ts';
import { orgPolicy } from '../org/index.ts';
import { accountsPolicy, grantableRoles, grantAllowedBy, separationConflict } from './policy.ts';

// 三员分立 in spirit: who administers accounts is not who audits them.

const policies: Record<string, Policy<string>> = { accountsPolicy, auditPolicy, issuesPolicy, mediationPolicy, notifyPolicy, orgPolicy };

describe('the auditor role', () => {
  it('appears in no policy but reading (and verifying) the audit log', () => {
    const listing = Object.entries(policies).flatMap(([name, policy]) => Object.entries(policy).filter(([, roles]) => roles.includes('auditor')).map(([action]) => `${name}:${action}`));
    expect(listing.every((a) => a.startsWith('auditPolicy:audit.'))).toBe(true);
    expect(listing).toContain('auditPolicy:audit.read');
  });

  it('is handed out by the street only, and never together with a managing role', () => {
    expect(grantableRoles('street_admin')).toContain('auditor');
    expect(grantableRoles('community_staff')).not.toContain('auditor');
    expect(grantableRoles('auditor')).toEqual([]);
    expect(separationConflict('auditor', ['resident', 'community_staff'])).toBe(true);
    expect(separationConflict('street_admin', ['auditor'])).toBe(true);
    expect(separationConflict('auditor', ['resident', 'grid_worker'])).toBe(false);
    expect(separationConflict('grid_worker', ['auditor'])).toBe(false);
  });

  it('lets no manager make a peer at their own node, only below it', () => {
    const street = { role: 'street_admin' as const, path: '/1/' };
    expect(grantAllowedBy(street, 'street_admin', '/1/')).toBe(false);
    expect(grantAllowedBy(street, 'community_staff', '/1/2/')).toBe(true);
    expect(grantAllowedBy(street, 'auditor', '/1/')).toBe(true);
    expect(grantAllowedBy({ role: 'community_staff', path: '/1/2/' }, 'grid_worker', '/1/2/')).toBe(true);
    expect(grantAllowedBy({ role: 'community_staff', path: '/1/2/' }, 'community_staff', '/1/2/3/')).toBe(false);
    expect(Object.keys(accountsPolicy)).toEqual(['accounts.manage']);
  });
});
