import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../core/pagination.ts';
import { DateString, Id, Nullable } from '../../core/schemas.ts';
import { CASE_KINDS, CASE_STATUSES, PARTY_ROLES } from './rules/cases.ts';
import { VOLUNTEER_STATUSES, VOLUNTEER_TEAMS } from './rules/volunteers.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const KindT = literals(CASE_KINDS);
const StatusT = literals(CASE_STATUSES);
const RoleT = literals(PARTY_ROLES);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Version = Id;
/** A volunteer joins one of the known teams (rules/volunteers.ts); the web names them. */
const TeamT = literals(VOLUNTEER_TEAMS);
/** Rows registered before teams were checked may carry another short code; a list still finds them by it. */
const TeamFilterT = Type.String({ pattern: '^[a-z][a-z_]{1,29}$' });

export const PartyInput = Type.Object(
  {
    role: RoleT,
    name: Text(60),
    gender: Type.Optional(Nullable(Type.Union([Type.Literal('male'), Type.Literal('female')]))),
    ethnicity: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    residentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type PartyInput = Static<typeof PartyInput>;

export const CreateCaseBody = Type.Object(
  {
    unitId: Id,
    issueId: Type.Optional(Nullable(Id)),
    title: Text(100),
    kind: KindT,
    facts: Text(4000),
    dispute: Text(2000),
    /** A volunteer of the 矛盾调解 team, or else the name of a staff member who mediates. */
    mediatorVolunteerId: Type.Optional(Nullable(Id)),
    mediatorName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    parties: Type.Array(PartyInput, { minItems: 2, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

export const SessionBody = Type.Object({ version: Version, heldOn: DateString, place: Text(100), summary: Text(4000) }, { additionalProperties: false });
export type SessionBody = Static<typeof SessionBody>;

export const AgreementBody = Type.Object(
  {
    version: Version,
    /** 经调解，自愿达成如下协议: what each party undertakes. */
    terms: Text(4000),
    /** 履行方式: how the terms are carried out. */
    performance: Text(2000),
    /** 履行时限: by when. */
    performBy: DateString,
    /** The day the agreement was reached; today unless given. */
    agreedOn: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type AgreementBody = Static<typeof AgreementBody>;

export const FailBody = Type.Object({ version: Version, reason: Text(2000) }, { additionalProperties: false });
export type FailBody = Static<typeof FailBody>;

export const VisitBody = Type.Object(
  {
    version: Version,
    visitedOn: DateString,
    /** Who paid the visit; the signed-in user unless given. */
    visitorName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    /** Did the parties carry out what they agreed? */
    honoured: Type.Boolean(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type VisitBody = Static<typeof VisitBody>;

export const CaseListQuery = Type.Composite([PageQuery, Type.Object({ unitId: Type.Optional(Id), status: Type.Optional(StatusT) })]);
export const PdfQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('bo')])) });

export const PartyT = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  name: Type.String(),
  gender: Nullable(Type.String()),
  ethnicity: Nullable(Type.String()),
  address: Nullable(Type.String()),
  residentId: Nullable(Type.Integer()),
});

export const SessionT = Type.Object({ id: Type.Integer(), heldOn: Type.String(), place: Type.String(), summary: Type.String(), createdAt: Type.String() });
export const VisitT = Type.Object({
  id: Type.Integer(),
  visitedOn: Type.String(),
  visitorName: Type.String(),
  honoured: Type.Boolean(),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
});

const caseSummaryProps = {
  id: Type.Integer(),
  number: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  mediatorName: Type.String(),
  applicants: Type.Array(Type.String()),
  respondents: Type.Array(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
export const CaseSummaryT = Type.Object(caseSummaryProps);
export type CaseSummaryT = Static<typeof CaseSummaryT>;

export const CaseDetailT = Type.Object({
  ...caseSummaryProps,
  issueId: Nullable(Type.Integer()),
  facts: Type.String(),
  dispute: Type.String(),
  mediatorVolunteerId: Nullable(Type.Integer()),
  terms: Nullable(Type.String()),
  performance: Nullable(Type.String()),
  performBy: Nullable(Type.String()),
  agreedOn: Nullable(Type.String()),
  failureReason: Nullable(Type.String()),
  committee: Type.String(),
  parties: Type.Array(PartyT),
  sessions: Type.Array(SessionT),
  visits: Type.Array(VisitT),
  /** What the caller may do with the case now (its state and their roles): addSession, recordAgreement, … */
  actions: Type.Array(Type.String()),
});
export type CaseDetailT = Static<typeof CaseDetailT>;

export const VolunteerQuery = Type.Composite([
  PageQuery,
  Type.Object({
    unitId: Type.Optional(Id),
    team: Type.Optional(TeamFilterT),
    /** active (the default): those serving; ended: those whose service ended; all: both. */
    status: Type.Optional(literals(VOLUNTEER_STATUSES)),
  }),
]);

const volunteerFields = {
  name: Text(60),
  team: TeamT,
  /** A resident of the volunteer's unit, when the volunteer is one; null unlinks. */
  residentId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
};

export const CreateVolunteerBody = Type.Object({ unitId: Id, ...volunteerFields }, { additionalProperties: false });
export type CreateVolunteerBody = Static<typeof CreateVolunteerBody>;

/** Any of the fields; the unit stays (someone serving elsewhere is registered there). */
export const UpdateVolunteerBody = Type.Partial(Type.Object(volunteerFields), { additionalProperties: false, minProperties: 1 });
export type UpdateVolunteerBody = Static<typeof UpdateVolunteerBody>;

export const EndVolunteerBody = Type.Object(
  {
    /** The last day of service: not in the future, not before the day of registration. */
    endedOn: DateString,
    reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type EndVolunteerBody = Static<typeof EndVolunteerBody>;

export const VolunteerT = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  name: Type.String(),
  team: Type.String(),
  residentId: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  /** The day the service ended; null while the volunteer serves. */
  endedOn: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
  /** What the caller may do with the volunteer now: update, end. */
  actions: Type.Array(Type.String()),
});
export type VolunteerT = Static<typeof VolunteerT>;
