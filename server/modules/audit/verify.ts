import crypto from 'node:crypto';
import { GENESIS, linkHash, rowContent, type ChainKeys } from '../../core/auditChain.ts';
import type { Db } from '../../core/db.ts';
import { headSignatureValid, type PublishedHead } from './heads.ts';

/**
 * How the chain is broken at a row:
 * - `changed`: the row's content was edited (its stored hash is the genuine one: the next row chains from it);
 * - `missing`: no row holds this position (a row was deleted);
 * - `forged`: a row whose MAC does not verify and whose hash nothing vouches for, or a row with no place in the
 *   chain at all (inserted by hand without a hash);
 * - `tail_missing`: the chain ends before the position the head row or a published head says it reached;
 * - `rewritten`: the row at a published head's position does not carry the hash that was published (the chain
 *   was rebuilt by someone holding the key).
 */
export type BreakKind = 'changed' | 'missing' | 'forged' | 'tail_missing' | 'rewritten';

export interface ChainBreak {
  kind: BreakKind;
  /** Position in the chain; null for a row that has none. */
  seq: number | null;
  /** The row's id where one exists (for `missing`, the first row after the gap). */
  id: number | null;
}

export interface VerifyReport {
  ok: boolean;
  /** Rows whose link verified, from the start of the chain. */
  checked: number;
  firstBroken: ChainBreak | null;
  /** What was covered: the chain's id, its last position read, and the rows that predate the chain. */
  chain: string;
  lastSeq: number;
  /**
   * Rows up to `throughId` were written before the chain existed and chained at `sealedAt`: the chain vouches
   * for them only from then on. `unsealed` of them are not chained yet (the server has not started since).
   */
  legacy: { throughId: number | null; sealedAt: string | null; unsealed: number };
  /** The published head compared with, if any. */
  publishedHead: { seq: number; at: string } | null;
}

/** A published head that cannot be used: bad signature or another database's chain. */
export class HeadMismatchError extends Error {}

const BATCH = 1000;

const equalHex = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks the whole chain in position order, a batch at a time (bounded memory; the event loop runs between
 * batches), and reports the first break. Reads only; safe while the application writes.
 */
export async function verifyAuditChain(db: Db, keys: ChainKeys, opts: { head?: PublishedHead | null; batch?: number } = {}): Promise<VerifyReport> {
  const batch = opts.batch ?? BATCH;
  const headRow = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!headRow) throw new Error('audit_chain_head has no row: the database predates the audit chain or the row was deleted');
  const published = opts.head ?? null;
  if (published) {
    if (published.chain !== headRow.chain_id) throw new HeadMismatchError(`the published head belongs to chain ${published.chain}, this database holds chain ${headRow.chain_id}`);
    if (!headSignatureValid(keys, published)) throw new HeadMismatchError('the published head’s signature does not verify (another secret, or the head was altered)');
  }
  const head = { seq: Number(headRow.seq), hash: headRow.hash };

  let expected = 1;
  let previous = GENESIS;
  let checked = 0;
  let hashAtPublished: string | null = null;
  let broken: ChainBreak | null = null;
  // A row whose MAC failed: edited if the next row chains from its stored hash, forged if nothing vouches for it.
  let suspect: { seq: number; id: number; hash: string } | null = null;
  let after = 0;
  walk: for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'hash', 'at', 'actor_user_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'path', 'before_json', 'after_json', 'request_id'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      after = seq;
      if (suspect) {
        const vouched = seq === suspect.seq + 1 && row.hash !== null && equalHex(linkHash(keys.row, suspect.hash, rowContent({ ...row, seq })), row.hash);
        broken = { kind: vouched ? 'changed' : 'forged', seq: suspect.seq, id: suspect.id };
        break walk;
      }
      if (seq !== expected) {
        broken = { kind: 'missing', seq: expected, id: row.id };
        break walk;
      }
      if (row.hash === null) {
        broken = { kind: 'forged', seq, id: row.id };
        break walk;
      }
      if (!equalHex(linkHash(keys.row, previous, rowContent({ ...row, seq })), row.hash)) {
        suspect = { seq, id: row.id, hash: row.hash };
        continue;
      }
      checked++;
      expected++;
      previous = row.hash;
      if (published && seq === published.seq) hashAtPublished = row.hash;
    }
    if (rows.length < batch) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!broken && suspect) {
    // The last row: its hash is genuine only if the head row or a published head recorded it.
    const vouched = (head.seq === suspect.seq && head.hash === suspect.hash) || (published?.seq === suspect.seq && published.hash === suspect.hash);
    broken = { kind: vouched ? 'changed' : 'forged', seq: suspect.seq, id: suspect.id };
  }
  const lastSeq = expected - 1;

  const legacyThrough = headRow.legacy_through_id === null ? null : Number(headRow.legacy_through_id);
  const sealed = headRow.sealed_at !== null;
  if (!broken) {
    // A row outside the chain is forged unless it predates the chain and sealing has not run yet.
    let q = db.selectFrom('audit_log').select('id').where('seq', 'is', null);
    if (legacyThrough !== null && !sealed) q = q.where('id', '>', legacyThrough);
    const outside = await q.orderBy('id').limit(1).executeTakeFirst();
    if (outside) broken = { kind: 'forged', seq: null, id: outside.id };
  }
  if (!broken && (head.seq > lastSeq || (published !== null && published.seq > lastSeq))) broken = { kind: 'tail_missing', seq: lastSeq + 1, id: null };
  if (!broken && published !== null && published.seq > 0 && (hashAtPublished === null || !equalHex(hashAtPublished, published.hash))) {
    broken = { kind: 'rewritten', seq: published.seq, id: null };
  }

  const unsealed =
    legacyThrough === null || sealed
      ? 0
      : Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('seq', 'is', null).where('id', '<=', legacyThrough).executeTakeFirst())?.n ?? 0);
  return {
    ok: broken === null,
    checked,
    firstBroken: broken,
    chain: headRow.chain_id,
    lastSeq,
    legacy: { throughId: legacyThrough, sealedAt: headRow.sealed_at, unsealed },
    publishedHead: published ? { seq: published.seq, at: published.at } : null,
  };
}

const running = new WeakMap<Db, Promise<VerifyReport>>();

/** One walk at a time per database: callers arriving while one runs share its report. */
export function verifyAuditChainShared(db: Db, keys: ChainKeys, head: PublishedHead | null): Promise<VerifyReport> {
  const current = running.get(db);
  if (current) return current;
  const started = verifyAuditChain(db, keys, { head }).finally(() => running.delete(db));
  running.set(db, started);
  return started;
}
