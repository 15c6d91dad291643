import type { Selectable } from 'kysely';
import type { MediationPartyTable, MediationSessionTable, MediationVisitTable } from '../../db/schema.ts';
import type { CaseRow, VolunteerRow } from './queries.ts';
import { caseNumber } from './rules/cases.ts';
import type { CaseDetailT, CaseSummaryT, VolunteerT } from './schemas.ts';

type PartyRow = Selectable<MediationPartyTable>;
type SessionRow = Selectable<MediationSessionTable>;
type VisitRow = Selectable<MediationVisitTable>;

export function presentCaseSummary(c: CaseRow, unitName: string, parties: readonly PartyRow[]): CaseSummaryT {
  const own = parties.filter((p) => p.case_id === c.id);
  return {
    id: c.id,
    number: caseNumber(c.id, c.created_at),
    unitId: c.unit_id,
    unitName,
    title: c.title,
    kind: c.kind,
    status: c.status,
    mediatorName: c.mediator_name,
    applicants: own.filter((p) => p.role === 'applicant').map((p) => p.name),
    respondents: own.filter((p) => p.role === 'respondent').map((p) => p.name),
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export interface CaseDetailParts {
  unitName: string;
  committee: string;
  parties: readonly PartyRow[];
  sessions: readonly SessionRow[];
  visits: readonly VisitRow[];
  actions: string[];
}

export function presentCase(c: CaseRow, parts: CaseDetailParts): CaseDetailT {
  return {
    ...presentCaseSummary(c, parts.unitName, parts.parties),
    issueId: c.issue_id,
    facts: c.facts,
    dispute: c.dispute,
    mediatorVolunteerId: c.mediator_volunteer_id,
    terms: c.terms,
    performance: c.performance,
    performBy: c.perform_by,
    agreedOn: c.agreed_on,
    failureReason: c.status === 'failed' ? c.outcome_note : null,
    committee: parts.committee,
    parties: parts.parties.map((p) => ({ id: p.id, role: p.role, name: p.name, gender: p.gender, ethnicity: p.ethnicity, address: p.address, residentId: p.resident_id })),
    sessions: parts.sessions.map((s) => ({ id: s.id, heldOn: s.held_on, place: s.place, summary: s.summary, createdAt: s.created_at })),
    visits: parts.visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, visitorName: v.visitor_name, honoured: v.honoured === 1, note: v.note, createdAt: v.created_at })),
    actions: parts.actions,
  };
}

export function presentVolunteer(v: VolunteerRow, unitName: string, actions: string[]): VolunteerT {
  return {
    id: v.id,
    unitId: v.unit_id,
    unitName,
    name: v.name,
    team: v.team,
    residentId: v.resident_id,
    note: v.note,
    createdAt: v.created_at,
    endedOn: v.ended_on,
    endReason: v.end_reason,
    updatedAt: v.updated_at,
    actions,
  };
}
