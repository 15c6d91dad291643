import { isValidDate, isValidPhone, normaliseIdNumber, normalisePhone, parseIdNumber } from './identity.ts';

export const GENDERS = ['male', 'female'] as const;
export const RELATIONS = ['owner', 'member', 'tenant'] as const;
export type Gender = (typeof GENDERS)[number];
export type Relation = (typeof RELATIONS)[number];

export interface ResidentFields {
  name: string;
  gender?: Gender | null;
  ethnicity?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  relation?: Relation | null;
}

export interface CleanResident {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string | null;
  phone: string | null;
  idNumber: string | null;
  relation: Relation;
}

export interface FieldProblem {
  path: string;
  message: string;
  /** Stable reason, so the import sheet can say it in Chinese. */
  reason: ProblemReason;
}

export type ProblemReason = 'required' | 'too_long' | 'phone' | 'id_number' | 'date' | 'future' | 'mismatch';

/**
 * Checks and completes a resident's fields: the ID-card number must be valid, and where it is given the birth
 * date and gender it encodes fill the gaps and must agree with what was typed.
 */
export function cleanResident(input: ResidentFields, today: string): { value: CleanResident } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = input.name.normalize('NFC').trim();
  if (name.length === 0 || name.length > 60) problems.push({ path: 'name', message: 'a name of 1 to 60 characters is required', reason: 'required' });

  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (phone && !isValidPhone(phone)) problems.push({ path: 'phone', message: 'not a valid phone number', reason: 'phone' });

  const idNumber = input.idNumber ? normaliseIdNumber(input.idNumber) : null;
  const facts = idNumber ? parseIdNumber(idNumber) : null;
  if (facts && 'error' in facts) problems.push({ path: 'idNumber', message: `ID-card number ${facts.error}`, reason: 'id_number' });
  const known = facts && !('error' in facts) ? facts : null;

  let birthDate = input.birthDate ?? null;
  if (birthDate && !isValidDate(birthDate)) problems.push({ path: 'birthDate', message: 'not a valid date (YYYY-MM-DD)', reason: 'date' });
  else if (birthDate && birthDate > today) problems.push({ path: 'birthDate', message: 'lies in the future', reason: 'future' });
  if (known && birthDate && known.birthDate !== birthDate) problems.push({ path: 'birthDate', message: 'differs from the birth date in the ID-card number', reason: 'mismatch' });
  birthDate ??= known?.birthDate ?? null;

  const gender = input.gender ?? known?.gender ?? null;
  if (!gender) problems.push({ path: 'gender', message: 'gender is required when there is no ID-card number', reason: 'required' });
  if (known && input.gender && known.gender !== input.gender) problems.push({ path: 'gender', message: 'differs from the gender in the ID-card number', reason: 'mismatch' });

  const ethnicity = (input.ethnicity ?? '').normalize('NFC').trim() || '汉族';
  if (ethnicity.length > 20) problems.push({ path: 'ethnicity', message: 'at most 20 characters', reason: 'too_long' });

  if (problems.length > 0 || !gender) return { problems };
  return { value: { name, gender, ethnicity, birthDate, phone, idNumber, relation: input.relation ?? 'member' } };
}
