import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { FieldCipher } from './crypto.ts';
import type { Db, Generation } from './db.ts';
import type { Actor } from './policy.ts';
import type { ReadCache } from './readCache.ts';
import type { SessionActor } from './auth.ts';

/** What the process holds once: database, key, clock, configuration. */
export interface Services {
  db: Db;
  dbKind: 'sqlite' | 'postgres';
  cipher: FieldCipher;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  /** Changes whenever the data may have changed; null where there is no such signal (see DbHandle). */
  generation: Generation | null;
  /** Read caches, valid while the data is unchanged (SQLite only; pass-through on PostgreSQL). */
  caches: { sessions: ReadCache<SessionActor | null>; pages: ReadCache<Buffer> };
}

/** What a command receives: the services and who is asking. Commands never see the HTTP request. */
export interface Ctx extends Services {
  actor: Actor;
  requestId: string;
}
