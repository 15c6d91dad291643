import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, invalid, notFound } from '../../core/errors.ts';
import { cachedJson, ctxOf } from '../../core/http.ts';
import { decodeCursor, toPage } from '../../core/pagination.ts';
import { authorize, canAt, requireAnywhere, scopesFor, type Actor } from '../../core/policy.ts';
import { clientNetwork, countAttempt, type Limit } from '../../core/rateLimits.ts';
import { ReadCache } from '../../core/readCache.ts';
import { ErrorResponse, Id, IdParams } from '../../core/schemas.ts';
import { requireQuery } from '../../core/search.ts';
import { decodeSearchCursor, encodeSearchCursor } from '../../core/searchIndex.ts';
import { cachedUnit, getResident } from '../org/index.ts';
import { accessOf, act, issueFor, stateOf } from './commands/act.ts';
import { mergeMany, rejectMany } from './commands/bulk.ts';
import { createCategory, removeCalendarDay, setCalendarDay, setDeadline, setRoute, updateCategory } from './commands/configure.ts';
import { reportIssue } from './commands/report.ts';
import { writerOf, type Writer } from './commands/shared.ts';
import { anonymousFloods, floodIssues } from './floodQueries.ts';
import { BODY_ROLES, checkResidentReport, issuesPolicy, relationOf } from './policy.ts';
import { presentCategory, presentDetail, presentItem, presentPublic } from './present.ts';
import * as q from './queries.ts';
import { renderQrSheet } from './qrSheet.ts';
import { allowedActions, isAction } from './rules/lifecycle.ts';
import * as s from './schemas.ts';
import { buildingOfToken, buildingToken } from './tokens.ts';

// Reports carry photos as data URLs; the phone page shrinks them first, so 24 MB leaves room for nine.
const WITH_PHOTOS = 24 * 1024 * 1024;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const publicErrors = { ...errors, 429: ErrorResponse };
const HOUR = 3600;

