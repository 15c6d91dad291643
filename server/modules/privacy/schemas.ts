import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../core/schemas.ts';

export const MyDataQuery = Type.Object({ reveal: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) });

const PersonT = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  gender: Type.String(),
  ethnicity: Type.String(),
  birthDate: Nullable(Type.String()),
  relation: Type.String(),
  /** Masked unless revealed (and the reveal recorded). */
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  masked: Type.Boolean(),
  isPartyMember: Type.Boolean(),
});

const HouseholdT = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  compoundName: Type.String(),
  /** The people registered in the household, as one of them may see them: names and relations only. */
  members: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), relation: Type.String(), self: Type.Boolean() })),
});

const AccountT = Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), createdAt: Type.String(), disabled: Type.Boolean() });

const ReportT = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  status: Type.String(),
  source: Type.String(),
  unitName: Type.String(),
  reporterName: Nullable(Type.String()),
  reporterPhone: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
});

const CaseT = Type.Object({ id: Type.Integer(), title: Type.String(), kind: Type.String(), status: Type.String(), role: Type.String(), agreedOn: Nullable(Type.String()), createdAt: Type.String() });

const AccessT = Type.Object({
  at: Type.String(),
  /** Who: the person's name as their account shows it now, else the username. */
  by: Type.String(),
  /** resident.reveal, privacy.export or org.export (a register export that showed the numbers). */
  action: Type.String(),
  self: Type.Boolean(),
  /** The stated purpose of an export. */
  purpose: Nullable(Type.String()),
});

export const PersonRecordT = Type.Object({
  generatedAt: Type.String(),
  resident: Nullable(PersonT),
  household: Nullable(HouseholdT),
  accounts: Type.Array(AccountT),
  reports: Type.Array(ReportT),
  mediationCases: Type.Array(CaseT),
  accesses: Type.Array(AccessT),
});
export type PersonRecord = Static<typeof PersonRecordT>;

const Purpose = Type.String({ minLength: 2, maxLength: 500 });

export const ExportBody = Type.Object({ purpose: Purpose }, { additionalProperties: false });
export type ExportBody = Static<typeof ExportBody>;

export const AnonymiseBody = Type.Object(
  {
    reason: Purpose,
    /** The resident's name typed again: an erasure cannot be undone. */
    confirmName: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type AnonymiseBody = Static<typeof AnonymiseBody>;

export const AnonymiseResult = Type.Object({
  residentId: Type.Integer(),
  pseudonym: Type.String(),
  removed: Type.Object({
    residentFields: Type.Array(Type.String()),
    bodyMemberships: Type.Integer(),
    reports: Type.Integer(),
    reportEvents: Type.Integer(),
    mediationCases: Type.Integer(),
    volunteerRecords: Type.Integer(),
    accountsUnlinked: Type.Integer(),
    accountsClosed: Type.Integer(),
    notifications: Type.Integer(),
  }),
});
export type AnonymiseResult = Static<typeof AnonymiseResult>;
