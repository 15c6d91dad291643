/** Actions the server records today; the filter offers these, the table shows any code it receives. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.locked',
  'user.language',
  'account.create',
  'account.update',
  'account.grant',
  'account.revoke',
  'unit.create',
  'household.create',
  'household.update',
  'resident.create',
  'resident.update',
  'resident.reveal',
  'party_member.create',
  'org.import',
  'org.export',
  'demo.load',
] as const;

export const SUBJECT_TYPES = ['user', 'org_unit', 'household', 'resident', 'party_member'] as const;
