import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorForSession, CSRF_HEADER, SESSION_COOKIE, sessionEnded, TOUCH_EVERY_MS, touchSession } from './auth.ts';
import type { Ctx, Services } from './context.ts';
import { DomainError, httpStatus, invalid, passwordChangeRequired, unauthenticated, type ErrorBody } from './errors.ts';
import type { Actor } from './policy.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** How many requests are being answered right now. */
    inFlight: () => number;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** The signed-in account's password was set by someone else and must be changed first. */
    mustChangePassword: boolean;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Answers a read with JSON built once per (key, data generation): list pages that many people open again and
 * again without anything having changed in between. The key must hold everything the answer depends on.
 */
export async function cachedJson(app: FastifyInstance, reply: FastifyReply, key: string, produce: () => Promise<unknown>): Promise<FastifyReply> {
  // Kept encoded: the pages are mostly Chinese text, and encoding them again for every answer shows in profiles.
  const body = await app.services.caches.pages.getOrCompute(key, async () => Buffer.from(JSON.stringify(await produce())));
  return reply.type('application/json; charset=utf-8').send(body);
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

const contexts = new WeakMap<FastifyRequest, Ctx>();

/** The context a command runs in (made once per request). */
export function ctxOf(app: FastifyInstance, request: FastifyRequest): Ctx {
  let ctx = contexts.get(request);
  if (!ctx) {
    const { db, dbKind, generation, cipher, clock, config, log, caches } = app.services;
    ctx = { db, dbKind, generation, cipher, clock, config, log, caches, actor: requireActor(request), requestId: String(request.id) };
    contexts.set(request, ctx);
  }
  return ctx;
}

/** What a signed-in user whose password was set by someone else may still do: see who they are, leave, change it. */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['GET /api/v1/me', 'PATCH /api/v1/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/login', 'POST /api/v1/auth/password']);

/**
 * Resolves the session cookie into an actor on every API request, ends sessions that are too old or idle too
 * long, refuses cookie-authenticated writes without the CSRF token (double submit: the page echoes a cookie it
 * can read into a header), and keeps an account whose password must be changed to the change-password route.
 */
export function registerSession(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  const { sessionIdleMinutes: idleMinutes, sessionMaxHours: maxHours } = app.services.config;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const { db, clock, caches } = app.services;
    const now = clock.now();
    const found = await caches.sessions.getOrCompute(token, () => actorForSession(db, token, now));
    if (!found || sessionEnded(found, now, { idleMinutes, maxHours })) return;
    // Last-seen moves at most once a minute, so the hot path stays a cached read.
    if (now.getTime() - Date.parse(found.lastSeenAt) >= TOUCH_EVERY_MS) await touchSession(db, token, now);
    request.actor = found.actor;
    request.csrfToken = found.csrfToken;
    request.mustChangePassword = found.mustChangePassword;
    if (WRITE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== found.csrfToken) {
      throw new DomainError('forbidden', 'CSRF_TOKEN_INVALID', 'The request did not carry the page token; reload the page and try again');
    }
    if (found.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${request.routeOptions.url ?? ''}`)) {
      throw passwordChangeRequired();
    }
  });
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return details ? { error: { code, message, details } } : { error: { code, message } };
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'statusCode' in error;
}

/** The one error handler: domain errors by their kind, validation as 400, the rest a logged 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      return reply.status(httpStatus(error.kind)).send(errorBody(error.code, error.message, error.details));
    }
    if (isFastifyError(error) && error.validation) {
      const issues = error.validation.map((v) => ({
        path: (v.instancePath || (typeof v.params.missingProperty === 'string' ? `/${v.params.missingProperty}` : '')).replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `Invalid ${error.validationContext ?? 'request'}: ${error.message}`, { issues }));
    }
    if (isFastifyError(error) && error.statusCode && error.statusCode < 500) {
      const code = error.statusCode === 429 ? 'RATE_LIMITED' : error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      return reply.status(error.statusCode).send(errorBody(code, error.message));
    }
    if (isBrokenMultipart(error)) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', 'The upload arrived cut off or malformed; send the file again'));
    }
    const refused = refusedInput(error);
    if (refused) {
      // The schemas should have stopped this input; the fuzz suite fails on any answer marked this way.
      request.log.warn({ err: error }, 'the database refused the input');
      return reply.status(400).send(errorBody('VALIDATION_FAILED', refused, { issues: [], refusedBy: 'database' }));
    }
    if (isDatabaseDown(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply.status(503).send(errorBody('DATABASE_UNAVAILABLE', 'The database cannot be reached; try again shortly'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', `Something went wrong (request ${String(request.id)})`));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}

/**
 * Last line of defence: the database refused a value the request carried (a number out of an integer column's
 * range, a NUL in text, an impossible date, a reference to a missing row). That is bad input, not a fault of the
 * server, so it answers 400 instead of 500. Returns the message, or null for any other error.
 */
export function refusedInput(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  // PostgreSQL class 22 is "data exception": 22P02 bad text for a type, 22003 out of range, 22021 NUL or bad
  // encoding, 22007/22008 bad date or time, 22001 too long.
  if (/^22[0-9A-Z]{3}$/.test(code)) return 'A value is not valid for its field';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'A value refers to something that does not exist';
  if (code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || code === 'SQLITE_RANGE') return 'A value is not valid for its field';
  return null;
}

/**
 * The multipart parser (busboy) throws plain errors for a body that ends early, a part with cut-off headers or a
 * content type without a boundary: those are the caller's broken upload (a phone losing its connection), not a
 * fault of the server. The upload routes may answer them more precisely; this keeps them from ever being a 500.
 */
export function isBrokenMultipart(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Malformed part header|Part terminated early|Missing (boundary|Content-Type))/.test(error.message);
}

const NUL = '\u0000';

/** Where the first text (or key) holding a NUL, or the first number that is not finite, sits in a parsed input. */
export function badInputPath(input: unknown): { path: string; message: string } | null {
  // Iterative, and the path is only spelled out when something is found: a deeply nested body must neither
  // exhaust the stack nor build a long path string at every level.
  interface Item {
    value: unknown;
    key: string;
    parent: Item | null;
  }
  const pathOf = (item: Item, last?: string): string => {
    const keys: string[] = last === undefined ? [] : [last];
    for (let at: Item | null = item; at && at.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.');
  };
  const stack: Item[] = [{ value: input, key: '', parent: null }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const { value } = item;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return { path: pathOf(item), message: 'must not contain the NUL character' };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path: pathOf(item), message: 'must be a finite number' };
    } else if (ArrayBuffer.isView(value)) {
      // A raw body (bytes): what it holds is for its parser to judge, and walking it byte by byte would be slow.
      continue;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, key: String(i), parent: item }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes(NUL)) return { path: pathOf(item, k.replaceAll(NUL, '')), message: 'must not contain the NUL character' };
        stack.push({ value: v, key: k, parent: item });
      }
    }
  }
  return null;
}

/**
 * Refuses, with 400, any body, query or path value that no column can hold: text with a NUL character
 * (PostgreSQL rejects it outright) and numbers that are not finite. The validator turns a query's "1e400" or
 * "Infinity" into Infinity and then skips its range check, so this runs after validation, on the coerced values.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const bad = badInputPath(value);
      if (bad) throw invalid(`Invalid ${part}: ${bad.path || part} ${bad.message}`, [bad]);
    }
  });
}

function isDatabaseDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || code === 'SQLITE_BUSY' || /Connection terminated/.test(error.message);
}
