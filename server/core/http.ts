import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorForSession, CSRF_HEADER, SESSION_COOKIE, sessionEnded, TOUCH_EVERY_MS, touchSession } from './auth.ts';
import type { Ctx, Services } from './context.ts';
import { DomainError, httpStatus, passwordChangeRequired, unauthenticated, type ErrorBody } from './errors.ts';
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

function isDatabaseDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || code === 'SQLITE_BUSY' || /Connection terminated/.test(error.message);
}
