import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { auditChainKeys, canonicalJson, type ChainKeys } from '../../core/auditChain.ts';
import type { Services } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';

/**
 * A published head of the audit chain: "at `at`, chain `chain` ended at row `seq` whose hash was `hash`", signed
 * with a key derived from the deployment secret. Copied somewhere a database administrator cannot rewrite (log
 * shipping, the backup), it lets `verify` notice a chain cut short or rewritten before that point.
 */
export interface PublishedHead {
  chain: string;
  seq: number;
  hash: string;
  at: string;
  sig: string;
}

type Unsigned = Omit<PublishedHead, 'sig'>;

function signature(keys: ChainKeys, head: Unsigned): string {
  return crypto.createHmac('sha256', keys.head).update(canonicalJson({ chain: head.chain, seq: head.seq, hash: head.hash, at: head.at })).digest('hex');
}

export function signHead(keys: ChainKeys, head: Unsigned): PublishedHead {
  return { chain: head.chain, seq: head.seq, hash: head.hash, at: head.at, sig: signature(keys, head) };
}

export function headSignatureValid(keys: ChainKeys, head: PublishedHead): boolean {
  const expected = Buffer.from(signature(keys, head), 'hex');
  const given = Buffer.from(head.sig, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The end of the chain as the head row says now. */
export async function chainHead(db: Db): Promise<{ chain: string; seq: number; hash: string }> {
  const row = await db.selectFrom('audit_chain_head').select(['chain_id', 'seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!row) throw new Error('audit_chain_head has no row');
  return { chain: row.chain_id, seq: Number(row.seq), hash: row.hash };
}

/** Signs the current head, logs it (`audit chain head`) and appends it to the heads file. */
export async function publishAuditHead(services: Pick<Services, 'db' | 'clock' | 'config' | 'log'>): Promise<PublishedHead> {
  const head = signHead(auditChainKeys(), { ...(await chainHead(services.db)), at: services.clock.now().toISOString() });
  services.log.info({ auditHead: head }, 'audit chain head');
  const file = services.config.auditHeadsFile;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.appendFile(file, `${JSON.stringify(head)}\n`, { mode: 0o644 });
  return head;
}

const lastPublished = new WeakMap<object, number>();

/** The timer's job: publishes the head when the configured interval has passed since this process last did. */
export async function publishAuditHeadWhenDue(services: Services): Promise<void> {
  const now = services.clock.now().getTime();
  const last = lastPublished.get(services);
  if (last !== undefined && now - last < services.config.auditHeadMinutes * 60_000) return;
  await publishAuditHead(services);
  lastPublished.set(services, now);
}

const TAIL_BYTES = 64 * 1024;

function isHead(value: unknown): value is PublishedHead {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.chain === 'string' && typeof v.seq === 'number' && Number.isSafeInteger(v.seq) && typeof v.hash === 'string' && typeof v.at === 'string' && typeof v.sig === 'string';
}

/**
 * The last head for `chain` in a heads file or a server log (reads only the file's end, however long it grows);
 * null when the file does not exist or its end holds none for this chain. Other lines are passed over.
 */
export function latestHead(file: string, chain: string): PublishedHead | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    // A read that starts mid-file starts mid-line: drop that first piece.
    if (start > 0) lines.shift();
    for (const line of lines.reverse()) {
      const head = tryParseHead(line);
      if (head?.chain === chain) return head;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function tryParseHead(line: string): PublishedHead | null {
  try {
    return parseHead(line);
  } catch {
    return null;
  }
}

/**
 * One head from its JSON line: a line of the heads file, or the server's log line (`auditHead` in it), so that a
 * head kept by log shipping serves as well. Throws when the line is neither.
 */
export function parseHead(line: string): PublishedHead {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`not a published audit head: ${line.slice(0, 80)}`);
  }
  if (value !== null && typeof value === 'object' && 'auditHead' in value) value = value.auditHead;
  if (!isHead(value)) throw new Error(`not a published audit head: ${line.slice(0, 80)}`);
  return { chain: value.chain, seq: value.seq, hash: value.hash, at: value.at, sig: value.sig };
}
