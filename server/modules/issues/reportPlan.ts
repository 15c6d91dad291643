import type { Services } from '../../core/context.ts';
import { invalid, notFound, ruleBroken } from '../../core/errors.ts';
import { ReadCache } from '../../core/readCache.ts';
import { getHousehold, getUnit } from '../org/index.ts';
import { deadlineRule, getCategory, placeFacts, type CategoryRow, type DeadlineRule } from './queries.ts';
import { ancestorAt, depthOf, routeIssue, type Target } from './rules/routing.ts';
import { handlerUsers } from './commands/shared.ts';

/** Where a report is about: a building or compound unit of the tree (and the household, for a room). */
export interface Place {
  unit: { id: number; level: string; name: string; path: string };
  building: { id: number; level: string; name: string; path: string } | null;
  compoundId: number;
  compoundPath: string;
}

/**
 * Everything a report needs before it is written, none of which depends on the report's text or time: the
 * category, the place, the routing target (who gets it), the deadline rule of that level and the accounts to
 * tell. The same building, room and category always give the same plan while the tables it was read from are
 * unchanged, so it is kept until one of them is written to (SQLite; computed every time on PostgreSQL).
 */
export interface ReportPlan {
  category: CategoryRow;
  place: Place;
  target: Target;
  rule: DeadlineRule | null;
  notify: number[];
}

/** The tables a plan is read from (see placeFacts, handlerUsers): a write to any of them drops cached plans. */
const PLAN_TABLES = [
  'issue_categories',
  'org_units',
  'households',
  'bodies',
  'issue_routes',
  'issue_deadline_rules',
  'building_leaders',
  'users',
  'contact_groups',
  'contact_group_households',
  'grids',
  'grid_units',
  'role_grants',
] as const;

const plans = new WeakMap<Services['db'], ReadCache<ReportPlan>>();

export function reportPlan(services: Services, q: { unitId: number; householdId: number | null; categoryId: number }): Promise<ReportPlan> {
  let cache = plans.get(services.db);
  if (!cache) {
    cache = new ReadCache<ReportPlan>(services.generation, 5000, PLAN_TABLES);
    plans.set(services.db, cache);
  }
  return cache.getOrCompute(`${q.unitId}|${q.householdId ?? ''}|${q.categoryId}`, () => computePlan(services, q));
}

async function computePlan(services: Services, q: { unitId: number; householdId: number | null; categoryId: number }): Promise<ReportPlan> {
  const { db } = services;
  const category = await getCategory(db, q.categoryId);
  if (!category || !category.active) throw invalid('Unknown category', [{ path: 'categoryId', message: 'unknown or retired category' }]);
  const place = await placeOf(services, q.unitId, q.householdId);
  if (depthOf(place.compoundPath) !== 3) throw ruleBroken('INVALID_PLACE', 'The place is not inside a compound');
  const facts = await placeFacts(
    db,
    { buildingId: place.building?.id ?? null, buildingPath: place.building?.path ?? null, compoundId: place.compoundId, compoundPath: place.compoundPath, householdId: q.householdId },
    category.id,
    category.default_size,
  );
  const target = routeIssue(facts);
  const dispatched = target.kind !== 'dispatch';
  const rule = dispatched && target.level !== 'meeting' ? ((await deadlineRule(db, target.level, category.id)) ?? null) : null;
  return { category, place, target, rule, notify: await handlerUsers(db, target) };
}

/** The place of a report: a building or compound unit of the tree, and the household if a room is named. */
export async function placeOf(services: Pick<Services, 'db'>, unitId: number, householdId: number | null | undefined): Promise<Place> {
  const { db } = services;
  const unit = await getUnit(db, unitId);
  if (!unit) throw notFound('unit');
  if (unit.level !== 'building' && unit.level !== 'compound') {
    throw invalid('An issue is reported at a building or a compound', [{ path: 'unitId', message: 'not a building or compound' }]);
  }
  if (householdId) {
    const h = await getHousehold(db, householdId);
    if (!h || h.building_id !== unit.id) throw invalid('The room is not in this building', [{ path: 'householdId', message: 'not in this building' }]);
  }
  const compoundPath = ancestorAt(unit.path, 3);
  const compoundId = Number(compoundPath.split('/')[3]);
  return { unit, building: unit.level === 'building' ? unit : null, compoundId, compoundPath };
}
