import type { Policy, Role } from '../../core/policy.ts';

export const accountsPolicy: Policy<'accounts.manage'> = {
  'accounts.manage': ['street_admin', 'community_staff'],
};

/** Roles a community worker may hand out; only the street grants street_admin and community_staff. */
export function grantableRoles(granterRole: Role): readonly Role[] {
  if (granterRole === 'street_admin') {
    return ['street_admin', 'community_staff', 'grid_worker', 'branch_secretary', 'building_leader', 'central_household', 'owners_committee', 'property_manager', 'department_handler', 'resident'];
  }
  if (granterRole === 'community_staff') {
    return ['grid_worker', 'branch_secretary', 'building_leader', 'central_household', 'owners_committee', 'property_manager', 'department_handler', 'resident'];
  }
  return [];
}
