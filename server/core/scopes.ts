import type { DbOrTx } from './db.ts';
import { notFound } from './errors.ts';
import { authorize, requireAnywhere, scopesFor, type Actor, type Role } from './policy.ts';

/** Reads a unit of the organisation tree (the org module's `getUnit` fits); core does not read its tables. */
export type UnitReader<U extends { path: string }> = (db: DbOrTx, id: number) => Promise<U | undefined>;

interface Asking {
  db: DbOrTx;
  actor: Actor;
}

/**
 * The unit an action is to be taken at, once authorised there: NOT_FOUND when it does not exist or lies outside
 * the actor's tree, FORBIDDEN when it is visible but no role held over it allows the action.
 */
export async function unitAllowing<U extends { path: string }>(ctx: Asking, roles: readonly Role[], unitId: number, readUnit: UnitReader<U>): Promise<U> {
  const unit = await readUnit(ctx.db, unitId);
  if (!unit) throw notFound('unit');
  authorize(ctx.actor, roles, unit.path, 'unit');
  return unit;
}

/**
 * The subtrees a list reads within, for the roles an action needs. With a unit: that unit's subtree, once the
 * action is authorised there (as `unitAllowing`). Without one: every subtree where the actor holds such a role
 * (FORBIDDEN when they hold it nowhere).
 */
export async function listScopes(ctx: Asking, roles: readonly Role[], unitId: number | undefined, readUnit: UnitReader<{ path: string }>): Promise<string[]> {
  if (unitId) return [(await unitAllowing(ctx, roles, unitId, readUnit)).path];
  requireAnywhere(ctx.actor, roles);
  return scopesFor(ctx.actor, roles);
}
