import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, httpStatus, notFound } from '../../core/errors.ts';
import { identifyCaller } from '../../core/idempotency.ts';
import { addressedIssueByTokenWithin, addressedIssueWithin, eventsOfMany } from '../issues/index.ts';
import { keyHash } from './commands/keys.ts';
import { postRequest } from './commands/postRequest.ts';
import { presentRequest, type Open311Request } from './present.ts';
import * as q from './queries.ts';
import { MAX_REQUESTS, noticeOf, requestsFilter, serviceAttributes, servicesOf } from './rules/georeport.ts';
import * as s from './schemas.ts';
import { documentXml, errorsXml, serviceDefinitionXml, toXml } from './xml.ts';

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['json', 'xml'];
const TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };
/** When this interface last changed, for clients that cache the discovery document. */
const CHANGESET = '2026-11-27T00:00:00Z';

/** The format a GeoReport path asks for by its extension (JSON when it names none, as for unknown paths). */
const formatOfUrl = (url: string): Format => ((url.split('?')[0] ?? '').endsWith('.xml') ? 'xml' : 'json');

/** "repair.elevator.json" → the name and the format; anything else does not exist. */
function splitFile(file: string): { name: string; format: Format } {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1);
  if (dot <= 0 || (format !== 'json' && format !== 'xml')) throw notFound('resource');
  return { name: file.slice(0, dot), format };
}

const keyRefused = () => new DomainError('forbidden', 'API_KEY_INVALID', 'api_key is missing, unknown or revoked');

function answer(reply: FastifyReply, format: Format, root: string, item: string, items: readonly object[]) {
  return reply.type(TYPES[format]).send(format === 'xml' ? toXml(root, item, items) : items);
}

function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  const errors = [{ code: status, description }];
  return reply.status(status).type(TYPES[format]).send(format === 'xml' ? errorsXml(errors) : errors);
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) for city apps and the 12345 system: the services
 * (our categories), posting a request, and following requests. Each path in .json and .xml. Services and
 * discovery are open; requests need an api_key issued for a unit, and see only that unit's subtree. Errors
 * come in GeoReport's own format. Served outside /api, so no session or page token is involved.
 */
