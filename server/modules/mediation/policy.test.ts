import { describe, expect, it } from 'vitest';
import { actionsAt, ROLES, type Actor, type Role } from '../../core/policy.ts';
import { mediationPolicy } from './policy.ts';

const actor = (role: Role, path: string): Actor => ({
  userId: 1,
  username: role,
  displayName: role,
  language: 'zh-CN',
  residentId: null,
  grants: [{ id: 1, role, unitId: 3, unitName: '天峰祥和苑', unitLevel: 'compound', path }],
});

const CASE = '/1/2/3/10/';

describe('who may do what with mediation', () => {
  it.each(ROLES)('%s inside their compound', (role) => {
    const expected: Record<Role, string[]> = {
      street_admin: ['mediation.read', 'mediation.write', 'volunteers.read', 'volunteers.write'],
      community_staff: ['mediation.read', 'mediation.write', 'volunteers.read', 'volunteers.write'],
      grid_worker: ['mediation.read', 'mediation.write', 'volunteers.read', 'volunteers.write'],
      branch_secretary: ['mediation.read', 'mediation.write', 'volunteers.read', 'volunteers.write'],
      owners_committee: ['mediation.read', 'volunteers.read'],
      building_leader: [],
      central_household: [],
      property_manager: [],
      department_handler: [],
      auditor: [],
      resident: [],
    };
    expect(actionsAt(actor(role, '/1/2/3/'), mediationPolicy, CASE)).toEqual(expected[role]);
  });

  it.each(ROLES)('%s of another compound may do nothing', (role) => {
    expect(actionsAt(actor(role, '/1/2/4/'), mediationPolicy, CASE)).toEqual([]);
  });
});
