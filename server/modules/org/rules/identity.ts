/** Rules for the personal identifiers of residents (居民身份证号 GB 11643-1999, mainland mobile numbers). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface IdCardFacts {
  birthDate: string;
  gender: 'male' | 'female';
}

/** Normalises an ID-card number (upper-case X, no spaces). */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The birth date and gender an 18-digit ID-card number encodes, or an error message. */
export function parseIdNumber(id: string): IdCardFacts | { error: string } {
  if (!/^\d{17}[\dX]$/.test(id)) return { error: 'must be 17 digits followed by a digit or X' };
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return { error: 'check digit does not match' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { error: 'birth date inside the number is not a real date' };
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid ID-card number from a region code, birth date (YYYYMMDD) and sequence (demo and tests). */
export function makeIdNumber(region: string, birth: string, sequence: number, gender: 'male' | 'female'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gender === 'male')) seq = (seq + 1) % 1000;
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + CHECK[sum % 11];
}

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

/** Mainland mobile numbers (11 digits starting with 1) and landlines with area code (0891 is Lhasa). */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}\d{7,8}$/.test(phone);
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