export const open311Routes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];
  const { db } = app.services;

  // GeoReport clients post forms; the body is a flat map of fields (attribute[nature]=…).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    const format = formatOfUrl(request.url);
    if (error instanceof DomainError) {
      const issues = (error.details?.issues as { path: string; message: string }[] | undefined) ?? [];
      const detail = issues.length ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
      return sendErrors(reply, format, httpStatus(error.kind), `${error.message}${detail}`);
    }
    const fastifyError = error instanceof Error && 'statusCode' in error ? (error as Error & { statusCode?: number; validation?: unknown }) : null;
    if (fastifyError?.validation) return sendErrors(reply, format, 400, fastifyError.message);
    if (fastifyError?.statusCode && fastifyError.statusCode < 500) return sendErrors(reply, format, fastifyError.statusCode, fastifyError.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendErrors(reply, format, 500, `Something went wrong (request ${String(request.id)})`);
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), 404, `No route ${request.method} ${request.url.split('?')[0] ?? ''}`));

  /** The client's key; 403 when it is missing, unknown or revoked. */
  async function keyOf(given: unknown): Promise<q.KeyRow> {
    if (typeof given !== 'string' || !/^[A-Za-z0-9_-]{8,200}$/.test(given)) throw keyRefused();
    const key = await q.activeKeyByHash(db, keyHash(given));
    if (!key) throw keyRefused();
    return key;
  }

  const postingKeys = new WeakMap<FastifyRequest, q.KeyRow>();

  /** The requests as GeoReport shows them, with their public timelines and services. */
  async function present(rows: q.RequestRow[]): Promise<Open311Request[]> {
    const [events, categories] = await Promise.all([eventsOfMany(db, rows.map((r) => r.id)), q.categoryFacts(db)]);
    const byId = new Map(categories.map((c) => [c.id, { code: c.code, name: c.nameZh }]));
    return rows.map((r) => presentRequest(r, events.get(r.id) ?? [], byId.get(r.category_id)));
  }

  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, { schema: { tags, summary: `Discovery (${format})` } }, async (request, reply) => {
      const origin = app.services.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const discovery = {
        changeset: CHANGESET,
        contact: '请联系所在社区或街道的工作人员（Ask the staff of your community or street）',
        key_service:
          'api_key 由社区或街道工作人员在平台中签发，只适用于签发单位及其下级；提交服务请求（POST requests）和查询服务请求（GET requests、requests/{id}、tokens/{token}）都必须带 api_key，服务列表和服务定义不需要。' +
          ' An api_key, issued by community or street staff for their area, is required to post and to read service requests; services and definitions are open.',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${origin}/open311/v2`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
      };
      return reply.type(TYPES[format]).send(format === 'xml' ? documentXml('discovery', discovery) : discovery);
    });

    app.get(`/services.${format}`, { schema: { tags, summary: `The services: one per category residents can choose (${format})`, querystring: s.KeyQuery } }, async (_request, reply) => {
      return answer(reply, format, 'services', 'service', servicesOf(await q.categoryFacts(db)));
    });

    app.get(`/requests.${format}`, { schema: { tags, summary: `Service requests in the key's area, newest first, at most ${MAX_REQUESTS} (${format})`, querystring: s.RequestsQuery } }, async (request, reply) => {
      const key = await keyOf(request.query.api_key);
      const filter = requestsFilter(request.query, app.services.clock.now());
      let categoryIds: number[] | null = null;
      if (filter.serviceCodes) {
        const codes = new Set(filter.serviceCodes);
        categoryIds = (await q.categoryFacts(db)).filter((c) => codes.has(c.code)).map((c) => c.id);
      }
      const rows = await q.listRequests(db, key.path, { ...filter, categoryIds, limit: MAX_REQUESTS });
      return answer(reply, format, 'service_requests', 'request', await present(rows));
    });

    app.post(
      `/requests.${format}`,
      {
        schema: { tags, summary: `Post a service request (form-encoded or JSON; api_key required) (${format})`, querystring: s.KeyQuery, body: s.PostRequestBody },
        // The key is checked before the fields: a client without one learns nothing about the form.
        preValidation: async (request) => {
          const body: unknown = request.body;
          const fromBody = body && typeof body === 'object' && 'api_key' in body ? body.api_key : undefined;
          const query: unknown = request.query;
          const fromQuery = query && typeof query === 'object' && 'api_key' in query ? query.api_key : undefined;
          const key = await keyOf(fromBody ?? fromQuery);
          postingKeys.set(request, key);
          // Each client's Idempotency-Keys are its own: another client's retry must not get this one's answer.
          identifyCaller(request, `open311-key:${key.id}`);
        },
      },
      async (request, reply) => {
        const key = postingKeys.get(request);
        if (!key) throw keyRefused();
        const made = await postRequest(app.services, key, request.body, String(request.id));
        const answerRow = { service_request_id: String(made.id), token: made.token, service_notice: noticeOf({ level: made.level, handlerName: made.assigneeName }), account_id: null };
        reply.status(201);
        return answer(reply, format, 'service_requests', 'request', [answerRow]);
      },
    );
  }

  app.get('/services/:file', { schema: { tags, summary: 'A service definition: its attributes (services/{code}.json or .xml)', params: s.FileParams } }, async (request, reply) => {
    const { name, format } = splitFile(request.params.file);
    const service = servicesOf(await q.categoryFacts(db)).find((x) => x.service_code === name);
    if (!service) throw notFound('service');
    const definition = { service_code: service.service_code, attributes: serviceAttributes() };
    return reply.type(TYPES[format]).send(format === 'xml' ? serviceDefinitionXml(definition) : definition);
  });

  app.get('/requests/:file', { schema: { tags, summary: "One service request in the key's area (requests/{id}.json or .xml)", params: s.FileParams, querystring: s.KeyQuery } }, async (request, reply) => {
    const { name, format } = splitFile(request.params.file);
    const key = await keyOf(request.query.api_key);
    const row = /^\d{1,12}$/.test(name) ? await addressedIssueWithin(db, key.path, Number(name)) : undefined;
    if (!row) throw notFound('service request');
    return answer(reply, format, 'service_requests', 'request', await present([row]));
  });

  app.get('/tokens/:file', { schema: { tags, summary: 'The service request a token was given for (tokens/{token}.json or .xml)', params: s.FileParams, querystring: s.KeyQuery } }, async (request, reply) => {
    const { name, format } = splitFile(request.params.file);
    const key = await keyOf(request.query.api_key);
    const row = await addressedIssueByTokenWithin(db, key.path, name);
    if (!row) throw notFound('token');
    return answer(reply, format, 'service_requests', 'request', [{ service_request_id: String(row.id), token: row.public_token }]);
  });
};

