import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { within, withinAny } from '../../core/db.ts';
import { notFound, ruleBroken } from '../../core/errors.ts';
import { ctxOf } from '../../core/http.ts';
import { decodeIdCursor, toIdPage } from '../../core/pagination.ts';
import { authorize, requireAnywhere, scopesFor } from '../../core/policy.ts';
import { DateString, ErrorResponse, Id, Nullable, PageOf } from '../../core/schemas.ts';
import { auditChainKeys } from '../../core/auditChain.ts';
import { getUnit } from '../org/index.ts';
import { chainHead, latestHead, type PublishedHead } from './heads.ts';
import { auditPolicy } from './policy.ts';
import { HeadMismatchError, verifyAuditChainShared } from './verify.ts';

const AuditEntryT = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  /** The username at the time of the action. */
  actorName: Type.String(),
  /** The person's name as the account shows it now (null for the system and unknown usernames). */
  actorDisplayName: Nullable(Type.String()),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const AuditQuery = Type.Object({
  unitId: Type.Optional(Id),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  subjectType: Type.Optional(Type.String({ maxLength: 40 })),
  subjectId: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});

const ChainBreakT = Type.Object({
  kind: Type.Union([Type.Literal('changed'), Type.Literal('missing'), Type.Literal('forged'), Type.Literal('tail_missing'), Type.Literal('rewritten')]),
  seq: Nullable(Type.Integer()),
  id: Nullable(Type.Integer()),
});

const VerifyReportT = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Nullable(ChainBreakT),
  chain: Type.String(),
  lastSeq: Type.Integer(),
  legacy: Type.Object({ throughId: Nullable(Type.Integer()), sealedAt: Nullable(Type.String()), unsealed: Type.Integer() }),
  publishedHead: Nullable(Type.Object({ seq: Type.Integer(), at: Type.String() })),
});

const READ = auditPolicy['audit.read'];
const VERIFY = auditPolicy['audit.verify'];
// Dates in filters are calendar days in Lhasa (Asia/Shanghai, UTC+8); timestamps are stored in UTC.

export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log within the caller’s part of the tree, newest first',
        querystring: AuditQuery,
        response: { 200: PageOf(AuditEntryT), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      requireAnywhere(ctx.actor, READ);
      const f = request.query;
      let scopes = scopesFor(ctx.actor, READ);
      if (f.unitId) {
        const unit = await getUnit(ctx.db, f.unitId);
        if (!unit) throw notFound('unit');
        authorize(ctx.actor, READ, unit.path, 'unit');
        scopes = [unit.path];
      }
      // Sign-ins carry no tree position; only whoever administers a whole street sees them.
      const seesUnplaced = !f.unitId && ctx.actor.grants.some((g) => g.role === 'street_admin' && g.unitLevel === 'street');
      let q = ctx.db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
        .selectAll('audit_log')
        .select('users.display_name')
        .where((eb) => (seesUnplaced ? eb.or([withinAny(eb, 'audit_log.path', scopes), eb('audit_log.path', 'is', null)]) : scopes.length === 1 ? within(eb, 'audit_log.path', scopes[0] ?? '') : withinAny(eb, 'audit_log.path', scopes)));
      if (f.action) q = q.where('audit_log.action', '=', f.action);
      if (f.actor) q = q.where('audit_log.actor_name', '=', f.actor.toLowerCase());
      if (f.subjectType) q = q.where('audit_log.subject_type', '=', f.subjectType);
      if (f.subjectId) q = q.where('audit_log.subject_id', '=', f.subjectId);
      if (f.from) q = q.where('audit_log.at', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString());
      if (f.to) q = q.where('audit_log.at', '<=', new Date(`${f.to}T23:59:59.999+08:00`).toISOString());
      const after = decodeIdCursor(f.cursor);
      if (after !== null) q = q.where('audit_log.id', '<', after);
      const limit = f.limit ?? 50;
      const rows = await q.orderBy('audit_log.id', 'desc').limit(limit + 1).execute();
      return toIdPage(rows, limit, (r) => ({
        id: r.id,
        at: r.at,
        actorName: r.actor_name,
        actorDisplayName: r.display_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
        after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
      }));
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Checks the audit chain: every row, no gaps, nothing forged, nothing cut off before the last published head',
        response: { 200: VerifyReportT, 401: ErrorResponse, 403: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      requireAnywhere(ctx.actor, VERIFY);
      const { chain } = await chainHead(ctx.db);
      // A heads file this server cannot read is reported as no published head, never as a failed check.
      let head: PublishedHead | null = null;
      try {
        head = latestHead(ctx.config.auditHeadsFile, chain);
      } catch (err) {
        ctx.log.warn({ err }, 'the audit heads file could not be read');
      }
      try {
        return await verifyAuditChainShared(ctx.db, auditChainKeys(), head);
      } catch (err) {
        // The heads file holds a head this deployment did not sign: that file was altered, or the secret changed.
        if (err instanceof HeadMismatchError) throw ruleBroken('AUDIT_HEAD_INVALID', err.message);
        throw err;
      }
    },
  );
};
