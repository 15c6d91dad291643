import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict } from '../../../core/errors.ts';
import { randomToken, sha256 } from '../../../core/crypto.ts';
import { cleanText } from '../../../core/schemas.ts';
import type { KeyRow } from '../queries.ts';

const KEY_PREFIX = 'xq311_';
/** Enough of the key to tell keys apart in a list, too little to guess the rest. */
const SHOWN = KEY_PREFIX.length + 6;

/** The hash a presented key is looked up by: only the hash is stored, so a copy of the database opens nothing. */
export const keyHash = (key: string): string => sha256(key);

/**
 * Issues an Open311 key for a client (a city app, the 12345 system) scoped to a unit's subtree: it may report and
 * read issues there only. Returns the key, which is never shown again.
 */
export async function createKey(ctx: Ctx, unit: { id: number; path: string }, name: string): Promise<{ id: number; key: string }> {
  const key = `${KEY_PREFIX}${randomToken(24)}`;
  const values = { name: cleanText(name), key_hash: keyHash(key), key_prefix: key.slice(0, SHOWN), unit_id: unit.id, path: unit.path, created_by: ctx.actor.userId, created_at: ctx.clock.now().toISOString() };
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('api_keys').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'open311.key.create', subjectType: 'api_key', subjectId: row.id, path: unit.path, after: { name: values.name, prefix: values.key_prefix, unitId: unit.id } });
    return row.id;
  });
  return { id, key };
}

/** Stops a key from working at once. Throws API_KEY_REVOKED (409) when it already was. */
export async function revokeKey(ctx: Ctx, key: KeyRow): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', key.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('API_KEY_REVOKED', 'This key was already revoked');
    await recordAudit(tx, ctx, { action: 'open311.key.revoke', subjectType: 'api_key', subjectId: key.id, path: key.path, before: { revokedAt: null }, after: { revokedAt: at } });
  });
}
