import crypto from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Db, Tx } from './db.ts';
import type { AuditLogTable } from '../db/schema.ts';

/**
 * The audit log as a hash chain. Row n stores `seq` = n and `hash` = HMAC-SHA-256(key, hash(n-1) ‖ "\n" ‖
 * content(n)), with hash(0) = GENESIS. Anyone who edits, deletes or inserts a row breaks the chain at that row
 * unless they can compute new MACs, which needs the key; the key is derived from the deployment's secret (the
 * one that encrypts phone numbers), which lives with the servers, not in the database. A plain hash would not
 * do: whoever can write the table could recompute every hash after an edit.
 */

export const GENESIS = '0'.repeat(64);

/** Canonical content format; bump it only together with a way to verify rows written in the old one. */
const CONTENT_VERSION = 1;

export interface ChainKeys {
  /** Chains the rows. */
  row: Buffer;
  /** Signs published heads. */
  head: Buffer;
}

/** Two independent keys from the deployment secret (HKDF-SHA-256), so the chain never uses the secret itself. */
export function deriveChainKeys(secret: string): ChainKeys {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', secret, 'xiaoqu audit chain', info, 32));
  return { row: derive('audit-row v1'), head: derive('audit-head v1') };
}

let processKeys: ChainKeys | null = null;

/**
 * Sets the key every audit write of this process chains with. One deployment has one secret, and audit rows are
 * written from many places that only hold a transaction, so the key is held here once, set when services open.
 */
export function useAuditChainSecret(secret: string): void {
  processKeys = deriveChainKeys(secret);
}

export function auditChainKeys(): ChainKeys {
  if (!processKeys) throw new Error('the audit chain has no key: open the services (useAuditChainSecret) before writing audit rows');
  return processKeys;
}

// Marks a detail whose canonical JSON text goes into the content verbatim, as {"json":<text>}.
const INLINE = Symbol('canonical JSON text');

/**
 * Deterministic JSON: object keys in code-unit order, no whitespace, otherwise what JSON.stringify writes
 * (toJSON honoured, undefined members left out, undefined in arrays and non-finite numbers as null).
 */
export function canonicalJson(value: unknown): string {
  const out = canonicalValue(value);
  return out === undefined ? 'null' : out;
}

function canonicalValue(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && INLINE in value) return `{"json":${String((value as Record<symbol, unknown>)[INLINE])}}`;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalValue((value as { toJSON: () => unknown }).toJSON());
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: a bigint has no JSON form');
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalValue(v) ?? 'null').join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const v = canonicalValue((value as Record<string, unknown>)[key]);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  }
  return undefined; // undefined, functions, symbols: left out as JSON.stringify does
}

/** The columns a MAC covers: everything but the row id (the database's counter) and the hash itself. */
export type ChainedRow = Pick<AuditLogTable, 'at' | 'actor_user_id' | 'actor_name' | 'action' | 'subject_type' | 'subject_id' | 'path' | 'before_json' | 'after_json' | 'request_id'> & { seq: number };

/**
 * A row's canonical content. The before/after details are compared as JSON values with sorted keys, so that how
 * a database or an export happens to spell the same JSON never matters; text that is not JSON is covered as is.
 */
export function rowContent(row: ChainedRow): string {
  return canonicalJson(contentParts(row, details(row.before_json), details(row.after_json)));
}

/**
 * The same string as `rowContent` for a row whose details are already canonical JSON (as `recordAudit` writes
 * them): canonical JSON parsed and written again is itself, so the details go in as they are, unparsed.
 */
export function freshRowContent(row: ChainedRow): string {
  const inline = (text: string | null) => (text === null ? null : { [INLINE]: text });
  return canonicalJson(contentParts(row, inline(row.before_json), inline(row.after_json)));
}

function contentParts(row: ChainedRow, before: unknown, after: unknown): unknown[] {
  return [
    CONTENT_VERSION,
    Number(row.seq),
    row.at,
    row.actor_user_id === null ? null : Number(row.actor_user_id),
    row.actor_name,
    row.action,
    row.subject_type,
    row.subject_id,
    row.path,
    before,
    after,
    row.request_id,
  ];
}

function details(text: string | null): unknown {
  if (text === null) return null;
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

/** hash(n) from hash(n-1) and content(n). */
export function linkHash(key: Buffer, previous: string, content: string): string {
  return crypto.createHmac('sha256', key).update(previous).update('\n').update(content).digest('hex');
}

/** The hash the row at `seq` chains from: GENESIS for the first row. */
function previousOf(seq: number, headHash: string): string {
  return seq === 1 ? GENESIS : headHash;
}

/** An audit row to append; `before_json` and `after_json` must be `canonicalJson` output (or null). */
export type AuditRowValues = Omit<ChainedRow, 'seq'>;

// The same text on both databases, compiled once: this runs with every audited write.
const ADVANCE_HEAD = CompiledQuery.raw('update audit_chain_head set seq = seq + 1 where id = 1 returning seq, hash', []);

/**
 * Appends one row to the chain inside the caller's transaction. Advancing the head row first takes its lock
 * (PostgreSQL: other writers wait until this transaction ends, so rows join the chain in commit order; SQLite:
 * writes are serialised anyway); the insert's trigger then records the new hash in the head. If the transaction
 * or its savepoint rolls back, the head goes back with it, so the chain never has a hole.
 */
export async function appendAuditRow(tx: Tx, values: AuditRowValues): Promise<void> {
  const head = (await tx.executeQuery<{ seq: number | string; hash: string }>(ADVANCE_HEAD)).rows[0];
  if (!head) throw new Error('audit_chain_head has no row: the audit chain cannot be continued');
  const seq = Number(head.seq);
  const hash = linkHash(auditChainKeys().row, previousOf(seq, head.hash), freshRowContent({ ...values, seq }));
  await tx.insertInto('audit_log').values({ ...values, seq, hash }).execute();
}

const SEAL_BATCH = 500;

/**
 * Chains the rows written before the chain existed (migration 005), once, in id order, in batches that each hold
 * the head's lock; safe to run from several servers starting together, and a no-op once done. Returns how many
 * rows it chained. Only rows up to the id recorded by the migration qualify, so a row inserted later without a
 * hash stays unchained and `verify` reports it as forged.
 */
export async function sealLegacyAuditRows(db: Db, keys: ChainKeys, now: () => Date): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (tx) => {
      // A no-op update takes the head row's lock for the rest of this transaction.
      const head = await tx.updateTable('audit_chain_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).returningAll().executeTakeFirst();
      if (!head || head.sealed_at !== null) return true;
      const legacyThrough = head.legacy_through_id;
      const rows = legacyThrough === null ? [] : await tx.selectFrom('audit_log').selectAll().where('seq', 'is', null).where('id', '<=', legacyThrough).orderBy('id').limit(SEAL_BATCH).execute();
      if (rows.length === 0) {
        await tx.updateTable('audit_chain_head').set({ sealed_at: now().toISOString() }).where('id', '=', 1).execute();
        return true;
      }
      let seq = Number(head.seq);
      let hash = head.hash;
      for (const row of rows) {
        seq++;
        hash = linkHash(keys.row, previousOf(seq, hash), rowContent({ ...row, seq }));
        await tx.updateTable('audit_log').set({ seq, hash }).where('id', '=', row.id).execute();
      }
      await tx.updateTable('audit_chain_head').set({ seq, hash }).where('id', '=', 1).execute();
      sealed += rows.length;
      return false;
    });
    if (done) return sealed;
  }
}
