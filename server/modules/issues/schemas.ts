import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { DateString, Id, IdWith, Int, Nullable } from '../../core/schemas.ts';
import { ACTIONS, NATURES, PLACE_KINDS, RATINGS, REJECT_REASONS, SOURCES, STATUSES } from './rules/lifecycle.ts';
import { HANDLING_LEVELS } from './rules/routing.ts';

const lit = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

export const Size = lit(['small', 'major', 'hard'] as const);
export const Status = lit(STATUSES);
export const Level = lit(HANDLING_LEVELS);
export type DeadlineLevel = Static<typeof Level>;
export const Nature = lit(NATURES);
export const Source = lit(SOURCES);
export const PlaceKind = lit(PLACE_KINDS);
export const BodyKind = lit(['party_branch', 'owners_committee', 'property'] as const);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
// A 5 MB photo as a data: URL is about 6.7 million characters.
const Photos = Type.Array(Type.String({ maxLength: 7_200_000 }), { maxItems: 9 });

export const Category = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  code: Type.String(),
  nameZh: Type.String(),
  nameBo: Type.String(),
  nameEn: Type.String(),
  defaultSize: Size,
  sort: Type.Integer(),
  active: Type.Boolean(),
});
export const CategoryList = Type.Object({ items: Type.Array(Category) });
export const CategoryBody = Type.Object({
  parentId: Type.Optional(Nullable(Id)),
  code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9_.-]+$' }),
  nameZh: Text(40),
  nameBo: Text(120),
  nameEn: Text(60),
  defaultSize: Size,
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
});
export const CategoryPatch = Type.Partial(Type.Object({ parentId: Nullable(Id), nameZh: Text(40), nameBo: Text(120), nameEn: Text(60), defaultSize: Size, sort: Type.Integer({ minimum: 0, maximum: 10000 }), active: Type.Boolean() }));

/** POST /api/v1/issues: a report (收集). */
export const ReportBody = Type.Object({
  title: Text(80),
  body: Text(2000),
  categoryId: Id,
  nature: Nature,
  unitId: IdWith('A building or a compound'),
  householdId: Type.Optional(Nullable(Id)),
  placeKind: PlaceKind,
  placeNote: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  source: Type.Optional(Source),
  reporterName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  reporterPhone: Type.Optional(Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+\\- ]*$' }))),
  showName: Type.Optional(Type.Boolean({ default: false })),
  photos: Type.Optional(Photos),
});
export type ReportBody = Static<typeof ReportBody>;
/** The QR page: the building comes from the code, the source is the resident page. */
export const PublicReportBody = Type.Omit(ReportBody, ['unitId', 'source']);

export const ReportResponse = Type.Object({
  id: Type.Integer(),
  status: Status,
  level: Level,
  assigneeName: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  version: Type.Integer(),
  /** Lets the reporter follow the issue without an account (kept by the phone page). */
  token: Type.String(),
});

export const QueueView = lit(['mine', 'open', 'overdue', 'supervision', 'all', 'reported'] as const);
export const ListQuery = Type.Object({
  view: Type.Optional(QueueView),
  unitId: Type.Optional(Id),
  status: Type.Optional(Status),
  categoryId: Type.Optional(Id),
  size: Type.Optional(Size),
  level: Type.Optional(Level),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
export type ListQuery = Static<typeof ListQuery>;

export const IssueItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: Status,
  size: Size,
  level: Level,
  nature: Nature,
  source: Source,
  categoryId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  placeKind: PlaceKind,
  handlerKind: Type.String(),
  assigneeName: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  supervision: Type.Integer({ description: '0 none, 1 yellow (黄牌), 2 red (红牌)' }),
  externalNo: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export const IssuePage = Type.Object({ items: Type.Array(IssueItem), nextCursor: Nullable(Type.String()) });

export const TimelineEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  comment: Nullable(Type.String()),
  /** Internal note: only for staff, never on the resident's page. */
  note: Nullable(Type.String()),
  data: Type.Unknown(),
  photoIds: Type.Array(Type.Integer()),
});

