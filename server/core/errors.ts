/** Stable codes shared by every module; modules add their own with `DomainError`. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
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
    case 'too_large':
      return 413;
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

/**
 * Why an upload was refused. Each limit has its own code so the page can say which one in the user's language;
 * `details` carries the limit (`max`) for clients that show numbers.
 */
export type UploadRefusal = 'unpacked' | 'entries' | 'sheets' | 'rows' | 'columns' | 'cells' | 'cellLength';

const UPLOAD_LIMIT_CODES: Record<UploadRefusal, string> = {
  unpacked: 'UPLOAD_UNPACKED_TOO_LARGE',
  entries: 'UPLOAD_TOO_MANY_ENTRIES',
  sheets: 'UPLOAD_TOO_MANY_SHEETS',
  rows: 'UPLOAD_TOO_MANY_ROWS',
  columns: 'UPLOAD_TOO_MANY_COLUMNS',
  cells: 'UPLOAD_TOO_MANY_CELLS',
  cellLength: 'UPLOAD_CELL_TOO_LONG',
};

/** 413: the file itself is larger than an upload may be. */
export const uploadTooLarge = (maxBytes: number): DomainError =>
  new DomainError('too_large', 'UPLOAD_TOO_LARGE', `The file is larger than ${maxBytes / 1024 / 1024} MB`, { max: maxBytes });

/** 413 when the content unpacks to more than allowed, else 422: the file is over one of the limits on its content. */
export const uploadOverLimit = (limit: UploadRefusal, max: number, message: string): DomainError =>
  new DomainError(limit === 'unpacked' ? 'too_large' : 'rule', UPLOAD_LIMIT_CODES[limit], message, { limit, max });

/** 422: the file is not a readable workbook (or CSV), or reading it took more memory or time than allowed. */
export const uploadUnreadable = (message: string): DomainError => new DomainError('rule', 'UPLOAD_UNREADABLE', message);
export const uploadTooComplex = (message: string): DomainError => new DomainError('rule', 'UPLOAD_TOO_COMPLEX', message);

/** 400: the multipart body is broken, or carries no file in the expected field. */
export const uploadMalformed = (message: string): DomainError => new DomainError('invalid', 'UPLOAD_MALFORMED', message);
export const uploadMissing = (field: string): DomainError =>
  new DomainError('invalid', 'UPLOAD_MISSING_FILE', `Send the file as multipart/form-data in the field "${field}"`, { issues: [{ path: field, message: 'no file' }] });
