import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { authorize } from '../../core/policy.ts';
import { ErrorResponse, IdParams } from '../../core/schemas.ts';
import { getResident, type ResidentRow } from '../org/index.ts';
import { anonymise } from './commands/anonymise.ts';
import { exportRecord } from './commands/exportRecord.ts';
import { recordOwnReveal } from './commands/revealOwn.ts';
import { privacyPolicy, type PrivacyAction } from './policy.ts';
import { presentRecord } from './present.ts';
import { personFacts } from './queries.ts';
import * as s from './schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const privacyRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['privacy'];

  async function residentFor(ctx: Ctx, id: number, action: PrivacyAction): Promise<ResidentRow> {
    const resident = await getResident(ctx.db, id);
    if (!resident) throw notFound('resident');
    authorize(ctx.actor, privacyPolicy[action], resident.path, 'resident');
    return resident;
  }

  app.get(
    '/me/data',
    {
      schema: {
        tags,
        summary: 'What the platform holds about the signed-in person (PIPL 查阅): register entry, household, reports, mediation cases, and who saw their numbers; reveal=1 shows their own numbers (recorded)',
        querystring: s.MyDataQuery,
        response: { 200: s.PersonRecordT, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const linked = ctx.actor.residentId === null ? undefined : await getResident(ctx.db, ctx.actor.residentId);
      const resident = linked ?? null;
      const reveal = request.query.reveal === '1' && resident !== null;
      if (reveal) await recordOwnReveal(ctx, resident);
      const facts = await personFacts(ctx.db, ctx.cipher, resident, [ctx.actor.userId]);
      // Personal data: never kept by a browser or a proxy.
      void reply.header('cache-control', 'no-store');
      return presentRecord(facts, { reveal, cipher: ctx.cipher, at: ctx.clock.now().toISOString() });
    },
  );

  app.post(
    '/privacy/residents/:id/export',
    {
      schema: {
        tags,
        summary: 'A resident’s full record with numbers in clear, as a JSON file (PIPL 查阅复制 / 可携); the purpose and the parts exposed are recorded',
        params: IdParams,
        body: s.ExportBody,
        response: { 200: s.PersonRecordT, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const resident = await residentFor(ctx, request.params.id, 'privacy.export');
      const record = await exportRecord(ctx, resident, request.body);
      const day = record.generatedAt.slice(0, 10);
      return reply
        .header('cache-control', 'no-store')
        // Named by id and day, not by the person: file names travel further than files (mail subjects, shares).
        .header('content-disposition', `attachment; filename="resident-${resident.id}-${day}.json"`)
        .send(record);
    },
  );

  app.post(
    '/privacy/residents/:id/anonymise',
    {
      schema: {
        tags,
        summary: 'Anonymise a resident on request (PIPL 删除权), irreversibly: the name typed again confirms it; the reason and what was removed are recorded',
        params: IdParams,
        body: s.AnonymiseBody,
        response: { 200: s.AnonymiseResult, ...errors, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const resident = await residentFor(ctx, request.params.id, 'privacy.anonymise');
      return anonymise(ctx, resident, request.body);
    },
  );
};