export const IssueDetail = Type.Object({
    ...IssueItem.properties,
    body: Type.String(),
    placeNote: Nullable(Type.String()),
    household: Nullable(
      Type.Object({
        id: Type.Integer(),
        unitNo: Type.Integer(),
        room: Type.String(),
        stated: Type.Boolean({ description: 'Named by an anonymous reporter (the QR page): stated, not verified' }),
      }),
    ),
    compoundId: Type.Integer(),
    reporter: Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()), showName: Type.Boolean() }),
    reply: Nullable(Type.String()),
    rating: Nullable(Type.String()),
    ratingComment: Nullable(Type.String()),
    resolvedAt: Nullable(Type.String()),
    rateBy: Nullable(Type.String()),
    closedAt: Nullable(Type.String()),
    remindAt: Nullable(Type.String()),
    dispatchedAt: Nullable(Type.String()),
    extensionRequestedMinutes: Nullable(Type.Integer()),
    mergedIntoId: Nullable(Type.Integer()),
    rejectReason: Nullable(Type.String()),
    returnCount: Type.Integer(),
    reopenCount: Type.Integer(),
    handlerBodyId: Nullable(Type.Integer()),
    handlerDepartmentId: Nullable(Type.Integer()),
    timeline: Type.Array(TimelineEvent),
    photos: Type.Array(Type.Object({ id: Type.Integer(), url: Type.String() })),
    /** What the caller may do now: exactly the transitions the server would accept. */
    actions: Type.Array(lit(ACTIONS)),
    /** Present for the reporter: the token of the public page. */
    token: Nullable(Type.String()),
});

/** The same schema, untyped for the route: its static type is too deep for the route generics (present.ts checks it). */
export const IssueDetailResponse: TSchema = IssueDetail;

export const Target = Type.Union([
  Type.Object({ kind: Type.Literal('building'), unitId: Id }),
  Type.Object({ kind: Type.Literal('body'), bodyId: Id }),
  Type.Object({ kind: Type.Literal('meeting'), unitId: Id }),
  Type.Object({ kind: Type.Literal('unit'), unitId: Id }),
  Type.Object({ kind: Type.Literal('department'), departmentId: Id }),
]);

export const ActionParams = Type.Object({ id: Id, action: Type.String({ maxLength: 40 }) });
export const ActionBody = Type.Object({
  version: Id,
  comment: Type.Optional(Type.String({ maxLength: 2000, description: 'What the reporter sees (the reply, a reason shown to them)' })),
  note: Type.Optional(Type.String({ maxLength: 2000, description: 'Internal note, staff only' })),
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Required for return, escalate, reject (a reason code) and extension requests' })),
  target: Type.Optional(Target),
  minutes: Type.Optional(Int(1, 60 * 24 * 365, { description: 'Extra working minutes asked for (延期)' })),
  intoId: Type.Optional(Id),
  categoryId: Type.Optional(Id),
  rating: Type.Optional(lit(RATINGS)),
  photos: Type.Optional(Photos),
});
export type ActionBody = Static<typeof ActionBody>;
export const ActionResponse = Type.Object({ id: Type.Integer(), status: Status, version: Type.Integer() });

export const BulkAssignBody = Type.Object({
  items: Type.Array(Type.Object({ id: Id, version: Id }), { minItems: 1, maxItems: 100 }),
  target: Target,
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const BulkAssignResponse = Type.Object({
  results: Type.Array(Type.Object({ id: Type.Integer(), ok: Type.Boolean(), status: Nullable(Type.String()), version: Nullable(Type.Integer()), error: Nullable(Type.String()) })),
});

export const UnitQuery = Type.Object({ unitId: Id });
export const PlanResponse = Type.Object({ buildings: Type.Array(Type.Object({ buildingId: Type.Integer(), open: Type.Integer(), overdue: Type.Integer() })), compoundOpen: Type.Integer() });

export const StatsResponse = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  supervised: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  bySize: Type.Array(Type.Object({ size: Type.String(), total: Type.Integer(), closed: Type.Integer(), settledLocally: Type.Integer(), share: Nullable(Type.Number()) })),
  byCategory: Type.Array(Type.Object({ categoryId: Type.Integer(), total: Type.Integer(), open: Type.Integer() })),
  ratings: Type.Record(Type.String(), Type.Integer()),
  satisfaction: Nullable(Type.Number({ description: '满意 + 基本满意 over all rated (未评价 counts against)' })),
  months: Type.Array(Type.Object({ month: Type.String(), reported: Type.Integer(), closed: Type.Integer() })),
});

