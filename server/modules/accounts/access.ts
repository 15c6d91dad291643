import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { isRole, requireAnywhere, scopesFor, type Actor, type Role } from '../../core/policy.ts';
import { accountsPolicy, grantAllowedBy, MANAGING_ROLES } from './policy.ts';
import { getAccount, grantsOf, type AccountRow } from './queries.ts';

/** May the actor grant (or revoke) `role` at a node with this path? */
export function mayGrant(actor: Actor, role: Role, path: string): boolean {
  return actor.grants.some((g) => grantAllowedBy(g, role, path));
}

/**
 * May the actor change this account at all (password, disabling, name, roles)? Never their own; an account
 * with roles only when every role it holds is one the actor may grant where it is held (so nobody reaches an
 * account at their own level or above through a low grant it also holds); an account without roles when it was
 * created inside the actor's subtree.
 */
export function mayManage(actor: Actor, account: Pick<AccountRow, 'id' | 'home_path'>, grants: readonly { role: string; path: string }[]): boolean {
  if (account.id === actor.userId) return false;
  if (grants.length === 0) return actor.grants.some((g) => MANAGING_ROLES.includes(g.role) && account.home_path.startsWith(g.path));
  return grants.every((g) => isRole(g.role) && mayGrant(actor, g.role, g.path));
}

/**
 * Loads an account for a change. NOT_FOUND (404) when it is outside what the actor may see (created under, or
 * holding a role inside, the actor's scopes); FORBIDDEN (403) when it is visible but not the actor's to change.
 */
export async function accountFor(ctx: Ctx, id: number) {
  requireAnywhere(ctx.actor, accountsPolicy['accounts.manage']);
  const scopes = scopesFor(ctx.actor, accountsPolicy['accounts.manage']);
  const account = await getAccount(ctx.db, id);
  if (!account) throw notFound('account');
  const grants = await grantsOf(ctx.db, [id]);
  const inScope = (path: string) => scopes.some((s) => path.startsWith(s));
  if (!inScope(account.home_path) && !grants.some((g) => inScope(g.path))) throw notFound('account');
  if (!mayManage(ctx.actor, account, grants)) throw forbidden();
  return { account, grants };
}
