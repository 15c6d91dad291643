import { heldActions, type Actor } from '../../core/policy.ts';
import { accountsPolicy } from '../accounts/index.ts';
import { auditPolicy } from '../audit/index.ts';
import { issuesPolicy } from '../issues/index.ts';
import { mediationPolicy } from '../mediation/index.ts';
import { notifyPolicy } from '../notify/index.ts';
import { orgPolicy } from '../org/index.ts';
import type { MeResponse } from './schemas.ts';

export function presentMe(actor: Actor, mustChangePassword: boolean): MeResponse {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    language: actor.language,
    roles: actor.grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, unitName: g.unitName, unitLevel: g.unitLevel })),
    permissions: [...heldActions(actor, orgPolicy), ...heldActions(actor, accountsPolicy), ...heldActions(actor, auditPolicy), ...heldActions(actor, issuesPolicy), ...heldActions(actor, mediationPolicy), ...heldActions(actor, notifyPolicy)],
    mustChangePassword,
  };
}
