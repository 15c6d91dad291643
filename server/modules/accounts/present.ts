import type { AccountRow, GrantRow } from './queries.ts';
import type { AccountT } from './schemas.ts';

export function presentAccount(a: AccountRow, grants: GrantRow[]): AccountT {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    language: a.language,
    disabled: Boolean(a.disabled),
    roles: grants.filter((g) => g.user_id === a.id).map((g) => ({ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.unit_name })),
  };
}
