/** Stable codes shared by every module; modules add their own with `DomainError`. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule'
  | 'too_many'
  | 'unavailable';

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

/** The one table from error kind to HTTP status. */
export function httpStatus(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'rule':
      return 422;
    case 'too_many':
      return 429;
    case 'unavailable':
      return 503;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export const notFound = (what = 'resource'): DomainError =>
  new DomainError('not_found', 'NOT_FOUND', `The ${what} does not exist or is outside your part of the organisation`);
export const forbidden = (): DomainError =>
  new DomainError('forbidden', 'FORBIDDEN', 'Your role does not allow this action here');
export const unauthenticated = (): DomainError =>
  new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Please sign in');
export const invalid = (message: string, issues?: { path: string; message: string }[]): DomainError =>
  new DomainError('invalid', 'VALIDATION_FAILED', message, issues ? { issues } : undefined);
export const conflict = (code: string, message: string): DomainError => new DomainError('conflict', code, message);
export const ruleBroken = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('rule', code, message, details);

/** The account's password was set by someone else (create, reset): it must be changed before anything else. */
export const passwordChangeRequired = (): DomainError =>
  new DomainError('forbidden', 'PASSWORD_CHANGE_REQUIRED', 'Your password was set by someone else; choose your own password first');

/** Why a new password is refused (the password policy); each code has its own message in the web catalogs. */
export type WeakPasswordCode = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_SIMPLE' | 'PASSWORD_CONTAINS_USERNAME' | 'PASSWORD_TOO_COMMON' | 'PASSWORD_UNCHANGED';
export const weakPassword = (code: WeakPasswordCode, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('rule', code, message, details);

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
