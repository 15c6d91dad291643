import { forbidden, notFound } from './errors.ts';
import type { Level } from '../db/schema.ts';

/** Roles are held at a node of the organisation tree and reach its whole subtree. */
export const ROLES = [
  'street_admin', // 街道管理员
  'community_staff', // 社区工作人员
  'grid_worker', // 网格员
  'branch_secretary', // 小区党支部书记
  'building_leader', // 红色楼栋长
  'central_household', // 党员中心户
  'owners_committee', // 业委会
  'property_manager', // 物业
  'department_handler', // 职能部门经办人
  // 审计员: reads (and verifies) the audit log of its subtree and changes nothing. Who administers accounts is not
  // who audits them (三员分立): no policy but the audit log's may list it, and it never goes with a managing role.
  'auditor',
  'resident', // 居民
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface Grant {
  id: number;
  role: Role;
  unitId: number;
  unitName: string;
  unitLevel: Level;
  path: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  language: string;
  residentId: number | null;
  grants: Grant[];
}

/** A policy: for each action, the roles that may take it (deny by default: an action not listed is denied). */
export type Policy<A extends string> = Readonly<Record<A, readonly Role[]>>;

/** Does any of the actor's grants reach `path`? Outside every grant the target is invisible (404). */
export function canSee(actor: Actor, path: string): boolean {
  return actor.grants.some((g) => path.startsWith(g.path));
}

export function canAt(actor: Actor, roles: readonly Role[], path: string): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && path.startsWith(g.path));
}

/**
 * Throws NOT_FOUND when the target lies outside the actor's part of the tree (never reveal what one may not
 * see) and FORBIDDEN when it is visible but no role held over it allows the action.
 */
export function authorize(actor: Actor, roles: readonly Role[], path: string, what?: string): void {
  if (!canSee(actor, path)) throw notFound(what);
  if (!canAt(actor, roles, path)) throw forbidden();
}

/** The subtree roots where the actor may take an action, minimal (no root inside another); for list filters. */
export function scopesFor(actor: Actor, roles: readonly Role[]): string[] {
  const paths = actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.path);
  return minimalPaths(paths);
}

/** All subtree roots the actor can see. */
export function visibleScopes(actor: Actor): string[] {
  return minimalPaths(actor.grants.map((g) => g.path));
}

export function minimalPaths(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((o) => p.startsWith(o))) out.push(p);
  return out;
}

/** The actions of a policy that the actor may take somewhere. */
export function heldActions<A extends string>(actor: Actor, policy: Policy<A>): A[] {
  const roles = new Set(actor.grants.map((g) => g.role));
  return (Object.keys(policy) as A[]).filter((a) => policy[a].some((r) => roles.has(r)));
}

/** The actions of a policy that the actor may take on a target at `path`. */
export function actionsAt<A extends string>(actor: Actor, policy: Policy<A>, path: string): A[] {
  return (Object.keys(policy) as A[]).filter((a) => canAt(actor, policy[a], path));
}

/** For actions without a single target (lists, creating at one's own node): the actor must hold a role somewhere. */
export function requireAnywhere(actor: Actor, roles: readonly Role[]): void {
  if (!actor.grants.some((g) => roles.includes(g.role))) throw forbidden();
}
