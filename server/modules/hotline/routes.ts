import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { invalid } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { streamedBody } from '../../core/exports.ts';
import { readUploadedFile } from '../../core/uploads.ts';
import { decodeCursor, DEFAULT_PAGE, toPage } from '../../core/pagination.ts';
import { requireAnywhere } from '../../core/policy.ts';
import { listScopes, unitAllowing } from '../../core/scopes.ts';
import { ErrorResponse, IdParams, PageOf } from '../../core/schemas.ts';
import { hotlineReplies, issuesPolicy } from '../issues/index.ts';
import { guessMapping } from './rules/orders.ts';
import { getUnit } from '../org/index.ts';
import { sourceFor } from './access.ts';
import { importOrders } from './commands/importOrders.ts';
import { createSource, updateSource } from './commands/saveSource.ts';
import { presentSource } from './present.ts';
import * as q from './queries.ts';
import { localDayStart, replyRow } from './rules/replies.ts';
import * as s from './schemas.ts';
import { cellText, readTable, streamReplies } from './spreadsheet.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const IMPORT = issuesPolicy['issues.import'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** More rows than a reply sheet of one source over any sensible period; a wider range must be split. */
const MAX_EXPORT_ROWS = 20_000;
const SAMPLE_ROWS = 5;

const attachment = (fileName: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

// 12345 hotline: the sources work orders come from (with the column mapping of their exports), the import of a
// day's orders as routed issues, and the reply sheet that goes back to the hotline.
export const hotlineRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hotline'];

  app.get('/hotline/sources', { schema: { tags, summary: 'Hotline sources within a unit (or all the caller imports for)', querystring: s.SourcesQuery, response: { 200: PageOf(s.Source), ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const { unitId, cursor, limit = DEFAULT_PAGE } = request.query;
    const scopes = await listScopes(ctx, IMPORT, unitId, getUnit);
    return toPage(await q.listSources(ctx.db, { scopes, cursor: decodeCursor(cursor), limit }), limit, presentSource);
  });

  app.post('/hotline/sources', { schema: { tags, summary: 'Set up a hotline source on a community or street, with its column mapping', body: s.CreateSourceBody, response: { 201: s.Source, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const unit = await unitAllowing(ctx, IMPORT, request.body.unitId, getUnit);
    const id = await createSource(ctx, unit, request.body);
    return reply.status(201).send(presentSource(await sourceFor(ctx, id)));
  });

  app.post('/hotline/sources/:id', { schema: { tags, summary: 'Rename a source or change its column mapping', params: IdParams, body: s.UpdateSourceBody, response: { 200: s.Source, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    await updateSource(ctx, await sourceFor(ctx, request.params.id), request.body);
    return presentSource(await sourceFor(ctx, request.params.id));
  });

  app.post('/hotline/preview', { schema: { tags, summary: 'The headers of a work-order file (.xlsx/.csv, multipart "file"), a guessed mapping and the first rows', response: { 200: s.Preview, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    requireAnywhere(ctx.actor, IMPORT);
    const table = await readTable(await readUploadedFile(request));
    const sample = table.rows.filter((r) => r.some((c) => cellText(c) !== '')).slice(0, SAMPLE_ROWS).map((r) => r.map(cellText));
    return { headers: table.headers, guessed: guessMapping(table.headers), sample };
  });

  app.post('/hotline/import', { schema: { tags, summary: 'Import work orders (.xlsx/.csv, multipart "file") as routed issues; all rows or none', querystring: s.ImportQuery, response: { 200: s.ImportResult, ...errors } } }, async (request) => {
    const ctx = ctxOf(app, request);
    const source = await sourceFor(ctx, request.query.sourceId);
    return importOrders(ctx, source, await readUploadedFile(request));
  });

  app.get('/hotline/export.xlsx', { schema: { tags, summary: 'The reply sheet for the hotline: state, settle time, reply, handler, satisfaction per order (.xlsx)', querystring: s.ExportQuery } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { sourceId, from, to } = request.query;
    const source = await sourceFor(ctx, sourceId);
    if (from && to && from > to) throw invalid('The period ends before it starts', [{ path: 'to', message: 'before from' }]);
    const offset = ctx.config.utcOffsetMinutes;
    const end = to ? new Date(Date.parse(localDayStart(to, offset)) + 86_400_000).toISOString() : null;
    const rows = await hotlineReplies(ctx.db, { sourceId: source.id, from: from ? localDayStart(from, offset) : null, to: end, limit: MAX_EXPORT_ROWS + 1 });
    if (rows.length > MAX_EXPORT_ROWS) throw invalid(`More than ${MAX_EXPORT_ROWS} orders; choose a shorter period`, [{ path: 'from', message: 'period too long' }]);
    const sheet = streamedBody(request.log, (out) => streamReplies(out, rows.map((r) => replyRow(r, offset))));
    const period = from || to ? `-${from ?? ''}至${to ?? ''}` : '';
    return reply.type(XLSX).header('content-disposition', attachment(`12345回复单-${source.name}${period}.xlsx`)).send(sheet);
  });
};
