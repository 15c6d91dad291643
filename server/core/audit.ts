import type { Tx } from './db.ts';
import { appendAuditRow, canonicalJson } from './auditChain.ts';
import type { Ctx } from './context.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  /** The tree path the subject belongs to, so audit lists can be scoped like everything else. */
  path?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row: the only way the application writes the audit log. Call it inside the transaction of
 * the write it describes so both land or neither. The table is append-only (the application has no update or
 * delete for it, and triggers refuse them) and each row joins the hash chain (see auditChain.ts), which holds
 * the chain's lock until the transaction ends: on PostgreSQL call this as the last write of a command.
 */
export async function recordAudit(tx: Tx, ctx: Pick<Ctx, 'actor' | 'requestId' | 'clock'> | AnonymousAuditCtx, entry: AuditEntry): Promise<void> {
  const actor = 'actor' in ctx ? ctx.actor : null;
  await appendAuditRow(tx, {
    at: ctx.clock.now().toISOString(),
    actor_user_id: actor?.userId ?? null,
    actor_name: actor ? actor.username : ('actorName' in ctx ? ctx.actorName : 'system'),
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId == null ? null : String(entry.subjectId),
    path: entry.path ?? null,
    // Stored in the canonical form the chain covers, so a reader sees exactly what was hashed.
    before_json: entry.before === undefined ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined ? null : canonicalJson(entry.after),
    request_id: ctx.requestId,
  });
}

/** For writes made by the system or before anyone is signed in (seeding, failed logins). */
export interface AnonymousAuditCtx {
  actorName: string;
  requestId: string;
  clock: { now(): Date };
}
