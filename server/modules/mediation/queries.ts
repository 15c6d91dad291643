import type { Selectable } from 'kysely';
import { withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { MediationCaseTable, VolunteerTable } from '../../db/schema.ts';
import type { VolunteerStatus } from './rules/volunteers.ts';

// Reads of mediation cases and volunteers. No rules here: callers authorise first and pass the scopes.

export type CaseRow = Selectable<MediationCaseTable>;
export type VolunteerRow = Selectable<VolunteerTable>;

export function getCase(db: DbOrTx, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('mediation_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCases(db: DbOrTx, f: { scopes: string[]; status?: string; cursor: PathCursor | null; limit: number }): Promise<CaseRow[]> {
  let q = db.selectFrom('mediation_cases').selectAll().where((eb) => withinAny(eb, 'mediation_cases.path', f.scopes));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.cursor) q = q.where(afterCursor('mediation_cases.path', 'mediation_cases.id', f.cursor));
  return q.orderBy('path').orderBy('id').limit(f.limit + 1).execute();
}

export function partiesOf(db: DbOrTx, caseIds: number[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mediation_parties').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('sort').orderBy('id').execute();
}

export function sessionsOf(db: DbOrTx, caseId: number) {
  return db.selectFrom('mediation_sessions').selectAll().where('case_id', '=', caseId).orderBy('held_on').orderBy('id').execute();
}

export function visitsOf(db: DbOrTx, caseId: number) {
  return db.selectFrom('mediation_visits').selectAll().where('case_id', '=', caseId).orderBy('visited_on').orderBy('id').execute();
}

export function getVolunteer(db: DbOrTx, id: number): Promise<VolunteerRow | undefined> {
  return db.selectFrom('volunteers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listVolunteers(db: DbOrTx, f: { scopes: string[]; team?: string; status: VolunteerStatus; cursor: PathCursor | null; limit: number }): Promise<VolunteerRow[]> {
  let q = db.selectFrom('volunteers').selectAll().where((eb) => withinAny(eb, 'volunteers.path', f.scopes));
  if (f.team) q = q.where('team', '=', f.team);
  if (f.status === 'active') q = q.where('ended_on', 'is', null);
  if (f.status === 'ended') q = q.where('ended_on', 'is not', null);
  if (f.cursor) q = q.where(afterCursor('volunteers.path', 'volunteers.id', f.cursor));
  return q.orderBy('path').orderBy('id').limit(f.limit + 1).execute();
}

// Where a linked record sits in the tree, to check it lies within the caller's part of it. The issues and
// people modules export no lookup of their own for this yet; these two reads take only the id and the path.

export function issuePath(db: DbOrTx, id: number): Promise<{ id: number; path: string } | undefined> {
  return db.selectFrom('issues').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

export function residentPath(db: DbOrTx, id: number): Promise<{ id: number; path: string } | undefined> {
  return db.selectFrom('residents').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The cases a resident is a party to, with their part in each (for the resident's own record under PIPL). */
export function casesOfResident(db: DbOrTx, residentId: number) {
  return db
    .selectFrom('mediation_parties as p')
    .innerJoin('mediation_cases as c', 'c.id', 'p.case_id')
    .select(['c.id', 'c.title', 'c.kind', 'c.status', 'c.agreed_on', 'c.created_at', 'p.role', 'p.name', 'p.address'])
    .where('p.resident_id', '=', residentId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export type ResidentCaseRow = Awaited<ReturnType<typeof casesOfResident>>[number];
