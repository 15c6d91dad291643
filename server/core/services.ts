import type { FastifyBaseLogger } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { FieldCipher, resolveSecret } from './crypto.ts';
import { openDatabase, type DbHandle } from './db.ts';
import type { Services } from './context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { auditChainKeys, sealLegacyAuditRows, useAuditChainSecret } from './auditChain.ts';
import type { SessionActor } from './auth.ts';
import { ReadCache } from './readCache.ts';

export interface OpenedServices {
  services: Services;
  handle: DbHandle;
}

/** Opens the database, brings it to the newest schema, prepares the field cipher and the audit chain's key. */
export async function openServices(config: Config, log: FastifyBaseLogger, clock: Clock = systemClock): Promise<OpenedServices> {
  const handle = openDatabase(config.databaseUrl, { onConnectionLost: (err) => log.warn({ err }, 'a database connection was closed by the server') });
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  const secret = resolveSecret(config.secret, config.dataDir);
  const cipher = new FieldCipher(secret);
  useAuditChainSecret(secret);
  // Audit rows written before the chain existed are chained once, before this server writes any.
  const sealed = await sealLegacyAuditRows(handle.db, auditChainKeys(), () => clock.now());
  if (sealed > 0) log.info({ rows: sealed }, 'audit rows written before the chain existed are now chained');
  const caches = { sessions: new ReadCache<SessionActor | null>(handle.generation, 5000, ['sessions', 'users', 'role_grants', 'org_units']), pages: new ReadCache<Buffer>(handle.generation, 300) };
  return { handle, services: { db: handle.db, dbKind: handle.kind, generation: handle.generation, cipher, clock, config, log, caches } };
}
