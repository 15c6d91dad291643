import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CSRF_COOKIE, loadActor, SESSION_COOKIE, SESSION_HOURS } from '../../core/auth.ts';
import { unauthenticated } from '../../core/errors.ts';
import { ctxOf, requireActor } from '../../core/http.ts';
import { ErrorResponse } from '../../core/schemas.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { setLanguage } from './commands/setLanguage.ts';
import { presentMe } from './present.ts';
import { LoginBody, MePatch, MeResponse } from './schemas.ts';

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: app.services.config.secureCookies, maxAge: SESSION_HOURS * 3600 };

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session and CSRF cookies',
        security: [],
        body: LoginBody,
        response: { 200: MeResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await login(app.services, { ...request.body, address: request.ip }, String(request.id));
      const actor = await loadActor(app.services.db, result.userId);
      if (!actor) throw unauthenticated();
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase, httpOnly: false });
      return presentMe(actor);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), 401: ErrorResponse } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctxOf(app, request), token);
      else requireActor(request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, language, roles and permissions', response: { 200: MeResponse, 401: ErrorResponse } } },
    async (request) => presentMe(requireActor(request)),
  );

  app.patch(
    '/me',
    { schema: { tags: ['auth'], summary: 'Save the interface language', body: MePatch, response: { 200: MeResponse, 400: ErrorResponse, 401: ErrorResponse } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      await setLanguage(ctx, request.body.language);
      return presentMe({ ...ctx.actor, language: request.body.language });
    },
  );
};
