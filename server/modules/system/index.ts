import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../../core/schemas.ts';
import { ping } from '../../core/db.ts';
import type { Module } from '../../core/module.ts';

const routes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up', security: [], response: { 200: Type.Object({ status: Type.String() }) } } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The database is reachable (503 otherwise)',
        security: [],
        response: { 200: Type.Object({ status: Type.String(), database: Type.String() }), 503: ErrorResponse },
      },
    },
    async (_request, reply) => {
      if (await ping(app.services.db)) return { status: 'ok', database: app.services.dbKind };
      return reply.status(503).send({ error: { code: 'DATABASE_UNAVAILABLE', message: 'The database cannot be reached' } });
    },
  );
};

export const systemModule: Module = { name: 'system', prefix: '', routes };
