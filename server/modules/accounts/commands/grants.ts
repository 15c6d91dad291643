import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, notFound, ruleBroken } from '../../../core/errors.ts';
import type { Role } from '../../../core/policy.ts';
import { mayGrant } from '../access.ts';
import { separationConflict } from '../policy.ts';
import type { AccountRow, GrantRow } from '../queries.ts';

/**
 * Gives an account a role at a node. Throws ROLE_NOT_GRANTABLE (422) when the actor may not hand out that role
 * there (community staff cannot make street admins), AUDITOR_SEPARATION (422) when the account would both manage
 * accounts and audit (三员分立), and GRANT_EXISTS (409) for a duplicate.
 */
export async function grantRole(ctx: Ctx, account: AccountRow, grants: GrantRow[], role: Role, unit: { id: number; path: string }): Promise<void> {
  if (!mayGrant(ctx.actor, role, unit.path)) throw ruleBroken('ROLE_NOT_GRANTABLE', `You cannot grant ${role} at this node`);
  if (separationConflict(role, grants.map((g) => g.role))) {
    throw ruleBroken('AUDITOR_SEPARATION', 'An auditor cannot manage accounts, and an account manager cannot be an auditor');
  }
  await ctx.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('role_grants').select('id').where('user_id', '=', account.id).where('role', '=', role).where('unit_id', '=', unit.id).executeTakeFirst();
    if (existing) throw conflict('GRANT_EXISTS', 'The account already holds this role at this node');
    const row = await tx.insertInto('role_grants').values({ user_id: account.id, role, unit_id: unit.id, created_at: ctx.clock.now().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'account.grant', subjectType: 'user', subjectId: account.id, path: unit.path, after: { grantId: row.id, role, unitId: unit.id } });
  });
}

/** Takes a role away. Throws NOT_FOUND for a grant of another account and ROLE_NOT_GRANTABLE as above. */
export async function revokeRole(ctx: Ctx, account: AccountRow, grants: GrantRow[], grantId: number): Promise<void> {
  const grant = grants.find((g) => g.id === grantId);
  if (!grant) throw notFound('role grant');
  if (!mayGrant(ctx.actor, grant.role as Role, grant.path)) throw ruleBroken('ROLE_NOT_GRANTABLE', `You cannot revoke ${grant.role} at this node`);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('role_grants').where('id', '=', grant.id).execute();
    await recordAudit(tx, ctx, { action: 'account.revoke', subjectType: 'user', subjectId: account.id, path: grant.path, before: { grantId: grant.id, role: grant.role, unitId: grant.unit_id } });
  });
}