export const RouteItem = Type.Object({ categoryId: Type.Integer(), bodyKind: BodyKind });
export const RouteList = Type.Object({ items: Type.Array(RouteItem) });
export const RouteBody = Type.Object({ unitId: Id, categoryId: Id, bodyKind: BodyKind });

export const DeadlineRule = Type.Object({
  level: Level,
  categoryId: Nullable(IdWith('null: every category without a rule of its own')),
  workingMinutes: Nullable(Int(30, 60 * 24 * 365, { description: 'null: the same working day' })),
  remindBeforeMinutes: Int(0, 60 * 24 * 365),
});
export const DeadlineList = Type.Object({ items: Type.Array(DeadlineRule), officeHours: Type.String() });

export const CalendarDay = Type.Object({ day: DateString, kind: lit(['holiday', 'workday'] as const), name: Text(40) });
export const CalendarList = Type.Object({ items: Type.Array(CalendarDay) });
export const CalendarQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const DayBody = Type.Object({ day: DateString });

export const RejectReason = lit(REJECT_REASONS);

/** The resident's page reached from a building's QR code. */
export const PublicBuilding = Type.Object({
  building: Type.Object({ id: Type.Integer(), name: Type.String() }),
  compound: Type.Object({ id: Type.Integer(), name: Type.String() }),
  categories: Type.Array(Category),
  rooms: Type.Array(Type.Object({ id: Type.Integer(), unitNo: Type.Integer(), floor: Type.Integer(), room: Type.String() })),
});
export const TokenParams = Type.Object({ token: Type.String({ minLength: 8, maxLength: 80, pattern: '^[A-Za-z0-9_-]+$' }) });
export const PublicIssue = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  status: Status,
  categoryId: Type.Integer(),
  unitName: Type.String(),
  handlerName: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  canRate: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), toStatus: Type.String(), comment: Nullable(Type.String()) })),
  photos: Type.Array(Type.Object({ id: Type.Integer(), url: Type.String() })),
});
export const PublicRateBody = Type.Object({ version: Id, rating: lit(RATINGS), comment: Type.Optional(Type.String({ maxLength: 500 })) });
export const TokensQuery = Type.Object({ tokens: Type.String({ maxLength: 2000, description: 'Comma-separated public tokens kept by the phone' }) });
export const PublicIssueList = Type.Object({ items: Type.Array(PublicIssue) });

// ---- floods of anonymous reports: see them, reject or merge them in bulk ----

const BulkItems = Type.Array(Type.Object({ id: Id, version: Id }), { minItems: 1, maxItems: 500 });
export const BulkRejectBody = Type.Object({
  items: BulkItems,
  reason: RejectReason,
  comment: Type.Optional(Type.String({ maxLength: 2000, description: 'What the reporters see; a neutral reply when absent' })),
  note: Type.Optional(Type.String({ maxLength: 2000, description: 'Internal note, staff only' })),
});
export const BulkMergeBody = Type.Object({
  items: BulkItems,
  intoId: IdWith('The issue they duplicate; it stays open'),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const BulkCloseResponse = Type.Object({ results: Type.Array(Type.Object({ id: Type.Integer(), status: Status, version: Type.Integer() })) });

export const FloodQuery = Type.Object({
  unitId: Type.Optional(Id),
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, default: 24 })),
  min: Type.Optional(Type.Integer({ minimum: 2, maximum: 10000, default: 5, description: 'Fewest anonymous reports of a place to count as a flood' })),
});
const Origin = Type.Object({
  origin: Nullable(Type.String({ description: 'A keyed hash of the client network (never the address)' })),
  reports: Type.Integer(),
  open: Type.Integer(),
  firstAt: Type.String(),
  lastAt: Type.String(),
});
export const FloodList = Type.Object({
  since: Type.String(),
  items: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), reports: Type.Integer(), open: Type.Integer(), firstAt: Type.String(), lastAt: Type.String(), origins: Type.Array(Origin) })),
});
export const FloodItemsQuery = Type.Object({
  unitId: IdWith('The building (or compound) of the flood'),
  origin: Type.Optional(Type.String({ pattern: '^[0-9a-f]{16}$' })),
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, default: 24 })),
});
export const FloodItems = Type.Object({ items: Type.Array(Type.Object({ ...IssueItem.properties, origin: Nullable(Type.String()) })) });
