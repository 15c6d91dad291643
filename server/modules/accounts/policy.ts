import { isRole, type Policy, type Role } from '../../core/policy.ts';

export const accountsPolicy: Policy<'accounts.manage'> = {
  'accounts.manage': ['street_admin', 'community_staff'],
};

/** The roles that manage accounts; an account holding one is a manager (管理员) in the sense of 三员分立. */
export const MANAGING_ROLES: readonly Role[] = accountsPolicy['accounts.manage'];

const BELOW_COMMUNITY: readonly Role[] = ['grid_worker', 'branch_secretary', 'building_leader', 'central_household', 'owners_committee', 'property_manager', 'department_handler', 'resident'];

/**
 * Roles a manager may hand out (and so take away, and manage the holders of). Only the street makes community
 * staff, street admins below it and auditors (审计员); nobody hands out a role ranked like their own at their own
 * node (see mayGrantAt).
 */
export function grantableRoles(granterRole: Role): readonly Role[] {
  if (granterRole === 'street_admin') return ['street_admin', 'community_staff', 'auditor', ...BELOW_COMMUNITY];
  if (granterRole === 'community_staff') return BELOW_COMMUNITY;
  return [];
}

interface HeldGrant {
  role: Role;
  path: string;
}

/**
 * May a manager holding `manager` grant `role` at `path`? Inside their subtree, a role they may hand out, and a
 * managing role only strictly below their node (a peer at one's own level is not one's to make or unmake).
 */
export function grantAllowedBy(manager: HeldGrant, role: Role, path: string): boolean {
  if (!path.startsWith(manager.path) || !grantableRoles(manager.role).includes(role)) return false;
  return !MANAGING_ROLES.includes(role) || path !== manager.path;
}

/** The roles of an account that the auditor role excludes, and the other way round (三员分立). */
export function separationConflict(role: Role, held: readonly string[]): boolean {
  if (role === 'auditor') return held.some((r) => isRole(r) && MANAGING_ROLES.includes(r));
  if (MANAGING_ROLES.includes(role)) return held.includes('auditor');
  return false;
}
