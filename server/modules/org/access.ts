import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { authorize } from '../../core/policy.ts';
import { orgPolicy, type OrgAction } from './policy.ts';
import { getBody, getHousehold, getResident, getUnit, type UnitRow } from './queries.ts';
import { ReadCache } from '../../core/readCache.ts';

// Load a target and authorise the actor on it in one step; outside the actor's tree everything is 404.

// Units are read on nearly every request and change rarely: kept while the data is unchanged.
const unitCaches = new WeakMap<Ctx['db'], ReadCache<UnitRow | undefined>>();

/** A unit by id, kept while org_units is unchanged (no authorisation: callers authorise). */
export function cachedUnit(ctx: Ctx, id: number): Promise<UnitRow | undefined> {
  let cache = unitCaches.get(ctx.db);
  if (!cache) {
    cache = new ReadCache<UnitRow | undefined>(ctx.generation, 2000, ['org_units']);
    unitCaches.set(ctx.db, cache);
  }
  return cache.getOrCompute(String(id), () => getUnit(ctx.db, id));
}

export async function unitFor(ctx: Ctx, id: number, action: OrgAction) {
  const unit = await cachedUnit(ctx, id);
  if (!unit) throw notFound('unit');
  authorize(ctx.actor, orgPolicy[action], unit.path, 'unit');
  return unit;
}

export async function householdFor(ctx: Ctx, id: number, action: OrgAction) {
  const household = await getHousehold(ctx.db, id);
  if (!household) throw notFound('household');
  authorize(ctx.actor, orgPolicy[action], household.path, 'household');
  return household;
}

export async function residentFor(ctx: Ctx, id: number, action: OrgAction) {
  const resident = await getResident(ctx.db, id);
  if (!resident) throw notFound('resident');
  authorize(ctx.actor, orgPolicy[action], resident.path, 'resident');
  return resident;
}

export async function bodyFor(ctx: Ctx, id: number, action: OrgAction) {
  const body = await getBody(ctx.db, id);
  if (!body) throw notFound('body');
  authorize(ctx.actor, orgPolicy[action], body.path, 'body');
  return body;
}
