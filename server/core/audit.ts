import type { DbOrTx } from './db.ts';
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
 * Appends one audit row. Call it inside the transaction of the write it describes so both land or neither.
 * The table is append-only: the application has no update or delete for it (and triggers refuse them).
 */
export async function recordAudit(tx: DbOrTx, ctx: Pick<Ctx, 'actor' | 'requestId' | 'clock'> | AnonymousAuditCtx, entry: AuditEntry): Promise<void> {
  const actor = 'actor' in ctx ? ctx.actor : null;
  await tx
    .insertInto('audit_log')
    .values({
      at: ctx.clock.now().toISOString(),
      actor_user_id: actor?.userId ?? null,
      actor_name: actor ? actor.username : ('actorName' in ctx ? ctx.actorName : 'system'),
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      path: entry.path ?? null,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
    })
    .execute();
}

/** For writes made by the system or before anyone is signed in (seeding, failed logins). */
export interface AnonymousAuditCtx {
  actorName: string;
  requestId: string;
  clock: { now(): Date };
}
