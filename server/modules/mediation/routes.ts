import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../core/context.ts';
import { notFound, ruleBroken } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { decodeCursor, DEFAULT_PAGE, toPage } from '../../core/pagination.ts';
import { canAt, requireAnywhere, scopesFor } from '../../core/policy.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { renderAgreement } from './agreementPdf.ts';
import { caseFor, unitFor, volunteerFor } from './access.ts';
import { addSession } from './commands/addSession.ts';
import { createCase } from './commands/createCase.ts';
import { createVolunteer } from './commands/createVolunteer.ts';
import { endVolunteer } from './commands/endVolunteer.ts';
import { recordAgreement } from './commands/recordAgreement.ts';
import { recordFailure } from './commands/recordFailure.ts';
import { recordVisit } from './commands/recordVisit.ts';
import { updateVolunteer } from './commands/updateVolunteer.ts';
import { mediationPolicy, type MediationAction } from './policy.ts';
import { presentCase, presentCaseSummary, presentVolunteer } from './present.ts';
import * as q from './queries.ts';
import { caseNumber, commandsAllowed, committeeName, hasAgreement } from './rules/cases.ts';
import { volunteerCommands } from './rules/volunteers.ts';
import * as s from './schemas.ts';
import { communityOf, unitNames } from './units.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };

