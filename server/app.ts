import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from './core/context.ts';
import { registerErrorHandler, registerInputGuard, registerSession } from './core/http.ts';
import { registerIdempotency } from './core/idempotency.ts';
import { registerBenchStats } from './core/benchStats.ts';
import { registerSecurityHeaders } from './core/securityHeaders.ts';
import { modules } from './modules/index.ts';

export interface BuildOptions {
  services: Services;
  /** A pino logger for the requests (each line carries the request id), or nothing for silent tests. */
  logger?: FastifyBaseLogger;
}

/** Builds the application without listening; tests inject requests into it. */
export async function build({ services, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // Only configured proxies may tell the client's address and scheme (X-Forwarded-For/-Proto): trusting
    // anyone would let a client pick its own address and walk past the sign-in limits (XIAOQU_TRUST_PROXY).
    trustProxy: trustProxyOption(services.config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', services);
  // Requests still being answered; shutdown waits for them before closing the database.
  let inFlight = 0;
  app.decorate('inFlight', () => inFlight);
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onResponse', async () => {
    inFlight--;
  });
  app.addHook('onRequestAbort', async (_request) => {
    inFlight--;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'xiaoqu API', version: '1', description: 'Community governance platform (五个在小区)' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xq_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app);
  registerSession(app);
  registerInputGuard(app);
  registerIdempotency(app);

  for (const mod of modules) {
    await app.register(mod.routes, { prefix: mod.prefix });
  }
  // The benchmark's own figures (bench/run.ts); never on unless asked for.
  if (process.env.XIAOQU_BENCH_STATS === '1') registerBenchStats(app);

  await serveWeb(app, services.config.webDir);
  return app;
}

/**
 * Fastify takes addresses and CIDR ranges as they are; a hop count it would ignore (it cannot check the peer),
 * so it becomes "trust the nearest N hops", as Express does: only for a server no client can reach directly.
 */
function trustProxyOption(trust: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The built web app from the same process; unknown non-API paths get index.html (client-side routes). */
async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) return;
  // Assets are precompressed at build time (.br/.gz); file names under assets/ carry a content hash.
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const html = fs.readFileSync(index, 'utf8');
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/open311/')) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${url}` } });
    }
    const file = path.join(webDir, path.normalize(url));
    if (file.startsWith(webDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(webDir, file));
    }
    return sendIndex(request, reply);
  });
}
