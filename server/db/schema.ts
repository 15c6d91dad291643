import type { Generated } from 'kysely';

// Row types of the tables created by the numbered migrations. Timestamps are ISO-8601 UTC strings on both
// databases; booleans are 0/1 integers so SQLite and PostgreSQL return the same values.

export type Level = 'street' | 'community' | 'compound' | 'building';

export interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  level: Level;
  name: string;
  path: string;
  sort: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface HouseholdTable {
  id: Generated<number>;
  building_id: number;
  path: string;
  unit_no: number;
  floor: number;
  room: string;
  area: number;
  created_at: string;
  updated_at: string;
}

export interface ResidentTable {
  id: Generated<number>;
  household_id: number | null;
  unit_id: number;
  path: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth_date: string | null;
  relation: 'owner' | 'member' | 'tenant';
  phone_enc: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  id_no_enc: string | null;
  id_no_masked: string | null;
  id_no_hash: string | null;
  created_at: string;
  updated_at: string;
}

export type BodyKind = 'party_branch' | 'owners_committee' | 'property';

export interface BodyTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  kind: BodyKind;
  name: string;
  founded_on: string | null;
  term_start: string | null;
  term_end: string | null;
  company: string | null;
  contract_start: string | null;
  contract_end: string | null;
  created_at: string;
  updated_at: string;
}

export interface BodyMemberTable {
  id: Generated<number>;
  body_id: number;
  resident_id: number | null;
  name: string;
  position: string;
  sort: Generated<number>;
}

export interface PartyMemberTable {
  id: Generated<number>;
  resident_id: number;
  branch_id: number | null;
  path: string;
  party_group: string | null;
  joined_on: string | null;
  status: 'full' | 'probationary';
  created_at: string;
  updated_at: string;
}

export interface CentralHouseholdTable {
  id: Generated<number>;
  party_member_id: number;
  path: string;
  created_at: string;
}

export interface CentralHouseholdLinkTable {
  central_household_id: number;
  household_id: number;
}

export interface BuildingLeaderTable {
  id: Generated<number>;
  building_id: number;
  resident_id: number;
  path: string;
  appointed_on: string;
}

export interface GridTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  name: string;
  worker_name: string;
  worker_user_id: number | null;
}

export interface GridUnitTable {
  grid_id: number;
  unit_id: number;
}

export interface ContactGroupTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  name: string;
  leader_resident_id: number | null;
}

export interface ContactGroupHouseholdTable {
  group_id: number;
  household_id: number;
}

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  kind: string;
  phone: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  resident_id: number | null;
  home_path: string;
  language: string;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  unit_id: number;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  path: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  user_id: number;
  route: string;
  status: number;
  body: string;
  created_at: string;
}

export interface ImportReportTable {
  id: Generated<number>;
  user_id: number;
  file_name: string;
  content: Buffer;
  created_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface Database {
  app_meta: AppMetaTable;
  org_units: OrgUnitTable;
  households: HouseholdTable;
  residents: ResidentTable;
  bodies: BodyTable;
  body_members: BodyMemberTable;
  party_members: PartyMemberTable;
  central_households: CentralHouseholdTable;
  central_household_links: CentralHouseholdLinkTable;
  building_leaders: BuildingLeaderTable;
  grids: GridTable;
  grid_units: GridUnitTable;
  contact_groups: ContactGroupTable;
  contact_group_households: ContactGroupHouseholdTable;
  departments: DepartmentTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeyTable;
  import_reports: ImportReportTable;
}
