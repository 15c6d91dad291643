import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { authorize } from '../../core/policy.ts';
import { getUnit, type UnitRow } from '../org/index.ts';
import { mediationPolicy, type MediationAction } from './policy.ts';
import { getCase, getVolunteer, type CaseRow, type VolunteerRow } from './queries.ts';

// Load a target and authorise the actor on it in one step; outside the actor's tree everything is 404.

export async function caseFor(ctx: Ctx, id: number, action: MediationAction): Promise<CaseRow> {
  const found = await getCase(ctx.db, id);
  if (!found) throw notFound('mediation case');
  authorize(ctx.actor, mediationPolicy[action], found.path, 'mediation case');
  return found;
}

export async function volunteerFor(ctx: Ctx, id: number, action: MediationAction): Promise<VolunteerRow> {
  const found = await getVolunteer(ctx.db, id);
  if (!found) throw notFound('volunteer');
  authorize(ctx.actor, mediationPolicy[action], found.path, 'volunteer');
  return found;
}

export async function unitFor(ctx: Ctx, id: number, action: MediationAction): Promise<UnitRow> {
  const unit = await getUnit(ctx.db, id);
  if (!unit) throw notFound('unit');
  authorize(ctx.actor, mediationPolicy[action], unit.path, 'unit');
  return unit;
}