export const mediationRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mediation'];

  /** The scopes to list within: the requested unit (authorised) or all of the actor's scopes for the action. */
  async function listScopes(request: FastifyRequest, unitId: number | undefined, action: MediationAction): Promise<string[]> {
    const ctx = ctxOf(app, request);
    if (unitId) return [(await unitFor(ctx, unitId, action)).path];
    requireAnywhere(ctx.actor, mediationPolicy[action]);
    return scopesFor(ctx.actor, mediationPolicy[action]);
  }

  /** What the caller may do with the case now: the steps its state admits, if they may write there. */
  function actionsOn(ctx: Ctx, found: q.CaseRow): string[] {
    const steps: string[] = canAt(ctx.actor, mediationPolicy['mediation.write'], found.path) ? [...commandsAllowed(found.status)] : [];
    if (hasAgreement(found)) steps.push('downloadAgreement');
    return steps;
  }

  async function committeeOf(ctx: Ctx, path: string): Promise<string> {
    const community = await communityOf(ctx.db, path);
    return committeeName(community?.name ?? '');
  }

  async function detail(ctx: Ctx, found: q.CaseRow) {
    const [names, parties, sessions, visits, committee] = await Promise.all([
      unitNames(ctx.db, [found.unit_id]),
      q.partiesOf(ctx.db, [found.id]),
      q.sessionsOf(ctx.db, found.id),
      q.visitsOf(ctx.db, found.id),
      committeeOf(ctx, found.path),
    ]);
    return presentCase(found, { unitName: names.get(found.unit_id) ?? '', committee, parties, sessions, visits, actions: actionsOn(ctx, found) });
  }

  /** The case as a write left it. */
  async function reloaded(ctx: Ctx, id: number) {
    const found = await q.getCase(ctx.db, id);
    if (!found) throw notFound('mediation case');
    return detail(ctx, found);
  }

  app.get('/mediation/cases', { schema: { tags, summary: 'Mediation cases (让三尺) within the caller’s part of the tree (paginated)', querystring: s.CaseListQuery, response: { 200: PageOf(s.CaseSummaryT), ...errors } } }, async (request) => {
    const { unitId, status, limit = DEFAULT_PAGE, cursor } = request.query;
    const scopes = await listScopes(request, unitId, 'mediation.read');
    const { db } = app.services;
    const rows = await q.listCases(db, { scopes, status, cursor: decodeCursor(cursor), limit });
    const kept = rows.slice(0, limit);
    const [names, parties] = await Promise.all([unitNames(db, kept.map((r) => r.unit_id)), q.partiesOf(db, kept.map((r) => r.id))]);
    return toPage(rows, limit, (r) => presentCaseSummary(r, names.get(r.unit_id) ?? '', parties));
  });

  app.post('/mediation/cases', { schema: { tags, summary: 'Open a case with its parties and mediator', body: s.CreateCaseBody, response: { 201: s.CaseDetailT, ...writeErrors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.body.unitId, 'mediation.write');
    const id = await createCase(ctx, unit, request.body);
    return reply.status(201).send(await reloaded(ctx, id));
  });

  app.get('/mediation/cases/:id', { schema: { tags, summary: 'A case with its parties, sessions, return visits and the caller’s actions', params: IdParams, response: { 200: s.CaseDetailT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    return detail(ctx, await caseFor(ctx, request.params.id, 'mediation.read'));
  });

  // The steps on a case: authorise, run the command, answer with the case as it is now.
  const stepSchema = { tags, params: IdParams, response: { 200: s.CaseDetailT, ...writeErrors } };

  app.post('/mediation/cases/:id/sessions', { schema: { ...stepSchema, summary: 'Record a mediation session', body: s.SessionBody } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await caseFor(ctx, request.params.id, 'mediation.write');
    await addSession(ctx, found, request.body);
    return reloaded(ctx, found.id);
  });

  app.post('/mediation/cases/:id/agreement', { schema: { ...stepSchema, summary: 'Record the agreement: terms, how and by when they are carried out', body: s.AgreementBody } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await caseFor(ctx, request.params.id, 'mediation.write');
    await recordAgreement(ctx, found, request.body);
    return reloaded(ctx, found.id);
  });

  app.post('/mediation/cases/:id/fail', { schema: { ...stepSchema, summary: 'Record that mediation failed, with the reason', body: s.FailBody } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await caseFor(ctx, request.params.id, 'mediation.write');
    await recordFailure(ctx, found, request.body);
    return reloaded(ctx, found.id);
  });

  app.post('/mediation/cases/:id/visits', { schema: { ...stepSchema, summary: 'Record the return visit (回访); closes the case', body: s.VisitBody } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await caseFor(ctx, request.params.id, 'mediation.write');
    await recordVisit(ctx, found, request.body);
    return reloaded(ctx, found.id);
  });

  app.get('/mediation/cases/:id/agreement.pdf', { schema: { tags, summary: 'The 人民调解协议书 to print and sign (lang=zh-CN or bo for Tibetan headings)', params: IdParams, querystring: s.PdfQuery } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const found = await caseFor(ctx, request.params.id, 'mediation.read');
    if (!hasAgreement(found) || !found.performance || !found.perform_by || !found.agreed_on) {
      throw ruleBroken('NO_AGREEMENT', 'The case has no agreement to print');
    }
    const [parties, committee] = await Promise.all([q.partiesOf(ctx.db, [found.id]), committeeOf(ctx, found.path)]);
    const number = caseNumber(found.id, found.created_at);
    const pdf = await renderAgreement(
      {
        number,
        committee,
        parties: parties.map((p) => ({ role: p.role, name: p.name, gender: p.gender, ethnicity: p.ethnicity, address: p.address })),
        facts: found.facts,
        dispute: found.dispute,
        terms: found.terms ?? '',
        performance: found.performance,
        performBy: found.perform_by,
        agreedOn: found.agreed_on,
        mediatorName: found.mediator_name,
      },
      request.query.lang ?? 'zh-CN',
    );
    const fileName = `人民调解协议书-${number}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="mediation-agreement-${found.id}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(pdf);
  });

  /** What the caller may do with the volunteer now: change or end a service that lasts, if they may write there. */
  function volunteerActions(ctx: Ctx, v: q.VolunteerRow): string[] {
    return canAt(ctx.actor, mediationPolicy['volunteers.write'], v.path) ? [...volunteerCommands(v)] : [];
  }

  /** The volunteer as a write left it. */
  async function volunteerOut(ctx: Ctx, id: number) {
    const row = await q.getVolunteer(ctx.db, id);
    if (!row) throw notFound('volunteer');
    const names = await unitNames(ctx.db, [row.unit_id]);
    return presentVolunteer(row, names.get(row.unit_id) ?? '', volunteerActions(ctx, row));
  }

  app.get('/volunteers', { schema: { tags, summary: 'Volunteers (志愿者) within the caller’s part of the tree, by team; those serving unless status=ended or all (paginated)', querystring: s.VolunteerQuery, response: { 200: PageOf(s.VolunteerT), ...errors } } }, async (request) => {
    const { unitId, team, status = 'active', limit = DEFAULT_PAGE, cursor } = request.query;
    const scopes = await listScopes(request, unitId, 'volunteers.read');
    const ctx = ctxOf(app, request);
    const rows = await q.listVolunteers(ctx.db, { scopes, team, status, cursor: decodeCursor(cursor), limit });
    const names = await unitNames(ctx.db, rows.slice(0, limit).map((r) => r.unit_id));
    return toPage(rows, limit, (r) => presentVolunteer(r, names.get(r.unit_id) ?? '', volunteerActions(ctx, r)));
  });

  app.post('/volunteers', { schema: { tags, summary: 'Register a volunteer of a team at a unit', body: s.CreateVolunteerBody, response: { 201: s.VolunteerT, ...writeErrors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.body.unitId, 'volunteers.write');
    const id = await createVolunteer(ctx, unit, request.body);
    return reply.status(201).send(await volunteerOut(ctx, id));
  });

  app.get('/volunteers/:id', { schema: { tags, summary: 'A volunteer with the caller’s actions', params: IdParams, response: { 200: s.VolunteerT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await volunteerFor(ctx, request.params.id, 'volunteers.read');
    return volunteerOut(ctx, found.id);
  });

  app.post('/volunteers/:id', { schema: { tags, summary: 'Change a serving volunteer’s name, team, note or linked resident', params: IdParams, body: s.UpdateVolunteerBody, response: { 200: s.VolunteerT, ...writeErrors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await volunteerFor(ctx, request.params.id, 'volunteers.write');
    await updateVolunteer(ctx, found, request.body);
    return volunteerOut(ctx, found.id);
  });

  app.post('/volunteers/:id/end', { schema: { tags, summary: 'End a volunteer’s service on a day, with an optional reason', params: IdParams, body: s.EndVolunteerBody, response: { 200: s.VolunteerT, ...writeErrors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const found = await volunteerFor(ctx, request.params.id, 'volunteers.write');
    await endVolunteer(ctx, found, request.body);
    return volunteerOut(ctx, found.id);
  });
};
