/** Shapes of the issues API (server/modules/issues/schemas.ts is the contract). */

export const STATUSES = ['reported', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'merged'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['reported', 'assigned', 'accepted', 'in_progress'];

/** In the order the server lists them, which is also the order the action bar shows them. */
export const ACTIONS = [
  'assign',
  'accept',
  'start',
  'resolve',
  'return',
  'escalate',
  'transfer',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'supervise',
  'merge',
  'reject',
  'reclassify',
  'rate',
  'close',
  'note',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SIZES = ['small', 'major', 'hard'] as const;
export type Size = (typeof SIZES)[number];

export const HANDLING_LEVELS = ['building', 'compound', 'meeting', 'community', 'street', 'department'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

export const NATURES = ['consult', 'help', 'complaint', 'tip_off', 'suggestion'] as const;
export type Nature = (typeof NATURES)[number];

export const SOURCES = [
  'resident_app',
  'building_leader',
  'grid_worker',
  'station_visit',
  'door_visit',
  'meeting',
  'hotline',
  'open311',
] as const;
export type Source = (typeof SOURCES)[number];
/** What staff may pick when they write down a report themselves. */
export const STAFF_SOURCES: readonly Source[] = ['station_visit', 'door_visit', 'meeting', 'building_leader', 'grid_worker'];

export const PLACE_KINDS = ['room', 'building', 'common'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const RATINGS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const REJECT_REASONS = ['not_in_area', 'insufficient_info', 'legal_channel', 'duplicate', 'not_actionable', 'spam'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const BODY_KINDS = ['property', 'owners_committee', 'party_branch'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const QUEUE_VIEWS = ['mine', 'open', 'overdue', 'supervision', 'all', 'reported'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const HANDLER_KINDS = [
  'building_leader',
  'contact_leader',
  'grid_worker',
  'body',
  'meeting',
  'unit',
  'department',
  'dispatch',
] as const;

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameBo: string;
  nameEn: string;
  defaultSize: Size;
  sort: number;
  active: boolean;
}

export interface ReportBody {
  title: string;
  body: string;
  categoryId: number;
  nature: Nature;
  unitId: number;
  householdId?: number | null;
  placeKind: PlaceKind;
  placeNote?: string | null;
  source?: Source;
  reporterName?: string | null;
  reporterPhone?: string | null;
  showName?: boolean;
  photos?: string[];
}

export type PublicReportBody = Omit<ReportBody, 'unitId' | 'source'>;

export interface ReportResponse {
  id: number;
  status: Status;
  level: HandlingLevel;
  assigneeName: string | null;
  dueAt: string | null;
  version: number;
  token: string;
}

export interface IssueItem {
  id: number;
  title: string;
  status: Status;
  size: Size;
  level: HandlingLevel;
  nature: Nature;
  source: Source;
  categoryId: number;
  unitId: number;
  unitName: string;
  placeKind: PlaceKind;
  handlerKind: string;
  assigneeName: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** 0 none, 1 yellow card (黄牌), 2 red card (红牌). */
  supervision: number;
  externalNo: string | null;
  createdAt: string;
  version: number;
}

export interface TimelineEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
  /** Internal note: staff only. */
  note: string | null;
  data: unknown;
  photoIds: number[];
}

export interface Photo {
  id: number;
  url: string;
}

export interface IssueDetail extends IssueItem {
  body: string;
  placeNote: string | null;
  /** `stated`: named by an anonymous reporter on the QR page, not verified. */
  household: { id: number; unitNo: number; room: string; stated: boolean } | null;
  compoundId: number;
  reporter: { name: string | null; phone: string | null; showName: boolean };
  reply: string | null;
  rating: string | null;
  ratingComment: string | null;
  resolvedAt: string | null;
  rateBy: string | null;
  closedAt: string | null;
  remindAt: string | null;
  dispatchedAt: string | null;
  extensionRequestedMinutes: number | null;
  mergedIntoId: number | null;
  rejectReason: string | null;
  returnCount: number;
  reopenCount: number;
  handlerBodyId: number | null;
  handlerDepartmentId: number | null;
  timeline: TimelineEvent[];
  photos: Photo[];
  actions: Action[];
  token: string | null;
}

export type Target =
  | { kind: 'building'; unitId: number }
  | { kind: 'body'; bodyId: number }
  | { kind: 'meeting'; unitId: number }
  | { kind: 'unit'; unitId: number }
  | { kind: 'department'; departmentId: number };
export type TargetKind = Target['kind'];
export const TARGET_KINDS: readonly TargetKind[] = ['building', 'body', 'meeting', 'unit', 'department'];

export interface ActionBody {
  version: number;
  comment?: string;
  note?: string;
  reason?: string;
  target?: Target;
  minutes?: number;
  intoId?: number;
  categoryId?: number;
  rating?: Rating;
  photos?: string[];
}

export interface ActionResponse {
  id: number;
  status: Status;
  version: number;
}

export interface BulkAssignBody {
  items: { id: number; version: number }[];
  target: Target;
  comment?: string;
}

export interface BulkAssignResponse {
  results: { id: number; ok: boolean; status: string | null; version: number | null; error: string | null }[];
}

export interface PlanResponse {
  buildings: { buildingId: number; open: number; overdue: number }[];
  compoundOpen: number;
}

export interface StatsResponse {
  total: number;
  open: number;
  overdue: number;
  supervised: number;
  byStatus: Record<string, number>;
  bySize: { size: string; total: number; closed: number; settledLocally: number; share: number | null }[];
  byCategory: { categoryId: number; total: number; open: number }[];
  ratings: Record<string, number>;
  satisfaction: number | null;
  months: { month: string; reported: number; closed: number }[];
}

export interface RouteItem {
  categoryId: number;
  bodyKind: BodyKind;
}

export interface DeadlineRule {
  level: HandlingLevel;
  categoryId: number | null;
  /** null: the same working day (当日). */
  workingMinutes: number | null;
  remindBeforeMinutes: number;
}

export interface DeadlineList {
  items: DeadlineRule[];
  officeHours: string;
}

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface PublicBuilding {
  building: { id: number; name: string };
  compound: { id: number; name: string };
  categories: Category[];
  rooms: { id: number; unitNo: number; floor: number; room: string }[];
}

export interface PublicIssue {
  id: number;
  title: string;
  body: string;
  status: Status;
  categoryId: number;
  unitName: string;
  handlerName: string | null;
  dueAt: string | null;
  reply: string | null;
  rating: string | null;
  canRate: boolean;
  version: number;
  createdAt: string;
  timeline: { at: string; action: string; toStatus: string; comment: string | null }[];
  photos: Photo[];
}

export interface PublicRateBody {
  version: number;
  rating: Rating;
  comment?: string;
}

/** Org shapes the issue pages read (docs/api.md). */
export interface OrgBody {
  id: number;
  kind: BodyKind;
  name: string;
}

export interface Department {
  id: number;
  name: string;
  kind: string;
  phone: string | null;
}

export interface BuildingHousehold {
  id: number;
  unitNo: string | number;
  floor: number;
  room: string | number;
  label: string;
}

// ---- floods of anonymous reports ----

export interface FloodOrigin {
  /** A keyed hash of the address the reports came from (never the address); null for old reports. */
  origin: string | null;
  reports: number;
  open: number;
  firstAt: string;
  lastAt: string;
}

export interface Flood {
  unitId: number;
  unitName: string;
  reports: number;
  open: number;
  firstAt: string;
  lastAt: string;
  origins: FloodOrigin[];
}

export interface FloodList {
  since: string;
  items: Flood[];
}

export type FloodIssue = IssueItem & { origin: string | null };

export interface BulkCloseBody {
  items: { id: number; version: number }[];
  comment?: string;
  note?: string;
}

export type BulkRejectBody = BulkCloseBody & { reason: RejectReason };
export type BulkMergeBody = BulkCloseBody & { intoId: number };

export interface BulkCloseResponse {
  results: { id: number; status: Status; version: number }[];
}
