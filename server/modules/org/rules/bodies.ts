import type { BodyKind } from '../../../db/schema.ts';

/** Positions each body of the four-party platform knows (书记/副书记/委员, 主任/副主任/委员, 经理). */
export const POSITIONS: Record<BodyKind, readonly string[]> = {
  party_branch: ['secretary', 'deputy_secretary', 'committee_member', 'member'],
  owners_committee: ['director', 'deputy_director', 'member'],
  property: ['manager', 'member'],
};

/** Only one secretary, director or manager at a time. */
const SINGLE = new Set(['secretary', 'director', 'manager']);

export interface BodyDates {
  foundedOn?: string | null;
  termStart?: string | null;
  termEnd?: string | null;
  contractStart?: string | null;
  contractEnd?: string | null;
}

/** Problems with a body's dates: a term or contract must end after it starts; 业委会 terms last at most 5 years. */
export function bodyDateProblems(kind: BodyKind, d: BodyDates): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (d.termStart && d.termEnd && d.termEnd <= d.termStart) out.push({ path: 'termEnd', message: 'the term must end after it starts' });
  if (d.contractStart && d.contractEnd && d.contractEnd <= d.contractStart) out.push({ path: 'contractEnd', message: 'the contract must end after it starts' });
  if (kind === 'owners_committee' && d.termStart && d.termEnd) {
    const limit = `${Number(d.termStart.slice(0, 4)) + 5}${d.termStart.slice(4)}`;
    if (d.termEnd > limit) out.push({ path: 'termEnd', message: 'an owners committee term lasts at most five years' });
  }
  if (kind !== 'property' && (d.contractStart || d.contractEnd)) out.push({ path: 'contractStart', message: 'only a property company has a contract' });
  return out;
}

/** Is `position` valid for the body, given the positions its members already hold? */
export function positionProblem(kind: BodyKind, position: string, held: string[]): string | null {
  if (!POSITIONS[kind].includes(position)) return `a ${kind} has no position ${position}`;
  if (SINGLE.has(position) && held.includes(position)) return `the ${position} position is already filled`;
  return null;
}
