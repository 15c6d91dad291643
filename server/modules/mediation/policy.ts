import type { Policy, Role } from '../../core/policy.ts';

// 让三尺 mediation is the work of the community and the compound's party branch; the owners committee follows
// the cases of its compound. Building leaders, the property company and residents are parties or witnesses,
// never case handlers. Anything not listed is denied.
const HANDLERS: Role[] = ['street_admin', 'community_staff', 'grid_worker', 'branch_secretary'];
const READERS: Role[] = [...HANDLERS, 'owners_committee'];

export type MediationAction = 'mediation.read' | 'mediation.write' | 'volunteers.read' | 'volunteers.write';

export const mediationPolicy: Policy<MediationAction> = {
  'mediation.read': READERS,
  'mediation.write': HANDLERS,
  'volunteers.read': READERS,
  'volunteers.write': HANDLERS,
};
