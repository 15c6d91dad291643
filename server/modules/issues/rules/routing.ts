import type { BodyKind, IssueSize } from '../../../db/schema.ts';

/**
 * 小事不出楼栋，大事不出小区: an issue goes to the lowest level that can fix it. Pure: the facts about the
 * place (who leads the building, which bodies the compound has, what its routing table says) come in.
 */

/** Where an issue sits: building, compound (a body of the four-party platform), the 四方议事 meeting, or above. */
export type HandlingLevel = 'building' | 'compound' | 'meeting' | 'community' | 'street' | 'department';
export const HANDLING_LEVELS = ['building', 'compound', 'meeting', 'community', 'street', 'department'] as const satisfies readonly HandlingLevel[];

export type HandlerKind =
  | 'building_leader' // 红色楼栋长
  | 'contact_leader' // 联户长
  | 'grid_worker' // 网格员
  | 'body' // 物业 / 业委会 / 小区党支部
  | 'meeting' // 四方议事 queue
  | 'unit' // community or street staff
  | 'department' // external department (住建, 城管 …)
  | 'dispatch'; // waiting for someone at this level to dispatch it

export interface Person {
  userId: number;
  name: string;
}

export interface Target {
  level: HandlingLevel;
  kind: HandlerKind;
  /** The node of the tree the handler sits at (the street for departments). */
  path: string;
  bodyId: number | null;
  departmentId: number | null;
  userId: number | null;
  name: string | null;
}

export interface PlaceFacts {
  size: IssueSize;
  building: { path: string; leader: Person | null; contactLeader: Person | null; gridWorker: Person | null } | null;
  compound: { path: string; bodies: { kind: BodyKind; id: number; name: string }[]; routedTo: BodyKind | null };
}

const none = { bodyId: null, departmentId: null, userId: null, name: null };

export const dispatchAt = (level: HandlingLevel, path: string): Target => ({ level, kind: 'dispatch', path, ...none });

/** The handler a new issue goes to. */
export function routeIssue(f: PlaceFacts): Target {
  const { building, compound } = f;
  if (f.size === 'hard') return { level: 'meeting', kind: 'meeting', path: compound.path, ...none };
  if (f.size === 'small' && building) {
    const person: [HandlerKind, Person | null][] = [
      ['building_leader', building.leader],
      ['contact_leader', building.contactLeader],
      ['grid_worker', building.gridWorker],
    ];
    for (const [kind, p] of person) {
      if (p) return { level: 'building', kind, path: building.path, bodyId: null, departmentId: null, userId: p.userId, name: p.name };
    }
  }
  // A 大事, or a 小事 of a common area (no building to fix it): the body that owns the category.
  const preferred: BodyKind[] = [f.compound.routedTo ?? 'property', 'property', 'party_branch'];
  for (const kind of preferred) {
    const body = compound.bodies.find((b) => b.kind === kind);
    if (body) return { level: 'compound', kind: 'body', path: compound.path, bodyId: body.id, departmentId: null, userId: null, name: body.name };
  }
  return dispatchAt('compound', compound.path);
}

/** The parent of a tree path: /1/2/3/ → /1/2/. */
export function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

/** Depth of a path: /1/ is 1 (street), /1/2/ 2 (community), /1/2/3/ 3 (compound), /1/2/3/4/ 4 (building). */
export const depthOf = (path: string): number => path.split('/').length - 2;

/** Cuts a path to a depth: the compound of a building is its path at depth 3. */
export function ancestorAt(path: string, depth: number): string {
  return `/${path.split('/').slice(1, depth + 1).join('/')}/`;
}

/** Who dispatches at this level: the compound for its buildings and bodies, else the level itself. */
export function dispatcherPath(level: HandlingLevel, handlerPath: string): string {
  if (level === 'building') return ancestorAt(handlerPath, 3);
  return handlerPath;
}

/** The level above, which supervises (督办) and approves extensions; the street supervises itself. */
export function supervisorPath(level: HandlingLevel, handlerPath: string): string {
  switch (level) {
    case 'building':
      return ancestorAt(handlerPath, 3);
    case 'compound':
    case 'meeting':
      return ancestorAt(handlerPath, 2);
    case 'community':
    case 'street':
    case 'department':
      return ancestorAt(handlerPath, 1);
    default: {
      const never: never = level;
      return never;
    }
  }
}

/** Where an escalation (上报), or a second return, lands: the dispatch queue of the next level up. */
export function escalationTarget(level: HandlingLevel, handlerPath: string): Target | null {
  switch (level) {
    case 'building':
      return dispatchAt('compound', ancestorAt(handlerPath, 3));
    case 'compound':
    case 'meeting':
      return dispatchAt('community', ancestorAt(handlerPath, 2));
    case 'community':
      return dispatchAt('street', ancestorAt(handlerPath, 1));
    case 'street':
    case 'department':
      return null;
    default: {
      const never: never = level;
      return never;
    }
  }
}

/** Was the issue settled where the mechanism wants it: a 小事 in the building, a 大事 in the compound? */
export function settledLocally(size: IssueSize, level: HandlingLevel): boolean {
  if (size === 'small') return level === 'building';
  if (size === 'major') return level === 'building' || level === 'compound';
  return level === 'building' || level === 'compound' || level === 'meeting';
}
