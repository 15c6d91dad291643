import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordAudit } from '../../core/audit.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { cachedJson, ctxOf } from '../../core/http.ts';
import { streamedBody } from '../../core/exports.ts';
import { readUploadedFile } from '../../core/uploads.ts';
import { decodeCursor, DEFAULT_PAGE, PageQuery, toPage } from '../../core/pagination.ts';
import { actionsAt, authorize, canAt, requireAnywhere, scopesFor, visibleScopes } from '../../core/policy.ts';
import { requireQuery } from '../../core/search.ts';
import { decodeSearchCursor, encodeSearchCursor } from '../../core/searchIndex.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { bodyFor, householdFor, residentFor, unitFor } from './access.ts';
import { addBodyMember, createBody, removeBodyMember, updateBody } from './commands/saveBody.ts';
import { createPartyMember } from './commands/createPartyMember.ts';
import { createUnit } from './commands/createUnit.ts';
import { importSheet } from './commands/importSheet.ts';
import { createHousehold, updateHousehold } from './commands/saveHousehold.ts';
import { createResident, recordReveal, updateResident } from './commands/saveResident.ts';
import { orgPolicy } from './policy.ts';
import { presentBody, presentHousehold, presentResident, presentRevealedResident } from './present.ts';
import * as q from './queries.ts';
import { normaliseIdNumber, normalisePhone } from './rules/identity.ts';
import { GENDER_LABELS, RELATION_LABELS } from './rules/sheet.ts';
import * as s from './schemas.ts';
import { streamSheet, templateSheet } from './spreadsheet.ts';
import { buildTree } from './tree.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Buildings read per batch of the register export: a few hundred households, whatever the size of the subtree. */
const EXPORT_BUILDINGS_PER_BATCH = 4;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const ListQuery = Type.Composite([PageQuery, s.UnitQuery]);

