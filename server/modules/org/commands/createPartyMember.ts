import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, notFound, ruleBroken } from '../../../core/errors.ts';
import { authorize } from '../../../core/policy.ts';
import { orgPolicy } from '../policy.ts';
import { getBody, type ResidentRow } from '../queries.ts';

/**
 * Registers a resident as a party member of a compound's party branch. Throws PARTY_MEMBER_EXISTS (409) and
 * NOT_A_PARTY_BRANCH (422) when the branch is another kind of body or belongs elsewhere.
 */
export async function createPartyMember(
  ctx: Ctx,
  resident: ResidentRow,
  input: { branchId: number; partyGroup?: string; joinedOn?: string; status: 'full' | 'probationary' },
): Promise<number> {
  const branch = await getBody(ctx.db, input.branchId);
  if (!branch) throw notFound('party branch');
  authorize(ctx.actor, orgPolicy['party.write'], branch.path, 'party branch');
  if (branch.kind !== 'party_branch') throw ruleBroken('NOT_A_PARTY_BRANCH', 'Members join a party branch (小区党支部)');
  if (!resident.path.startsWith(branch.path)) throw ruleBroken('NOT_A_PARTY_BRANCH', 'The branch must be the one of the compound the resident lives in');
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('party_members').select('id').where('resident_id', '=', resident.id).executeTakeFirst();
    if (existing) throw conflict('PARTY_MEMBER_EXISTS', 'This resident is already registered as a party member');
    const row = await tx
      .insertInto('party_members')
      .values({ resident_id: resident.id, branch_id: branch.id, path: resident.path, party_group: input.partyGroup ?? null, joined_on: input.joinedOn ?? null, status: input.status, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'party_member.create', subjectType: 'party_member', subjectId: row.id, path: resident.path, after: { residentId: resident.id, ...input } });
    return row.id;
  });
}
