import type { Policy, Role } from '../../core/policy.ts';

const STAFF: Role[] = ['street_admin', 'community_staff'];
const FRONT_LINE: Role[] = [...STAFF, 'grid_worker'];

/** Who may do what with the organisation tree and its people; anything not listed is denied. */
export type OrgAction = 'units.read' | 'units.write' | 'people.read' | 'people.reveal' | 'people.write' | 'party.read' | 'party.write' | 'bodies.write' | 'import.run';

export const orgPolicy: Policy<OrgAction> = {
  'units.read': ['street_admin', 'community_staff', 'grid_worker', 'branch_secretary', 'building_leader', 'central_household', 'owners_committee', 'property_manager', 'department_handler', 'resident'],
  'units.write': STAFF,
  // Personal data: the four-party bodies see who lives where (masked); only front-line staff see it in full.
  'people.read': [...FRONT_LINE, 'branch_secretary', 'building_leader', 'central_household', 'owners_committee', 'property_manager'],
  'people.reveal': FRONT_LINE,
  'people.write': FRONT_LINE,
  'party.read': [...FRONT_LINE, 'branch_secretary', 'building_leader', 'central_household'],
  'party.write': [...STAFF, 'branch_secretary'],
  'bodies.write': [...STAFF, 'branch_secretary'],
  'import.run': FRONT_LINE,
};
