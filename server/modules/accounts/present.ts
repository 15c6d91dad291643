import type { Actor } from '../../core/policy.ts';
import { mayManage } from './access.ts';
import type { AccountRow, GrantRow } from './queries.ts';
import type { AccountT } from './schemas.ts';

/** An account as a manager sees it, with whether this manager may change it (so the page never re-derives it). */
export function presentAccount(actor: Actor, a: AccountRow, grants: GrantRow[]): AccountT {
  const own = grants.filter((g) => g.user_id === a.id);
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    language: a.language,
    disabled: Boolean(a.disabled),
    mustChangePassword: Boolean(a.must_change_password),
    manageable: mayManage(actor, a, own),
    roles: own.map((g) => ({ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.unit_name })),
  };
}
