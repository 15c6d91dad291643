import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { requireAnywhere, scopesFor, type Actor, type Role } from '../../core/policy.ts';
import { accountsPolicy, grantableRoles } from './policy.ts';
import { getAccount, grantsOf } from './queries.ts';

/** Loads an account the actor manages: created under, or holding a role inside, the actor's scopes. */
export async function accountFor(ctx: Ctx, id: number) {
  requireAnywhere(ctx.actor, accountsPolicy['accounts.manage']);
  const scopes = scopesFor(ctx.actor, accountsPolicy['accounts.manage']);
  const account = await getAccount(ctx.db, id);
  if (!account) throw notFound('account');
  const grants = await grantsOf(ctx.db, [id]);
  const inScope = (path: string) => scopes.some((s) => path.startsWith(s));
  if (!inScope(account.home_path) && !grants.some((g) => inScope(g.path))) throw notFound('account');
  if (account.id === ctx.actor.userId) throw forbidden();
  return { account, grants };
}

/** May the actor grant (or revoke) `role` at a node with this path? Only roles below one's own, inside one's subtree. */
export function mayGrant(actor: Actor, role: Role, path: string): boolean {
  return actor.grants.some((g) => path.startsWith(g.path) && grantableRoles(g.role).includes(role));
}
