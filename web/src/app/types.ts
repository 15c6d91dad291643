/** Shapes of the HTTP API (docs/api.md). Ids are kept opaque: the UI only compares and interpolates them. */
export type Id = string | number;

export const LANGUAGES = ['zh-CN', 'bo', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LEVELS = ['street', 'community', 'compound', 'building'] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = [
  'street_admin',
  'community_staff',
  'grid_worker',
  'branch_secretary',
  'building_leader',
  'central_household',
  'owners_committee',
  'property_manager',
  'department_handler',
  'auditor', // 审计员: reads the audit log, changes nothing
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const RELATIONS = ['owner', 'member', 'tenant'] as const;
export type Relation = (typeof RELATIONS)[number];

export const BODY_KINDS = ['party_branch', 'owners_committee', 'property'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const POSITIONS = [
  'secretary',
  'deputy_secretary',
  'committee_member',
  'director',
  'deputy_director',
  'member',
  'manager',
] as const;

export const AGE_BANDS = ['0-17', '18-34', '35-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'LOGIN_LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION_FAILED',
  'IMPORT_REJECTED',
  'CSRF_TOKEN_INVALID',
  'RATE_LIMITED',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
  'USERNAME_TAKEN',
  'ROLE_NOT_GRANTABLE',
  'INVALID_PARENT',
  'HOUSEHOLD_EXISTS',
  'RESIDENT_DUPLICATE_ID',
  'PARTY_MEMBER_EXISTS',
  'NOT_A_PARTY_BRANCH',
  'IMPORT_UNREADABLE',
  'IMPORT_EMPTY',
  'IMPORT_BAD_HEADERS',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'PRIVACY_CONFIRMATION_MISMATCH',
  'PRIVACY_ALREADY_ANONYMISED',
  // Client-side only: the request never reached the server or the answer was not JSON.
  'NETWORK',
] as const;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface RoleGrant {
  id: Id;
  role: Role;
  unitId: Id;
  unitName: string;
  unitLevel: Level;
}

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  language: Language;
  roles: RoleGrant[];
  permissions: string[];
  /** The password was set by someone else: nothing but changing it works until it is changed. */
  mustChangePassword: boolean;
}

export interface TreeNode {
  id: Id;
  name: string;
  level: Level;
  children: TreeNode[];
}

export interface UnitRef {
  id: Id;
  name: string;
  level: Level;
}

export interface Unit extends UnitRef {
  parentId: Id | null;
  path: string;
  ancestors: UnitRef[];
  children: UnitRef[];
  /** A building's 红色楼栋长; null for other levels or when none is appointed. */
  leader: { name: string } | null;
  actions: string[];
}

export interface Summary {
  buildings: number;
  households: number;
  residents: number;
  partyMembers: number;
  centralHouseholds: number;
  buildingLeaders: number;
}

export interface ChildStats extends UnitRef {
  households: number;
  residents: number;
  partyMembers: number;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface Stats {
  byChild: ChildStats[];
  ethnicity: KeyCount[];
  ageBands: { band: AgeBand; count: number }[];
  gender: KeyCount[];
}

export interface Person {
  name: string;
  role: Role;
}

export interface BodyMember {
  id: Id;
  name: string;
  position: string;
}

export interface Body {
  id: Id;
  kind: BodyKind;
  name: string;
  unitId: Id;
  foundedOn: string | null;
  termStart: string | null;
  termEnd: string | null;
  company: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  members: BodyMember[];
}

export interface Platform {
  community: { id: Id; name: string; staff: Person[] };
  partyBranch: Body | null;
  ownersCommittee: Body | null;
  property: Body | null;
}

export interface BuildingTile {
  id: Id;
  name: string;
  households: number;
  residents: number;
  /** Filled once the issues module exists; absent until then. */
  openIssues?: number;
  leader: { name: string } | null;
}

export interface Household {
  id: Id;
  buildingId: Id;
  buildingName: string;
  compoundName: string;
  unitNo: string | number;
  floor: number;
  room: string | number;
  area: number | null;
  label: string;
  residents: number;
}

export interface Resident {
  id: Id;
  householdId: Id | null;
  householdLabel: string;
  unitId: Id;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string | null;
  phone: string | null;
  idNumber: string | null;
  masked: boolean;
  relation: Relation;
  isPartyMember: boolean;
}

/** `GET /org/households/:id`: here `residents` is the list, not the count. */
export interface HouseholdDetail extends Omit<Household, 'residents'> {
  residents: Resident[];
}

export interface PartyMember {
  id: Id;
  residentId: Id;
  name: string;
  branchId: Id | null;
  branchName: string | null;
  partyGroup: string | null;
  joinedOn: string | null;
  status: string;
  isCentralHousehold: boolean;
}

export interface CentralHousehold {
  id: Id;
  partyMemberId: Id;
  name: string;
  households: { id: Id; label: string }[];
}

export interface Grid {
  id: Id;
  name: string;
  worker: string;
  units: { id: Id; name: string }[];
}

export interface ContactGroup {
  id: Id;
  name: string;
  leader: string | null;
  households: number;
}

export interface Account {
  id: Id;
  username: string;
  displayName: string;
  language: Language;
  disabled: boolean;
  /** Set by a manager and not yet replaced by its holder. */
  mustChangePassword: boolean;
  /** May the signed-in manager change this account (every role it holds is theirs to grant)? */
  manageable: boolean;
  roles: { id: Id; role: Role; unitId: Id; unitName: string }[];
}

export interface AuditEntry {
  id: Id;
  at: string;
  actorName: string;
  actorDisplayName: string | null;
  action: string;
  subjectType: string;
  subjectId: Id | null;
  before: unknown;
  after: unknown;
}

export interface ImportResult {
  households: number;
  residents: number;
  updatedHouseholds?: number;
}

export interface RejectedRow {
  row: number;
  reason: string;
}
