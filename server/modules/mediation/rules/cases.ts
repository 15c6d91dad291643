// The life of a mediation case (调解案件), pure: which step each state allows, how a case is numbered, which
// mediator may take it, and the dates each step must respect.

export const CASE_KINDS = ['neighbour', 'family', 'property', 'parking', 'noise', 'other'] as const;

/** open → agreed (调解成功) or failed (调解不成); agreed → closed by the return visit (回访). */
export const CASE_STATUSES = ['open', 'agreed', 'failed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PARTY_ROLES = ['applicant', 'respondent'] as const;

/** The volunteer team whose members mediate (矛盾调解队). */
export const MEDIATION_TEAM = 'mediation';

export type CaseCommand = 'addSession' | 'recordAgreement' | 'recordFailure' | 'recordVisit';

const ALLOWED: Record<CaseStatus, readonly CaseCommand[]> = {
  open: ['addSession', 'recordAgreement', 'recordFailure'],
  agreed: ['recordVisit'],
  failed: [],
  closed: [],
};

const isCaseStatus = (value: string): value is CaseStatus => (CASE_STATUSES as readonly string[]).includes(value);

/** The steps a case in this state admits (an unknown state admits none). */
export function commandsAllowed(status: string): readonly CaseCommand[] {
  return isCaseStatus(status) ? ALLOWED[status] : [];
}

/** The 调解协议书 exists once terms were agreed: while awaiting the return visit and after it. */
export function hasAgreement(c: { status: string; terms: string | null }): boolean {
  return (c.status === 'agreed' || c.status === 'closed') && c.terms !== null;
}

/** Lhasa keeps Asia/Shanghai time (UTC+8, no daylight saving). */
const LOCAL_OFFSET_MS = 8 * 3600_000;

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The case number on the agreement: （year）调字第NNNN号, the year being the local year it was opened. */
export function caseNumber(id: number, createdAt: string): string {
  const year = localDay(new Date(createdAt)).slice(0, 4);
  return `（${year}）调字第${String(id).padStart(4, '0')}号`;
}

/** The 人民调解委员会 of a community signs every agreement made within it. */
export function committeeName(communityName: string): string {
  return `${communityName}人民调解委员会`;
}

/**
 * A volunteer mediates within their own compound (from any building of it) and, when registered higher up,
 * anywhere below. Levels sit at fixed depths: street, community, compound, building.
 */
export function mediatorServes(volunteerPath: string, casePath: string): boolean {
  if (casePath.startsWith(volunteerPath)) return true;
  const segments = volunteerPath.split('/').filter(Boolean);
  if (segments.length < 3) return false;
  const compound = `/${segments.slice(0, 3).join('/')}/`;
  return casePath.startsWith(compound);
}

export interface DateProblem {
  path: string;
  message: string;
  reason: 'date' | 'future' | 'order';
}

/**
 * Checks the dates of a step against today and each other: nothing happens in the future, and a deadline or a
 * visit does not come before the agreement. `notBefore` pairs a field with the date it may not precede.
 */
export function dateProblems(today: string, dates: Record<string, string | undefined>, notBefore: [string, string | null][] = [], futureAllowed: string[] = []): DateProblem[] {
  const problems: DateProblem[] = [];
  for (const [path, value] of Object.entries(dates)) {
    if (value === undefined) continue;
    if (!isCalendarDate(value)) problems.push({ path, message: 'not a valid date (YYYY-MM-DD)', reason: 'date' });
    else if (!futureAllowed.includes(path) && value > today) problems.push({ path, message: 'lies in the future', reason: 'future' });
  }
  for (const [path, earliest] of notBefore) {
    const value = dates[path];
    if (value && earliest && isCalendarDate(value) && value < earliest) problems.push({ path, message: `may not be before ${earliest}`, reason: 'order' });
  }
  return problems;
}

export interface PartyLike {
  role: string;
  name: string;
}

/** Every case has someone who asks and someone asked: at least one applicant and one respondent. */
export function partyProblems(parties: readonly PartyLike[]): { path: string; message: string; reason: 'required' }[] {
  const problems: { path: string; message: string; reason: 'required' }[] = [];
  parties.forEach((p, i) => {
    if (p.name.normalize('NFC').trim() === '') problems.push({ path: `parties.${i}.name`, message: 'a name is required', reason: 'required' });
  });
  if (!parties.some((p) => p.role === 'applicant')) problems.push({ path: 'parties', message: 'at least one applicant is required', reason: 'required' });
  if (!parties.some((p) => p.role === 'respondent')) problems.push({ path: 'parties', message: 'at least one respondent is required', reason: 'required' });
  return problems;
}
