import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomToken, sha256 } from './crypto.ts';
import type { Db, DbOrTx } from './db.ts';
import { isRole, type Actor, type Grant } from './policy.ts';

// OWASP minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
// Algorithm is a const enum (not importable under isolatedModules); 2 is Argon2id.
const ARGON = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const SESSION_COOKIE = 'xq_session';
export const CSRF_COOKIE = 'xq_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** How long a session lives: ended after `idleMinutes` without a request, and `maxHours` after sign-in at most. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** Last-seen is written at most this often, so a busy session does not write on every request. */
export const TOUCH_EVERY_MS = 60_000;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the username is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Creates a session; the token is returned once and only its hash is stored. */
export async function createSession(db: DbOrTx, userId: number, now: Date, limits: SessionLimits): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + limits.maxHours * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt, last_seen_at: now.toISOString() })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The stored form of a session token (only its hash is kept). */
export const sha256Token = (token: string): string => sha256(token);

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  /** Absolute end of the session. */
  expiresAt: string;
  /** When the session was last known in use (written at most every TOUCH_EVERY_MS). */
  lastSeenAt: string;
  /** The password was set by someone else: everything but /me, logout and changing it is refused. */
  mustChangePassword: boolean;
}

/** The signed-in actor for a session token, with every role grant and the path of its node. */
export async function actorForSession(db: Db, token: string, now: Date): Promise<SessionActor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.language',
      'users.resident_id',
      'users.disabled',
      'users.must_change_password',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.created_at',
      'sessions.last_seen_at',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expires_at <= now.toISOString()) return null;
  return {
    actor: toActor(row, await grantsOf(db, row.id)),
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at ?? row.created_at,
    mustChangePassword: Boolean(row.must_change_password),
  };
}

/** Is the session over: past its absolute end, or unused for longer than the idle timeout? */
export function sessionEnded(s: { expiresAt: string; lastSeenAt: string }, now: Date, limits: SessionLimits): boolean {
  return s.expiresAt <= now.toISOString() || Date.parse(s.lastSeenAt) + limits.idleMinutes * 60_000 <= now.getTime();
}

/**
 * Records that the session is in use, at most once a TOUCH_EVERY_MS (the condition makes two servers, or two
 * parallel requests, write it once). Returns whether a row was written.
 */
export async function touchSession(db: Db, token: string, now: Date): Promise<boolean> {
  const before = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  const res = await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('token_hash', '=', sha256(token))
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', before)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function loadActor(db: DbOrTx, userId: number): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language', 'resident_id', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  return toActor(user, await grantsOf(db, userId));
}

async function grantsOf(db: DbOrTx, userId: number): Promise<Grant[]> {
  const grants = await db
    .selectFrom('role_grants')
    .innerJoin('org_units', 'org_units.id', 'role_grants.unit_id')
    .select(['role_grants.id', 'role_grants.role', 'role_grants.unit_id', 'org_units.name', 'org_units.level', 'org_units.path'])
    .where('role_grants.user_id', '=', userId)
    .orderBy('role_grants.id')
    .execute();
  return grants.flatMap((g): Grant[] =>
    isRole(g.role) ? [{ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.name, unitLevel: g.level, path: g.path }] : [],
  );
}

function toActor(user: { id: number; username: string; display_name: string; language: string; resident_id: number | null }, grants: Grant[]): Actor {
  return { userId: user.id, username: user.username, displayName: user.display_name, language: user.language, residentId: user.resident_id, grants };
}
