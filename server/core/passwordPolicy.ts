import { COMMON_PASSWORDS } from './commonPasswords.ts';
import { weakPassword, type WeakPasswordCode } from './errors.ts';

/**
 * The password policy (等保 2.0 level 2: 口令复杂度), applied to every new password: set by its holder, or by a
 * manager at create and reset. Passwords already stored (the demo's `xiaoqu-demo`) are not re-checked.
 */
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordVerdict {
  code: WeakPasswordCode;
  message: string;
}

/** Why this password may not be chosen by `username`, or null when it may. Pure. */
export function passwordProblem(password: string, username: string): PasswordVerdict | null {
  const pw = password.normalize('NFC');
  // Length in characters (code points), so a passphrase in Chinese or Tibetan counts what a person typed.
  if ([...pw].length < MIN_PASSWORD_LENGTH) {
    return { code: 'PASSWORD_TOO_SHORT', message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  if (characterClasses(pw) < 2) {
    return { code: 'PASSWORD_TOO_SIMPLE', message: 'A password needs at least two kinds of characters (letters, digits, other signs)' };
  }
  const lower = pw.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) {
    return { code: 'PASSWORD_CONTAINS_USERNAME', message: 'A password may not contain the username' };
  }
  if (isCommon(lower)) {
    return { code: 'PASSWORD_TOO_COMMON', message: 'This password is among the most common ones; choose another' };
  }
  return null;
}

/** Throws the policy's error (422) when the password may not be chosen. */
export function assertPasswordAllowed(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw weakPassword(problem.code, problem.message, problem.code === 'PASSWORD_TOO_SHORT' ? { minLength: MIN_PASSWORD_LENGTH } : undefined);
}

/** Lower case, upper case, digits, anything else (signs, Chinese, Tibetan): how many of the four occur. */
function characterClasses(pw: string): number {
  const classes = new Set<string>();
  for (const ch of pw) {
    if (/[a-z]/.test(ch)) classes.add('lower');
    else if (/[A-Z]/.test(ch)) classes.add('upper');
    else if (/[0-9]/.test(ch)) classes.add('digit');
    else classes.add('other');
  }
  // Letters in one case only still count as one class: "abcdefghij" is as weak as "ABCDEFGHIJ".
  return classes.size;
}

/** In the list, or a listed word followed by digits and signs ("zhangwei1990", "password2026!"). */
function isCommon(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && stem !== lower && COMMON_PASSWORDS.has(stem);
}
