/** The one door to the HTTP API: same-origin cookies, the CSRF header on writes, coded errors. */
export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'xq_csrf';
const CSRF_HEADER = 'x-csrf-token';

export type ErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(status: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let onUnauthenticated: (() => void) | null = null;

/** The session layer registers here so any 401 (an expired session) sends the user back to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function readCookie(name: string, cookieString: string): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns any answer body into an ApiError; bodies that are not the documented shape become INTERNAL/NETWORK. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    const details = isRecord(error.details) ? error.details : undefined;
    return new ApiError(status, error.code, message, details);
  }
  return new ApiError(status, status === 0 ? 'NETWORK' : 'INTERNAL', `HTTP ${status}`);
}

function csrfHeaders(method: string): Record<string, string> {
  if (method === 'GET' || method === 'HEAD') return {};
  const token = readCookie(CSRF_COOKIE, document.cookie);
  return token ? { [CSRF_HEADER]: token } : {};
}

function reportUnauthenticated(status: number, path: string): void {
  // A wrong password on the login form is also a 401, but it is not a lost session.
  if (status === 401 && !path.startsWith('/auth/login')) onUnauthenticated?.();
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function request(method: string, path: string, body?: unknown, query?: Query): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...csrfHeaders(method) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'network error');
  }
  const parsed = await readJson(response);
  if (!response.ok) {
    reportUnauthenticated(response.status, path);
    throw toApiError(response.status, parsed);
  }
  return parsed;
}

// The server is the contract's only source of truth; answers are trusted to match docs/api.md.
export function apiGet<T>(path: string, query?: Query): Promise<T> {
  return request('GET', path, undefined, query) as Promise<T>;
}

export function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request(method, path, body) as Promise<T>;
}

/** Multipart upload through XMLHttpRequest, because fetch cannot report upload progress. */
export function apiUpload<T>(
  path: string,
  query: Query,
  file: File,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, query));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(parsed as T);
        return;
      }
      reportUnauthenticated(xhr.status, path);
      reject(toApiError(xhr.status, parsed));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export interface ValidationIssue {
  path: string;
  message: string;
  /** The server's stable reason (required, phone, id_number …), translated by `errors.fieldReason.*`. */
  reason: string | null;
}

export function validationIssues(error: ApiError): ValidationIssue[] {
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return [];
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  return issues.filter(isRecord).map((issue) => ({
    path: Array.isArray(issue.path) ? issue.path.map(text).join('.') : text(issue.path),
    message: text(issue.message),
    reason: typeof issue.reason === 'string' ? issue.reason : null,
  }));
}
