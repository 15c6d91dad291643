import { DomainError } from '../../core/errors.ts';
import { canAt, type Actor, type Policy, type Role } from '../../core/policy.ts';
import type { BodyKind } from '../../db/schema.ts';
import type { Relation } from './rules/lifecycle.ts';
import { dispatcherPath, supervisorPath, type HandlingLevel } from './rules/routing.ts';

const STAFF: Role[] = ['street_admin', 'community_staff'];
const FRONT_LINE: Role[] = [...STAFF, 'grid_worker'];
const FOUR_PARTY: Role[] = ['branch_secretary', 'owners_committee', 'property_manager'];

/** Who may do what with issues beyond a single issue's workflow; anything not listed is denied. */
export type IssuesAction = 'issues.read' | 'issues.report' | 'issues.configure' | 'issues.import' | 'open311.keys';

export const issuesPolicy: Policy<IssuesAction> = {
  // Work queues: everyone who handles issues somewhere in their subtree.
  'issues.read': [...FRONT_LINE, ...FOUR_PARTY, 'building_leader', 'central_household', 'department_handler'],
  // Reporting on behalf of residents (station visit, door-knock, meeting) or as a resident.
  'issues.report': [...FRONT_LINE, ...FOUR_PARTY, 'building_leader', 'central_household', 'resident'],
  'issues.configure': STAFF,
  'issues.import': FRONT_LINE,
  'open311.keys': STAFF,
};

/** Which roles act as a compound body (四方 platform) when an issue is routed to it. */
export const BODY_ROLES: Record<BodyKind, Role> = {
  property: 'property_manager',
  owners_committee: 'owners_committee',
  party_branch: 'branch_secretary',
};

const DISPATCH_ROLES: Record<HandlingLevel, readonly Role[]> = {
  building: ['branch_secretary', ...FRONT_LINE],
  compound: ['branch_secretary', ...FRONT_LINE],
  meeting: ['branch_secretary', ...FRONT_LINE],
  community: FRONT_LINE,
  street: ['street_admin'],
  department: ['street_admin'],
};

const SUPERVISE_ROLES: readonly Role[] = ['branch_secretary', ...STAFF];

export interface IssueAccess {
  path: string;
  level: HandlingLevel;
  handlerKind: string;
  handlerPath: string;
  handlerBodyKind: BodyKind | null;
  assigneeUserId: number | null;
  reporterUserId: number | null;
}

/** May the actor see this issue at all? Its place in their subtree, its handler's node, or they reported it. */
export function canSeeIssue(actor: Actor, a: IssueAccess): boolean {
  if (a.reporterUserId === actor.userId || a.assigneeUserId === actor.userId) return true;
  const handlers = actor.grants.filter((g) => g.role !== 'resident');
  return handlers.some((g) => a.path.startsWith(g.path) || a.handlerPath.startsWith(g.path));
}

/** What the actor is to this issue: its handler, its dispatcher, its supervisor, its reporter. */
export function relationOf(actor: Actor, a: IssueAccess): Relation {
  return {
    handler: isHandler(actor, a),
    dispatcher: canAt(actor, DISPATCH_ROLES[a.level], dispatcherPath(a.level, a.handlerPath)),
    supervisor: canAt(actor, SUPERVISE_ROLES, supervisorPath(a.level, a.handlerPath)),
    reporter: a.reporterUserId !== null && a.reporterUserId === actor.userId,
  };
}

function isHandler(actor: Actor, a: IssueAccess): boolean {
  switch (a.handlerKind) {
    case 'building_leader':
    case 'contact_leader':
    case 'grid_worker':
      return a.assigneeUserId === actor.userId;
    case 'body':
      return a.handlerBodyKind !== null && canAt(actor, [BODY_ROLES[a.handlerBodyKind]], a.handlerPath);
    case 'meeting':
      return canAt(actor, ['branch_secretary', ...STAFF], a.handlerPath);
    case 'unit':
      return canAt(actor, a.level === 'community' ? FRONT_LINE : ['street_admin'], a.handlerPath);
    case 'department':
      return canAt(actor, ['department_handler', 'street_admin'], a.handlerPath);
    default:
      return false;
  }
}

/**
 * A signed-in resident (no other role) reports about their own flat or the common parts of the places they may
 * report in (building, compound), in their own name: never about a neighbour's flat, never as someone else.
 * Staff reporting on a resident's behalf (a door-knock, the station) are not limited by this. Throws 403.
 */
export function checkResidentReport(actor: Actor, r: { householdId: number | null; ownHouseholdId: number | null; reporterName: string | null | undefined }): void {
  if (r.householdId !== null && r.householdId !== r.ownHouseholdId) {
    throw new DomainError('forbidden', 'NOT_YOUR_HOUSEHOLD', 'Residents report about their own flat or the common parts of the building or compound');
  }
  const name = r.reporterName?.trim();
  if (name && name !== actor.displayName) throw new DomainError('forbidden', 'REPORT_IN_OWN_NAME', 'Residents report in their own name');
}
