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
  /** 1 while a password set by someone else (create, reset) has not been changed by its holder. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
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
  /** Absolute end of the session; the idle end is `last_seen_at` (or `created_at`) plus the idle timeout. */
  expires_at: string;
  last_seen_at: string | null;
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
  /** Position in the audit chain (1, 2, 3 … without gaps); null only on a row written before the chain existed and not yet sealed. */
  seq: number | null;
  /** HMAC over the previous row's hash and this row's canonical content (see core/auditChain.ts). */
  hash: string | null;
}

/** The one row (id 1) holding the end of the audit chain; writers update it with each audit row. */
export interface AuditChainHeadTable {
  id: number;
  /** Names this database's chain, so a published head is never compared with another chain. */
  chain_id: string;
  seq: number;
  /** Hash of the row at `seq`; empty while the chain is empty. */
  hash: string;
  /** Rows up to this id existed before the chain (migration 005) and are chained once at start-up. */
  legacy_through_id: number | null;
  /** When those rows were chained; null until then. */
  sealed_at: string | null;
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

// ---- 002_issues ----

/** 小事 the building fixes, 大事 the compound fixes, 难事 for the 四方议事 meeting or the city. */
export type IssueSize = 'small' | 'major' | 'hard';

export interface IssueCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name_zh: string;
  name_bo: string;
  name_en: string;
  default_size: IssueSize;
  sort: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface IssueRouteTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  category_id: number;
  body_kind: BodyKind;
  updated_at: string;
}

export interface IssueDeadlineRuleTable {
  id: Generated<number>;
  level: string;
  category_id: number | null;
  working_minutes: number | null;
  remind_before_minutes: number;
  updated_at: string;
}

export interface CalendarDayTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  updated_at: string;
}

export interface HotlineSourceTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  name: string;
  mapping_json: string;
  created_at: string;
  updated_at: string;
}

export interface IssueTable {
  id: Generated<number>;
  title: string;
  body: string;
  category_id: number;
  nature: string;
  size: IssueSize;
  unit_id: number;
  path: string;
  compound_id: number;
  household_id: number | null;
  place_kind: string;
  place_note: string | null;
  source: string;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_masked: string | null;
  show_name: Generated<number>;
  public_token: string;
  status: string;
  open: number;
  level: string;
  handler_kind: string;
  handler_path: string;
  handler_body_id: number | null;
  handler_department_id: number | null;
  assignee_user_id: number | null;
  assignee_name: string | null;
  dispatched_at: string | null;
  due_at: string | null;
  remind_at: string | null;
  reminded_at: string | null;
  overdue_at: string | null;
  supervision: Generated<number>;
  supervision_path: string | null;
  return_count: Generated<number>;
  reopen_count: Generated<number>;
  extension_requested_minutes: number | null;
  merged_into_id: number | null;
  reject_reason: string | null;
  reply: string | null;
  resolved_at: string | null;
  rate_by: string | null;
  rating: string | null;
  rating_comment: string | null;
  closed_at: string | null;
  hotline_source_id: number | null;
  external_no: string | null;
  external_due_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  // 007_report_limits: a keyed hash of the address an anonymous report came from (floods), and whether its
  // room was only stated by an anonymous reporter (1) rather than known (a signed-in household, staff).
  origin_hash: string | null;
  household_stated: Generated<number>;
}

export interface IssueEventTable {
  id: Generated<number>;
  issue_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
  note: string | null;
  data_json: string | null;
  version: number;
}

export interface IssuePhotoTable {
  id: Generated<number>;
  issue_id: number;
  event_id: number | null;
  mime: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface DomainEventTable {
  id: Generated<number>;
  type: string;
  path: string;
  subject_id: number | null;
  payload_json: string;
  created_at: string;
}

export interface SchedulerLeaseTable {
  name: string;
  holder: string;
  until: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  issue_id: number | null;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface WebhookTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  name: string;
  url: string;
  /** Comma-separated event names. */
  events: string;
  enabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  payload_json: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  key_prefix: string;
  unit_id: number;
  path: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
}

export interface VolunteerTable {
  id: Generated<number>;
  unit_id: number;
  path: string;
  resident_id: number | null;
  name: string;
  team: string;
  note: string | null;
  created_at: string;
  /** The day the volunteer's service ended (YYYY-MM-DD); null while they serve. */
  ended_on: string | null;
  end_reason: string | null;
  /** Null until the volunteer is first changed. */
  updated_at: string | null;
}

export interface MediationCaseTable {
  id: Generated<number>;
  issue_id: number | null;
  unit_id: number;
  path: string;
  title: string;
  kind: string;
  facts: string;
  dispute: string;
  mediator_volunteer_id: number | null;
  mediator_name: string;
  status: string;
  terms: string | null;
  performance: string | null;
  perform_by: string | null;
  outcome_note: string | null;
  agreed_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MediationPartyTable {
  id: Generated<number>;
  case_id: number;
  role: string;
  name: string;
  resident_id: number | null;
  gender: string | null;
  ethnicity: string | null;
  address: string | null;
  sort: Generated<number>;
}

export interface MediationSessionTable {
  id: Generated<number>;
  case_id: number;
  held_on: string;
  place: string;
  summary: string;
  created_at: string;
}

export interface MediationVisitTable {
  id: Generated<number>;
  case_id: number;
  visited_on: string;
  visitor_name: string;
  honoured: number;
  note: string | null;
  created_at: string;
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
  audit_chain_head: AuditChainHeadTable;
  idempotency_keys: IdempotencyKeyTable;
  import_reports: ImportReportTable;
  issue_categories: IssueCategoryTable;
  issue_routes: IssueRouteTable;
  issue_deadline_rules: IssueDeadlineRuleTable;
  calendar_days: CalendarDayTable;
  hotline_sources: HotlineSourceTable;
  issues: IssueTable;
  issue_events: IssueEventTable;
  issue_photos: IssuePhotoTable;
  domain_events: DomainEventTable;
  scheduler_leases: SchedulerLeaseTable;
  notifications: NotificationTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  api_keys: ApiKeyTable;
  volunteers: VolunteerTable;
  mediation_cases: MediationCaseTable;
  mediation_parties: MediationPartyTable;
  mediation_sessions: MediationSessionTable;
  mediation_visits: MediationVisitTable;
  rate_limit_hits: RateLimitHitTable;
}

// ---- 007_report_limits ----

/** One counter of one limit in one time window (see core/rateLimits.ts). */
export interface RateLimitHitTable {
  bucket: string;
  hits: number;
  expires_at: string;
}