export const issuesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['issues'];
  const bodiesOfKinds = new ReadCache<{ id: number; kind: keyof typeof BODY_ROLES; path: string }[]>(app.services.generation, 10, ['bodies']);

  async function unitAt(request: FastifyRequest, id: number, action: keyof typeof issuesPolicy, level?: 'compound') {
    const ctx = ctxOf(app, request);
    const unit = await cachedUnit(ctx, id);
    if (!unit) throw notFound('unit');
    authorize(ctx.actor, issuesPolicy[action], unit.path, 'unit');
    if (level && unit.level !== level) throw invalid(`Choose a ${level}`, [{ path: 'unitId', message: `not a ${level}` }]);
    return unit;
  }

  /** The bodies the actor acts for, and the nodes they hold roles at: what "mine" means beyond assignment. */
  async function handlerScope(actor: Actor): Promise<{ bodyIds: number[]; nodePaths: string[] }> {
    const kinds = (Object.entries(BODY_ROLES) as [keyof typeof BODY_ROLES, string][]).filter(([, role]) => actor.grants.some((g) => g.role === role)).map(([k]) => k);
    const paths = actor.grants.filter((g) => g.role !== 'resident').map((g) => g.path);
    let bodyIds: number[] = [];
    if (kinds.length) {
      const bodies = await bodiesOfKinds.getOrCompute(kinds.join(), () => app.services.db.selectFrom('bodies').select(['id', 'kind', 'path']).where('kind', 'in', kinds).execute());
      bodyIds = bodies.filter((b) => actor.grants.some((g) => g.role === BODY_ROLES[b.kind] && b.path.startsWith(g.path))).map((b) => b.id);
    }
    return { bodyIds, nodePaths: paths };
  }

  // ---- the loop ----

  app.post('/issues', { bodyLimit: WITH_PHOTOS, schema: { tags, summary: 'Report an issue (honours Idempotency-Key); routed at once', body: s.ReportBody, response: { 201: s.ReportResponse, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitAt(request, request.body.unitId, 'issues.report');
    const residentOnly = ctx.actor.grants.every((g) => g.role === 'resident');
    const source = residentOnly ? 'resident_app' : (request.body.source ?? 'station_visit');
    if (residentOnly && request.body.source && request.body.source !== 'resident_app') throw invalid('Residents report from the resident page', [{ path: 'source', message: 'not allowed' }]);
    let householdId = request.body.householdId ?? null;
    if (residentOnly) {
      // A resident reports about their own flat (their "my flat" means it) or the common parts, in their own name.
      const own = ctx.actor.residentId ? ((await getResident(ctx.db, ctx.actor.residentId))?.household_id ?? null) : null;
      checkResidentReport(ctx.actor, { householdId, ownHouseholdId: own, reporterName: request.body.reporterName });
      if (request.body.placeKind === 'room' && !householdId) householdId = own;
    }
    const result = await reportIssue(writerOf(ctx), { ...request.body, householdId, unitId: unit.id, source, showName: request.body.showName ?? false });
    return reply.status(201).send(result);
  });

  app.get('/issues', { schema: { tags, summary: 'Work queues, scoped to the caller', querystring: s.ListQuery, response: { 200: s.IssuePage, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const query = request.query;
    const view = query.view ?? (ctx.actor.grants.every((g) => g.role === 'resident') ? 'reported' : 'mine');
    let scopes: string[] = [];
    if (view !== 'reported') {
      if (query.unitId) scopes = [(await unitAt(request, query.unitId, 'issues.read')).path];
      else {
        requireAnywhere(ctx.actor, issuesPolicy['issues.read']);
        scopes = scopesFor(ctx.actor, issuesPolicy['issues.read']);
      }
    }
    const mine = view === 'mine' ? await handlerScope(ctx.actor) : { bodyIds: [], nodePaths: [] };
    const limit = query.limit ?? 20;
    const now = ctx.clock.now().toISOString();
    const key = `issues:${JSON.stringify([view, scopes, view === 'mine' || view === 'reported' ? ctx.actor.userId : 0, query, now.slice(0, 16)])}`;
    const filter = { view, scopes, userId: ctx.actor.userId, ...mine, status: query.status, categoryId: query.categoryId, size: query.size, level: query.level, limit };
    const text = query.q?.trim();
    if (text) {
      // Text search: answered from the search index (server/core/searchIndex.ts), never by scanning the queue.
      const search = requireQuery(text);
      const cursor = query.cursor ? decodeSearchCursor(query.cursor) : null;
      if (query.cursor && !cursor) throw invalid('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this search' }]);
      return cachedJson(app, reply, key, async () => {
        const page = await q.searchIssues(ctx.db, { ...filter, query: search, cursor });
        return { items: page.rows.map((r) => presentItem(r, now)), nextCursor: page.next ? encodeSearchCursor(page.next) : null };
      });
    }
    return cachedJson(app, reply, key, async () => {
      const rows = await q.listIssues(ctx.db, { ...filter, cursor: decodeCursor(query.cursor) });
      return toPage(rows, limit, (r) => presentItem(r, now));
    });
  });

  app.post('/issues/bulk-assign', { schema: { tags, summary: 'Dispatch several issues to one target (each with its version)', body: s.BulkAssignBody, response: { 200: s.BulkAssignResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const results = [];
    for (const item of request.body.items) {
      try {
        const r = await act(ctx, item.id, 'assign', { version: item.version, target: request.body.target, comment: request.body.comment });
        results.push({ id: item.id, ok: true, status: r.status, version: r.version, error: null });
      } catch (e) {
        results.push({ id: item.id, ok: false, status: null, version: null, error: e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'INTERNAL' });
      }
    }
    return { results };
  });

  // ---- floods of anonymous reports: see them, reject or merge them in bulk ----

  /** The subtrees the caller reads issues in: the unit asked for, else everywhere they may. */
  async function readScopes(request: FastifyRequest, unitId: number | undefined): Promise<string[]> {
    if (unitId) return [(await unitAt(request, unitId, 'issues.read')).path];
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.read']);
    return scopesFor(ctx.actor, issuesPolicy['issues.read']);
  }
  const hoursAgo = (hours: number) => new Date(app.services.clock.now().getTime() - hours * HOUR * 1000).toISOString();

  app.get('/issues/floods', { schema: { tags, summary: 'Places with many anonymous QR reports lately, by the address (hashed) they came from', querystring: s.FloodQuery, response: { 200: s.FloodList, ...errors } } }, async (request) => {
    const scopes = await readScopes(request, request.query.unitId);
    const since = hoursAgo(request.query.hours ?? 24);
    return { since, items: await anonymousFloods(app.services.db, scopes, since, request.query.min ?? 5) };
  });

  app.get('/issues/floods/items', { schema: { tags, summary: 'The anonymous reports of one place lately (optionally from one origin), newest first', querystring: s.FloodItemsQuery, response: { 200: s.FloodItems, ...errors } } }, async (request) => {
    const scopes = await readScopes(request, request.query.unitId);
    const now = app.services.clock.now().toISOString();
    const rows = await floodIssues(app.services.db, { scopes, unitId: request.query.unitId, origin: request.query.origin, since: hoursAgo(request.query.hours ?? 24), limit: 500 });
    return { items: rows.map((r) => ({ ...presentItem(r, now), origin: r.origin_hash })) };
  });

  app.post('/issues/bulk-reject', { schema: { tags, summary: '不予受理 for many issues at once (a flood): all or none, each checked like a single reject', body: s.BulkRejectBody, response: { 200: s.BulkCloseResponse, ...errors } } }, async (request) => {
    const { items, reason, comment, note } = request.body;
    return { results: await rejectMany(ctxOf(app, request), items, { reason, comment, note }) };
  });

  app.post('/issues/bulk-merge', { schema: { tags, summary: 'Merge many issues into one they duplicate: all or none, each checked like a single merge', body: s.BulkMergeBody, response: { 200: s.BulkCloseResponse, ...errors } } }, async (request) => {
    const { items, intoId, comment, note } = request.body;
    return { results: await mergeMany(ctxOf(app, request), items, { intoId, comment, note }) };
  });

  app.get('/issues/plan', { schema: { tags, summary: 'Open and overdue issues per building of a compound', querystring: s.UnitQuery, response: { 200: s.PlanResponse, ...errors } } }, async (request) => {
    const unit = await unitAt(request, request.query.unitId, 'issues.read', 'compound');
    const counts = await q.openByBuilding(app.services.db, unit.path);
    const buildings = [...counts].filter(([id]) => id !== unit.id).map(([buildingId, c]) => ({ buildingId, ...c }));
    return { buildings, compoundOpen: counts.get(unit.id)?.open ?? 0 };
  });

  app.get('/issues/stats', { schema: { tags, summary: 'Figures for a unit: status, 小事不出楼栋/大事不出小区 shares, ratings, trend', querystring: s.UnitQuery, response: { 200: s.StatsResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitAt(request, request.query.unitId, 'issues.read');
    const now = ctx.clock.now();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString();
    const st = await q.statsOf(ctx.db, unit.path, since);
    const rated = Object.entries(st.ratings).reduce((n, [, v]) => n + v, 0);
    return {
      ...st,
      bySize: st.bySize.map((b) => ({ ...b, share: b.closed ? b.settledLocally / b.closed : null })),
      satisfaction: rated ? ((st.ratings.satisfied ?? 0) + (st.ratings.basically ?? 0)) / rated : null,
    };
  });

  app.get('/issues/qr-links', { schema: { tags, summary: "The resident page's address for each building of a compound", querystring: s.UnitQuery, response: { 200: Type.Object({ items: Type.Array(Type.Object({ buildingId: Type.Integer(), name: Type.String(), token: Type.String(), url: Type.String() })) }), ...errors } } }, async (request) => {
    const unit = await unitAt(request, request.query.unitId, 'issues.read', 'compound');
    return { items: await qrLinks(request, unit.id) };
  });

  app.get('/issues/qr-sheet.pdf', { schema: { tags, summary: 'Printable sheet of building QR codes for a compound', querystring: s.UnitQuery } }, async (request, reply) => {
    const unit = await unitAt(request, request.query.unitId, 'issues.read', 'compound');
    const links = await qrLinks(request, unit.id);
    const pdf = await renderQrSheet({ compoundName: unit.name, title: `${unit.name} · 有事扫一扫`, hint: '扫码反映问题 · 无需下载应用', buildings: links.map((l) => ({ name: l.name, url: l.url })) });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${unit.name}-楼栋二维码.pdf`)}`).send(pdf);
  });

  async function qrLinks(request: FastifyRequest, compoundId: number) {
    const origin = app.services.config.publicUrl ?? `${request.protocol}://${request.host}`;
    const buildings = await app.services.db.selectFrom('org_units').select(['id', 'name']).where('parent_id', '=', compoundId).where('level', '=', 'building').orderBy('sort').orderBy('id').execute();
    return buildings.map((b) => {
      const token = buildingToken(app.services.cipher, b.id);
      return { buildingId: b.id, name: b.name, token, url: `${origin}/r/${token}` };
    });
  }

  app.get('/issues/:id', { schema: { tags, summary: 'One issue with its timeline and the actions the caller may take', params: IdParams, response: { 200: s.IssueDetailResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const issue = await issueFor(ctx, request.params.id);
    const rel = relationOf(ctx.actor, accessOf(issue));
    const [events, photos, household] = await Promise.all([
      q.eventsOf(ctx.db, issue.id),
      q.photosOf(ctx.db, issue.id),
      issue.household_id ? ctx.db.selectFrom('households').select(['id', 'unit_no', 'room']).where('id', '=', issue.household_id).executeTakeFirst() : undefined,
    ]);
    const staff = rel.handler || rel.dispatcher || rel.supervisor || ctx.actor.grants.some((g) => g.role !== 'resident' && (issue.path.startsWith(g.path) || issue.handler_path.startsWith(g.path)));
    return presentDetail(issue, { events, photos, household: household ?? null, actions: allowedActions(stateOf(issue), rel), staff, reporter: rel.reporter, now: ctx.clock.now().toISOString() });
  });

  app.get('/issues/:id/photos/:photoId', { schema: { tags, summary: 'A photo of an issue', params: Type.Object({ id: Id, photoId: Id }) } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const issue = await issueFor(ctx, request.params.id);
    const photo = await q.getPhoto(ctx.db, request.params.photoId);
    if (!photo || photo.issue_id !== issue.id) throw notFound('photo');
    return reply.type(photo.mime).header('cache-control', 'private, max-age=86400').send(Buffer.from(photo.content));
  });

  app.post('/issues/:id/actions/:action', { bodyLimit: WITH_PHOTOS, schema: { tags, summary: 'One transition: 409 on a stale version, 422 when the state does not allow it', params: s.ActionParams, body: s.ActionBody, response: { 200: s.ActionResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { action } = request.params;
    if (!isAction(action)) throw notFound('action');
    return act(ctx, request.params.id, action, request.body);
  });

  // ---- settings ----

  app.get('/issue-categories', { schema: { tags, summary: 'The category tree (with retired ones)', response: { 200: s.CategoryList, ...errors } } }, async (request, reply) => {
    ctxOf(app, request);
    return cachedJson(app, reply, 'issue-categories', async () => ({ items: (await q.allCategories(app.services.db)).map(presentCategory) }));
  });

  app.post('/issue-categories', { schema: { tags, summary: 'Add a category', body: s.CategoryBody, response: { 201: s.Category, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.configure']);
    const id = await createCategory(ctx, request.body);
    const row = await q.getCategory(ctx.db, id);
    if (!row) throw notFound('category');
    return reply.status(201).send(presentCategory(row));
  });

  app.post('/issue-categories/:id', { schema: { tags, summary: 'Change or retire a category', params: IdParams, body: s.CategoryPatch, response: { 200: s.Category, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.configure']);
    await updateCategory(ctx, request.params.id, request.body);
    const row = await q.getCategory(ctx.db, request.params.id);
    if (!row) throw notFound('category');
    return presentCategory(row);
  });

  app.get('/issue-routes', { schema: { tags, summary: "A compound's routing table for 大事", querystring: s.UnitQuery, response: { 200: s.RouteList, ...errors } } }, async (request) => {
    const unit = await unitAt(request, request.query.unitId, 'issues.read', 'compound');
    const rows = await app.services.db.selectFrom('issue_routes').select(['category_id', 'body_kind']).where('unit_id', '=', unit.id).orderBy('category_id').execute();
    return { items: rows.map((r) => ({ categoryId: r.category_id, bodyKind: r.body_kind })) };
  });

  app.post('/issue-routes', { schema: { tags, summary: 'Route a category of 大事 to a compound body', body: s.RouteBody, response: { 200: s.RouteList, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitAt(request, request.body.unitId, 'issues.read', 'compound');
    if (!canAt(ctx.actor, [...issuesPolicy['issues.configure'], 'branch_secretary'], unit.path)) authorize(ctx.actor, issuesPolicy['issues.configure'], unit.path);
    await setRoute(ctx, unit, request.body.categoryId, request.body.bodyKind);
    const rows = await ctx.db.selectFrom('issue_routes').select(['category_id', 'body_kind']).where('unit_id', '=', unit.id).orderBy('category_id').execute();
    return { items: rows.map((r) => ({ categoryId: r.category_id, bodyKind: r.body_kind })) };
  });

  async function deadlines() {
    const rows = await app.services.db.selectFrom('issue_deadline_rules').selectAll().orderBy('level').orderBy('category_id').execute();
    return { items: rows.map((r) => ({ level: r.level as s.DeadlineLevel, categoryId: r.category_id, workingMinutes: r.working_minutes, remindBeforeMinutes: r.remind_before_minutes })), officeHours: app.services.config.officeHours };
  }

  app.get('/issue-deadlines', { schema: { tags, summary: '办理时限 per level and category, and the office hours they count in', response: { 200: s.DeadlineList, ...errors } } }, async (request) => {
    ctxOf(app, request);
    return deadlines();
  });

  app.post('/issue-deadlines', { schema: { tags, summary: 'Set a deadline rule', body: s.DeadlineRule, response: { 200: s.DeadlineList, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.configure']);
    await setDeadline(ctx, request.body);
    return deadlines();
  });

  async function days(year: number) {
    return { items: await app.services.db.selectFrom('calendar_days').select(['day', 'kind', 'name']).where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute() };
  }

  app.get('/calendar-days', { schema: { tags, summary: 'The holiday table of a year (days off and 调休 working days)', querystring: s.CalendarQuery, response: { 200: s.CalendarList, ...errors } } }, async (request) => {
    ctxOf(app, request);
    return days(request.query.year);
  });

  app.post('/calendar-days', { schema: { tags, summary: 'Mark a day as a holiday or a make-up working day', body: s.CalendarDay, response: { 200: s.CalendarList, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.configure']);
    await setCalendarDay(ctx, request.body);
    return days(Number(request.body.day.slice(0, 4)));
  });

  app.post('/calendar-days/delete', { schema: { tags, summary: 'Remove a day from the holiday table', body: s.DayBody, response: { 200: s.CalendarList, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, issuesPolicy['issues.configure']);
    await removeCalendarDay(ctx, request.body.day);
    return days(Number(request.body.day.slice(0, 4)));
  });

  // ---- the resident's phone pages (no account needed) ----

  const publicWriter = (request: FastifyRequest): Writer => ({ services: app.services, actor: request.actor, actorName: '居民（扫码）', requestId: String(request.id) });

  async function buildingFor(token: string) {
    const id = buildingOfToken(app.services.cipher, token);
    const building = id ? await app.services.db.selectFrom('org_units').select(['id', 'name', 'path', 'parent_id', 'level']).where('id', '=', id).executeTakeFirst() : undefined;
    if (!building || building.level !== 'building' || !building.parent_id) throw notFound('building');
    const compound = await app.services.db.selectFrom('org_units').select(['id', 'name']).where('id', '=', building.parent_id).executeTakeFirstOrThrow();
    return { building, compound };
  }

  app.get('/public/buildings/:token', { schema: { tags, summary: "The resident page of a building's QR code", params: s.TokenParams, response: { 200: s.PublicBuilding, ...errors } } }, async (request) => {
    const { building, compound } = await buildingFor(request.params.token);
    const [categories, rooms] = await Promise.all([
      q.allCategories(app.services.db),
      app.services.db.selectFrom('households').select(['id', 'unit_no', 'floor', 'room']).where('building_id', '=', building.id).orderBy('unit_no').orderBy('floor').orderBy('room').execute(),
    ]);
    return {
      building: { id: building.id, name: building.name },
      compound: { id: compound.id, name: compound.name },
      categories: categories.filter((c) => c.active === 1).map(presentCategory),
      rooms: rooms.map((r) => ({ id: r.id, unitNo: r.unit_no, floor: r.floor, room: r.room })),
    };
  });

  /** A keyed hash of the caller's network: counts and groups anonymous callers without keeping their address. */
  const originOf = (request: FastifyRequest) => app.services.cipher.lookupHash(`origin:${clientNetwork(request.ip)}`).slice(0, 16);

  /** Counts one anonymous attempt against the limits; 429 RATE_LIMITED with Retry-After when one is used up. */
  async function withinLimits(reply: FastifyReply, limits: Limit[]): Promise<void> {
    const outcome = await countAttempt(app.services, limits);
    if (outcome.ok) return;
    reply.header('retry-after', String(outcome.retryAfterSeconds));
    throw new DomainError('too_many', 'RATE_LIMITED', `Too many requests from this address or for this building; try again in ${outcome.retryAfterSeconds} s`, { retryAfterSeconds: outcome.retryAfterSeconds });
  }

  app.post('/public/buildings/:token/issues', { bodyLimit: WITH_PHOTOS, schema: { tags, summary: 'Report from the QR page (honours Idempotency-Key; limited per address and per building: 429 with Retry-After)', params: s.TokenParams, body: s.PublicReportBody, response: { 201: s.ReportResponse, ...publicErrors } } }, async (request, reply) => {
    const { building } = await buildingFor(request.params.token);
    // A retry with the same Idempotency-Key was answered before this point, so it never counts twice.
    const origin = originOf(request);
    const limits = app.services.config.publicLimits;
    await withinLimits(reply, [
      { bucket: `qr-report:addr:${origin}`, max: limits.reportsPerAddressMinute, windowSeconds: 60 },
      { bucket: `qr-report:addr:${origin}`, max: limits.reportsPerAddressHour, windowSeconds: HOUR },
      { bucket: `qr-report:building:${building.id}`, max: limits.reportsPerBuildingHour, windowSeconds: HOUR },
    ]);
    // Whoever holds the code may name any room of the building: kept for routing, marked as only stated.
    const result = await reportIssue(publicWriter(request), { ...request.body, unitId: building.id, source: 'resident_app', showName: request.body.showName ?? false, origin, householdStated: true });
    return reply.status(201).send(result);
  });

  async function publicIssue(token: string) {
    const issue = await q.getIssueByToken(app.services.db, token);
    if (!issue) throw notFound('issue');
    const [events, photos] = await Promise.all([q.eventsOf(app.services.db, issue.id), q.photosOf(app.services.db, issue.id)]);
    return { issue, view: presentPublic(issue, events, photos) };
  }

  app.get('/public/issues', { schema: { tags, summary: "The reports a phone holds tokens for ('my reports')", querystring: s.TokensQuery, response: { 200: s.PublicIssueList, ...errors } } }, async (request) => {
    const tokens = [...new Set(request.query.tokens.split(',').map((t) => t.trim()).filter((t) => /^[A-Za-z0-9_-]{8,80}$/.test(t)))].slice(0, 30);
    const items = [];
    for (const token of tokens) {
      const issue = await q.getIssueByToken(app.services.db, token);
      if (!issue) continue;
      const [events, photos] = await Promise.all([q.eventsOf(app.services.db, issue.id), q.photosOf(app.services.db, issue.id)]);
      items.push(presentPublic(issue, events, photos));
    }
    return { items: items.sort((a, b) => b.id - a.id) };
  });

  app.get('/public/issues/:token', { schema: { tags, summary: 'One report, as its reporter sees it', params: s.TokenParams, response: { 200: s.PublicIssue, ...errors } } }, async (request) => (await publicIssue(request.params.token)).view);

  app.get('/public/issues/:token/photos/:photoId', { schema: { tags, summary: 'A photo of a report', params: Type.Object({ token: Type.String({ maxLength: 80 }), photoId: Id }) } }, async (request, reply) => {
    const issue = await q.getIssueByToken(app.services.db, request.params.token);
    const photo = await q.getPhoto(app.services.db, request.params.photoId);
    if (!issue || !photo || photo.issue_id !== issue.id) throw notFound('photo');
    return reply.type(photo.mime).header('cache-control', 'private, max-age=86400').send(Buffer.from(photo.content));
  });

  app.post('/public/issues/:token/rate', { schema: { tags, summary: '满意 / 基本满意 / 不满意 from the reporter (limited per address: 429 with Retry-After)', params: s.TokenParams, body: s.PublicRateBody, response: { 200: s.ActionResponse, ...publicErrors } } }, async (request, reply) => {
    // Counted before the token is looked up: guessing tokens costs the same as rating.
    await withinLimits(reply, [{ bucket: `qr-rate:addr:${originOf(request)}`, max: app.services.config.publicLimits.ratingsPerAddressHour, windowSeconds: HOUR }]);
    const { issue } = await publicIssue(request.params.token);
    const w = publicWriter(request);
    const actor: Actor = request.actor ?? { userId: 0, username: 'reporter', displayName: issue.reporter_name ?? '报告人', language: 'zh-CN', residentId: null, grants: [] };
    const ctx = { ...w.services, actor, requestId: w.requestId };
    return act(ctx, issue.id, 'rate', { version: request.body.version, rating: request.body.rating, comment: request.body.comment }, { asReporterOf: issue });
  });
};
