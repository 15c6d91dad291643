import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CSRF_COOKIE, loadActor, SESSION_COOKIE } from '../../core/auth.ts';
import { unauthenticated } from '../../core/errors.ts';
import { ctxOf, requireActor } from '../../core/http.ts';
import { ErrorResponse } from '../../core/schemas.ts';
import { changePassword } from './commands/changePassword.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { setLanguage } from './commands/setLanguage.ts';
import { presentMe } from './present.ts';
import { ChangePasswordBody, LoginBody, MePatch, MeResponse } from './schemas.ts';

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { secureCookies, sessionMaxHours } = app.services.config;
  // Secure when the request came over HTTPS (request.protocol believes X-Forwarded-Proto only from a trusted
  // proxy), or always with XIAOQU_SECURE_COOKIES=1.
  const cookieBase = (request: FastifyRequest) => ({ path: '/', sameSite: 'lax' as const, secure: secureCookies || request.protocol === 'https', maxAge: sessionMaxHours * 3600 });

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
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase(request), httpOnly: true });
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase(request), httpOnly: false });
      return presentMe(actor, result.mustChangePassword);
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
    async (request) => presentMe(requireActor(request), request.mustChangePassword),
  );
  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (current and new); ends the account’s other sessions',
        body: ChangePasswordBody,
        response: { 200: MeResponse, 400: ErrorResponse, 401: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const sessionToken = request.cookies[SESSION_COOKIE] ?? '';
      await changePassword(ctx, { ...request.body, address: request.ip, sessionToken });
      return presentMe(ctx.actor, false);
    },
  );

  app.patch(
    '/me',
    { schema: { tags: ['auth'], summary: 'Save the interface language', body: MePatch, response: { 200: MeResponse, 400: ErrorResponse, 401: ErrorResponse } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      await setLanguage(ctx, request.body.language);
      return presentMe({ ...ctx.actor, language: request.body.language }, request.mustChangePassword);
    },
  );
};