export const orgRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['org'];

  /** The scopes to list within: the requested unit (authorised) or all of the actor's scopes for the action. */
  async function listScopes(request: Parameters<typeof ctxOf>[1], unitId: number | undefined, action: keyof typeof orgPolicy): Promise<string[]> {
    const ctx = ctxOf(app, request);
    if (unitId) return [(await unitFor(ctx, unitId, action)).path];
    requireAnywhere(ctx.actor, orgPolicy[action]);
    return scopesFor(ctx.actor, orgPolicy[action]);
  }

  async function leaderOf(unit: q.UnitRow): Promise<{ name: string } | null> {
    if (unit.level !== 'building') return null;
    const name = (await q.leadersOfBuildings(app.services.db, [unit.id])).get(unit.id);
    return name ? { name } : null;
  }

  app.get('/org/tree', { schema: { tags, summary: 'The organisation tree the caller may see, down to buildings', response: { 200: s.TreeResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const scopes = visibleScopes(ctx.actor);
    return { roots: buildTree(await q.unitsWithin(ctx.db, scopes), scopes) };
  });

  app.get('/org/units/:id', { schema: { tags, summary: 'One node of the tree with its ancestors and children', params: IdParams, response: { 200: s.UnitResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'units.read');
    const ancestorIds = q.idsOfPath(unit.path).slice(0, -1);
    const [ancestors, children] = await Promise.all([q.unitsByIds(ctx.db, ancestorIds), q.childUnits(ctx.db, unit.id)]);
    const ref = (u: q.UnitRow) => ({ id: u.id, name: u.name, level: u.level });
    return {
      id: unit.id,
      name: unit.name,
      level: unit.level,
      parentId: unit.parent_id,
      path: unit.path,
      // Only the ancestors the caller can see are named, so a building leader does not learn the street.
      ancestors: ancestorIds.flatMap((id) => ancestors.filter((a) => a.id === id && ctx.actor.grants.some((g) => a.path.startsWith(g.path))).map(ref)),
      children: children.map(ref),
      leader: await leaderOf(unit),
      actions: actionsAt(ctx.actor, orgPolicy, unit.path),
    };
  });

  app.get('/org/units/:id/summary', { schema: { tags, summary: 'Counts within a node', params: IdParams, response: { 200: s.SummaryResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'units.read');
    return q.summaryOf(ctx.db, unit.path);
  });

  app.get('/org/units/:id/stats', { schema: { tags, summary: 'Counts per child node, ethnicity, gender and age bands', params: IdParams, response: { 200: s.StatsResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'units.read');
    const children = await q.childUnits(ctx.db, unit.id);
    const byChild = [];
    for (const c of children) {
      const sum = await q.summaryOf(ctx.db, c.path);
      byChild.push({ id: c.id, name: c.name, level: c.level, households: sum.households, residents: sum.residents, partyMembers: sum.partyMembers });
    }
    const today = ctx.clock.now();
    const yearsAgo = (n: number) => `${today.getUTCFullYear() - n}${today.toISOString().slice(4, 10)}`;
    const ageBands = [
      { band: '0-17', count: await q.countBornBetween(ctx.db, unit.path, yearsAgo(18), null) },
      { band: '18-34', count: await q.countBornBetween(ctx.db, unit.path, yearsAgo(35), yearsAgo(18)) },
      { band: '35-59', count: await q.countBornBetween(ctx.db, unit.path, yearsAgo(60), yearsAgo(35)) },
      { band: '60+', count: await q.countBornBetween(ctx.db, unit.path, null, yearsAgo(60)) },
    ];
    return { byChild, ethnicity: await q.countsByKey(ctx.db, unit.path, 'ethnicity'), gender: await q.countsByKey(ctx.db, unit.path, 'gender'), ageBands };
  });

  app.get('/org/units/:id/platform', { schema: { tags, summary: 'The four-party platform (四方平台) of a compound', params: IdParams, response: { 200: s.PlatformResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'units.read');
    if (unit.level !== 'compound' || unit.parent_id === null) throw notFound('compound');
    const community = await q.getUnit(ctx.db, unit.parent_id);
    if (!community) throw notFound('community');
    const bodies = await q.bodiesOfUnit(ctx.db, unit.id);
    const members = await q.membersOfBodies(ctx.db, bodies.map((b) => b.id));
    const body = (kind: string) => {
      const b = bodies.find((x) => x.kind === kind);
      return b ? presentBody(b, members) : null;
    };
    return {
      community: { id: community.id, name: community.name, staff: await q.staffAtUnit(ctx.db, community.id) },
      partyBranch: body('party_branch'),
      ownersCommittee: body('owners_committee'),
      property: body('property'),
    };
  });

  app.get('/org/units/:id/buildings', { schema: { tags, summary: 'Buildings of a compound with counts and leader', params: IdParams, response: { 200: s.BuildingsResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'units.read');
    const rows = await q.buildingsWithCounts(ctx.db, unit.id);
    return { items: rows.map((b) => ({ id: b.id, name: b.name, households: b.households, residents: b.residents, leader: b.leader ? { name: b.leader } : null })) };
  });

  app.get('/org/units/:id/households', { schema: { tags, summary: 'All households of a building', params: IdParams, response: { 200: Type.Object({ items: Type.Array(s.HouseholdT) }), ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.params.id, 'people.read');
    return { items: (await q.householdsOfBuilding(ctx.db, unit.id)).map(presentHousehold) };
  });

  app.post('/org/units', { schema: { tags, summary: 'Add a node under a parent', body: s.CreateUnitBody, response: { 201: s.UnitResponse, ...errors, 422: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const parent = await unitFor(ctx, request.body.parentId, 'units.write');
    const id = await createUnit(ctx, parent, request.body);
    const unit = await q.getUnit(ctx.db, id);
    if (!unit) throw notFound('unit');
    const ancestors = await q.unitsByIds(ctx.db, q.idsOfPath(unit.path).slice(0, -1));
    return reply.status(201).send({
      id: unit.id,
      name: unit.name,
      level: unit.level,
      parentId: unit.parent_id,
      path: unit.path,
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, level: a.level })),
      children: [],
      leader: null,
      actions: actionsAt(ctx.actor, orgPolicy, unit.path),
    });
  });

  app.get('/org/households', { schema: { tags, summary: 'Households within a node (paginated)', querystring: ListQuery, response: { 200: PageOf(s.HouseholdT), ...errors } } }, async (request, reply) => {
    const { unitId, q: text, limit = DEFAULT_PAGE, cursor } = request.query;
    const scopes = await listScopes(request, unitId, 'people.read');
    return cachedJson(app, reply, `households|${scopes.join()}|${text ?? ''}|${limit}|${cursor ?? ''}`, async () => {
      const rows = await q.listHouseholds(app.services.db, { scopes, q: text, cursor: decodeCursor(cursor), limit });
      return toPage(rows, limit, presentHousehold);
    });
  });

  app.get('/org/households/:id', { schema: { tags, summary: 'A household with its residents (masked)', params: IdParams, response: { 200: s.HouseholdDetail, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const household = await householdFor(ctx, request.params.id, 'people.read');
    const residents = await q.residentsOfHousehold(ctx.db, household.id);
    return { ...presentHousehold(household), residents: residents.map((r) => presentResident(r)) };
  });

  app.post('/org/households', { schema: { tags, summary: 'Add a household to a building', body: s.CreateHouseholdBody, response: { 201: s.HouseholdT, ...errors, 409: ErrorResponse, 422: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const building = await unitFor(ctx, request.body.buildingId, 'people.write');
    const id = await createHousehold(ctx, building, request.body);
    const row = await q.getHousehold(ctx.db, id);
    if (!row) throw notFound('household');
    return reply.status(201).send(presentHousehold(row));
  });

  app.patch('/org/households/:id', { schema: { tags, summary: 'Change a household', params: IdParams, body: s.UpdateHouseholdBody, response: { 200: s.HouseholdT, ...errors, 409: ErrorResponse } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const household = await householdFor(ctx, request.params.id, 'people.write');
    await updateHousehold(ctx, household, request.body);
    const row = await q.getHousehold(ctx.db, household.id);
    if (!row) throw notFound('household');
    return presentHousehold(row);
  });

  app.get('/org/residents', { schema: { tags, summary: 'Residents within a node (paginated, masked); q searches names, or a full phone / ID number', querystring: ListQuery, response: { 200: PageOf(s.ResidentT), ...errors } } }, async (request, reply) => {
    const { unitId, q: text, limit = DEFAULT_PAGE, cursor } = request.query;
    const scopes = await listScopes(request, unitId, 'people.read');
    const search = text?.normalize('NFC').trim();
    const phone = search ? normalisePhone(search) : '';
    const idNo = search ? normaliseIdNumber(search) : '';
    const { cipher, db } = app.services;
    // Every role sees the same masked page for the same scopes and query, so the page is shared among them.
    const phoneHash = /^\d{7,12}$/.test(phone) ? cipher.lookupHash(phone) : undefined;
    const idNumberHash = /^\d{17}[\dX]$/.test(idNo) ? cipher.lookupHash(idNo) : undefined;
    const key = `residents|${scopes.join()}|${search ?? ''}|${limit}|${cursor ?? ''}`;
    if (search && !phoneHash && !idNumberHash) {
      // Names and addresses: answered from the search index, never by scanning the residents of the scope.
      const query = requireQuery(search);
      const from = cursor ? decodeSearchCursor(cursor) : null;
      if (cursor && !from) throw invalid('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this search' }]);
      return cachedJson(app, reply, key, async () => {
        const page = await q.searchResidents(db, { scopes, query, cursor: from, limit });
        return { items: page.rows.map((r) => presentResident(r)), nextCursor: page.next ? encodeSearchCursor(page.next) : null };
      });
    }
    return cachedJson(app, reply, key, async () => {
      const rows = await q.listResidents(db, { scopes, phoneHash, idNumberHash, cursor: decodeCursor(cursor), limit });
      return toPage(rows, limit, (r) => presentResident(r));
    });
  });

  app.get('/org/residents/:id', { schema: { tags, summary: 'One resident; reveal=1 unmasks phone and ID number for roles that may (recorded in the audit log)', params: IdParams, querystring: s.RevealQuery, response: { 200: s.ResidentT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const resident = await residentFor(ctx, request.params.id, 'people.read');
    if (request.query.reveal !== '1') return presentResident(resident);
    authorize(ctx.actor, orgPolicy['people.reveal'], resident.path, 'resident');
    await recordReveal(ctx, resident);
    return presentRevealedResident(resident, ctx.cipher);
  });

  app.post('/org/residents', { schema: { tags, summary: 'Register a resident in a household', body: s.CreateResidentBody, response: { 201: s.ResidentT, ...errors, 409: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { householdId, ...fields } = request.body;
    const household = await householdFor(ctx, householdId, 'people.write');
    const id = await createResident(ctx, household, fields);
    const row = await q.getResident(ctx.db, id);
    if (!row) throw notFound('resident');
    return reply.status(201).send(presentResident(row));
  });

  app.patch('/org/residents/:id', { schema: { tags, summary: 'Change a resident', params: IdParams, body: s.UpdateResidentBody, response: { 200: s.ResidentT, ...errors, 409: ErrorResponse } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const resident = await residentFor(ctx, request.params.id, 'people.write');
    await updateResident(ctx, resident, request.body);
    const row = await q.getResident(ctx.db, resident.id);
    if (!row) throw notFound('resident');
    return presentResident(row);
  });

  app.get('/org/party-members', { schema: { tags, summary: 'Party members within a node (paginated)', querystring: ListQuery, response: { 200: PageOf(s.PartyMemberT), ...errors } } }, async (request) => {
    const { unitId, q: text, limit = DEFAULT_PAGE, cursor } = request.query;
    const scopes = await listScopes(request, unitId, 'party.read');
    const rows = await q.listPartyMembers(app.services.db, { scopes, q: text, cursor: decodeCursor(cursor), limit });
    return toPage(rows, limit, (r) => ({
      id: r.id,
      residentId: r.resident_id,
      name: r.name,
      branchId: r.branch_id,
      branchName: r.branch_name,
      partyGroup: r.party_group,
      joinedOn: r.joined_on,
      status: r.status,
      isCentralHousehold: Boolean(r.is_central),
    }));
  });

  app.post('/org/party-members', { schema: { tags, summary: 'Register a party member in a branch', body: s.CreatePartyMemberBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors, 409: ErrorResponse, 422: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const resident = await residentFor(ctx, request.body.residentId, 'party.write');
    const id = await createPartyMember(ctx, resident, request.body);
    return reply.status(201).send({ id });
  });

  app.get('/org/central-households', { schema: { tags, summary: 'Central households (党员中心户) and the households each looks after', querystring: s.UnitQuery, response: { 200: s.CentralHouseholdsResponse, ...errors } } }, async (request) => {
    const scopes = await listScopes(request, request.query.unitId, 'party.read');
    const items = [];
    for (const scope of scopes) items.push(...(await q.centralHouseholdsWithin(app.services.db, scope)));
    return { items };
  });

  app.get('/org/bodies', { schema: { tags, summary: 'Party branches, owners committees and property companies within a node', querystring: s.UnitQuery, response: { 200: s.BodiesResponse, ...errors } } }, async (request) => {
    const scopes = await listScopes(request, request.query.unitId, 'units.read');
    const bodies = [];
    for (const scope of scopes) bodies.push(...(await q.bodiesWithin(app.services.db, scope)));
    const members = await q.membersOfBodies(app.services.db, bodies.map((b) => b.id));
    return { items: bodies.map((b) => presentBody(b, members)) };
  });

  async function presentOneBody(id: number) {
    const b = await q.getBody(app.services.db, id);
    if (!b) throw notFound('body');
    return presentBody(b, await q.membersOfBodies(app.services.db, [id]));
  }

  app.post('/org/bodies', { schema: { tags, summary: 'Found a party branch, owners committee or property company of a compound', body: s.CreateBodyBody, response: { 201: s.BodyT, ...errors, 409: ErrorResponse, 422: ErrorResponse } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { unitId, kind, ...fields } = request.body;
    const compound = await unitFor(ctx, unitId, 'bodies.write');
    const id = await createBody(ctx, compound, kind, fields);
    return reply.status(201).send(await presentOneBody(id));
  });

  app.patch('/org/bodies/:id', { schema: { tags, summary: 'Change a body’s name, term or contract', params: IdParams, body: s.UpdateBodyBody, response: { 200: s.BodyT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const body = await bodyFor(ctx, request.params.id, 'bodies.write');
    await updateBody(ctx, body, request.body);
    return presentOneBody(body.id);
  });

  app.post('/org/bodies/:id/members', { schema: { tags, summary: 'Add a member with a position', params: IdParams, body: s.AddMemberBody, response: { 201: s.BodyT, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const body = await bodyFor(ctx, request.params.id, 'bodies.write');
    await addBodyMember(ctx, body, request.body);
    return reply.status(201).send(await presentOneBody(body.id));
  });

  app.delete('/org/bodies/:id/members/:memberId', { schema: { tags, summary: 'Remove a member', params: s.MemberParams, response: { 200: s.BodyT, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const body = await bodyFor(ctx, request.params.id, 'bodies.write');
    await removeBodyMember(ctx, body, request.params.memberId);
    return presentOneBody(body.id);
  });

  app.get('/org/grids', { schema: { tags, summary: 'Grids (网格) and their grid workers', querystring: s.UnitQuery, response: { 200: s.GridsResponse, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { unitId } = request.query;
    if (!unitId) return { items: await q.gridsWithin(ctx.db, visibleScopes(ctx.actor)) };
    const unit = await unitFor(ctx, unitId, 'units.read');
    return { items: await q.gridsCovering(ctx.db, unit.path) };
  });

  app.get('/org/contact-groups', { schema: { tags, summary: '联户 groups within a node', querystring: s.UnitQuery, response: { 200: s.ContactGroupsResponse, ...errors } } }, async (request) => {
    const scopes = await listScopes(request, request.query.unitId, 'units.read');
    const items = [];
    for (const scope of scopes) items.push(...(await q.contactGroupsWithin(app.services.db, scope)));
    return { items: items.map((g) => ({ id: g.id, name: g.name, leader: g.leader, households: Number(g.households ?? 0) })) };
  });

  app.get('/org/departments', { schema: { tags, summary: 'External handler bodies (住建, 城管, 派出所, 12345 …)', response: { 200: s.DepartmentsResponse, ...errors } } }, async (request) => {
    ctxOf(app, request);
    const rows = await q.listDepartments(app.services.db);
    return { items: rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind, phone: d.phone })) };
  });

  app.get('/org/import/template.xlsx', { schema: { tags, summary: 'The household register template (.xlsx, Chinese headers)' } }, async (request, reply) => {
    ctxOf(app, request);
    return reply.type(XLSX).header('content-disposition', attachment('住户信息导入模板.xlsx')).send(await templateSheet());
  });

  app.post('/org/import', { schema: { tags, summary: 'Import households and residents from .xlsx (multipart field "file"); all rows or none', querystring: s.ImportQuery, response: { 200: s.ImportResult, ...errors, 422: ErrorResponse } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const compound = await unitFor(ctx, request.query.unitId, 'import.run');
    return importSheet(ctx, compound, await readUploadedFile(request));
  });

  app.get('/org/import/reports/:id', { schema: { tags, summary: 'The rejected rows of a failed import, with reasons (.xlsx)', params: IdParams } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const report = await ctx.db.selectFrom('import_reports').selectAll().where('id', '=', request.params.id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
    if (!report) throw notFound('import report');
    return reply.type(XLSX).header('content-disposition', attachment(`错误行-${report.file_name}`)).send(Buffer.from(report.content));
  });

  app.get('/org/export.xlsx', { schema: { tags, summary: 'Households and residents of a node as .xlsx (the import format)', querystring: s.ImportQuery } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitFor(ctx, request.query.unitId, 'people.read');
    const reveal = canAt(ctx.actor, orgPolicy['people.reveal'], unit.path);
    const rows = await q.countExportRows(ctx.db, unit.path);
    // Recorded before the first byte leaves: a download cut half-way has still shown what it showed.
    await ctx.db.transaction().execute((tx) =>
      recordAudit(tx, ctx, { action: 'org.export', subjectType: 'org_unit', subjectId: unit.id, path: unit.path, after: { rows, unmasked: reveal } }),
    );
    const toRaw = (r: Awaited<ReturnType<typeof q.exportRows>>[number]) => ({
      building: r.building_name,
      unitNo: String(r.unit_no),
      floor: String(r.floor),
      room: r.room,
      area: String(r.area),
      name: r.name ?? '',
      gender: r.gender ? GENDER_LABELS[r.gender] : '',
      ethnicity: r.ethnicity ?? '',
      birthDate: r.birth_date ?? '',
      phone: (reveal && r.phone_enc ? ctx.cipher.decrypt(r.phone_enc) : r.phone_masked) ?? '',
      idNumber: (reveal && r.id_no_enc ? ctx.cipher.decrypt(r.id_no_enc) : r.id_no_masked) ?? '',
      relation: r.relation ? RELATION_LABELS[r.relation] : '',
    });
    async function* batches() {
      let after: string | null = null;
      for (;;) {
        const paths = await q.exportPathsAfter(ctx.db, unit.path, after, EXPORT_BUILDINGS_PER_BATCH);
        const last = paths[paths.length - 1];
        if (last === undefined) return;
        after = last;
        yield (await q.exportRows(ctx.db, paths)).map(toRaw);
      }
    }
    const body = streamedBody(request.log, (out) => streamSheet(out, batches(), rows));
    return reply.type(XLSX).header('content-disposition', attachment(`住户信息-${unit.name}.xlsx`)).send(body);
  });
};

function attachment(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
