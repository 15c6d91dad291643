import type { Gender, Id } from '../../app/types';

/** Shapes of the mediation API (server/modules/mediation/schemas.ts). */

export const CASE_KINDS = ['neighbour', 'family', 'property', 'parking', 'noise', 'other'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ['open', 'agreed', 'failed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PARTY_ROLES = ['applicant', 'respondent'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Error codes of the mediation module, translated under mediation.errors. */
export const MEDIATION_ERRORS = ['STALE_VERSION', 'CASE_STATE', 'NO_AGREEMENT', 'NOT_A_MEDIATOR', 'MEDIATOR_OUT_OF_AREA'] as const;

export interface CaseSummary {
  id: Id;
  number: string;
  unitId: Id;
  unitName: string;
  title: string;
  kind: CaseKind;
  status: CaseStatus;
  mediatorName: string;
  applicants: string[];
  respondents: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Party {
  id: Id;
  role: PartyRole;
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  address: string | null;
  residentId: Id | null;
}

export interface Session {
  id: Id;
  heldOn: string;
  place: string;
  summary: string;
  createdAt: string;
}

export interface Visit {
  id: Id;
  visitedOn: string;
  visitorName: string;
  honoured: boolean;
  note: string | null;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  issueId: Id | null;
  facts: string;
  dispute: string;
  mediatorVolunteerId: Id | null;
  terms: string | null;
  performance: string | null;
  performBy: string | null;
  agreedOn: string | null;
  failureReason: string | null;
  committee: string;
  parties: Party[];
  sessions: Session[];
  visits: Visit[];
  actions: string[];
}

/** Mediators are the volunteers of the 矛盾调解 team (the volunteers module owns the shape). */
export type { Volunteer } from '../volunteers/types';

export interface PartyInput {
  role: PartyRole;
  name: string;
  gender?: Gender | null;
  ethnicity?: string | null;
  address?: string | null;
}

export interface CaseInput {
  unitId: number;
  issueId?: number | null;
  title: string;
  kind: CaseKind;
  facts: string;
  dispute: string;
  mediatorVolunteerId?: number | null;
  mediatorName?: string | null;
  parties: PartyInput[];
}

export interface SessionInput {
  heldOn: string;
  place: string;
  summary: string;
}

export interface AgreementInput {
  terms: string;
  performance: string;
  performBy: string;
  agreedOn?: string;
}

export interface FailureInput {
  reason: string;
}

export interface VisitInput {
  visitedOn: string;
  visitorName?: string;
  honoured: boolean;
  note?: string | null;
}
