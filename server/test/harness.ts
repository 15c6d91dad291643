import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { build } from '../app.ts';
import type { Clock } from '../core/clock.ts';
import { loadConfig, type Config } from '../core/config.ts';
import { openServices } from '../core/services.ts';
import type { Services } from '../core/context.ts';
import { DEMO_PASSWORD, ensureDefaults, loadDemoIfEmpty } from '../modules/seed.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private t: Date = new Date('2026-11-27T03:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  clock: TestClock;
  kind: 'sqlite' | 'postgres';
  databaseUrl: string;
  close(): Promise<void>;
}

/** Which database the integration tests run on: SQLite unless XQ_TEST_DB=postgres (then TEST_DATABASE_URL). */
export const testDbKind = (): 'sqlite' | 'postgres' => (process.env.XQ_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

/** A fresh, empty database of the kind under test. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xq_${crypto.randomBytes(6).toString('hex')}`;
  if (testDbKind() === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('XQ_TEST_DB=postgres needs TEST_DATABASE_URL');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-test-'));
  return { url: `sqlite:${path.join(dir, `${name}.sqlite`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The real app on a fresh database with the Linqiong demo loaded. */
export async function startTestApp(opts: { demo?: boolean; databaseUrl?: string; webDir?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const fresh = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => undefined } : await freshDatabaseUrl();
  // Published audit heads go to a file of this test's own, never into the project's data directory.
  const headsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-heads-'));
  const config = { ...loadConfig({}), ...opts.config, databaseUrl: fresh.url, secret: 'test-secret', webDir: opts.webDir ?? '/nonexistent', auditHeadsFile: path.join(headsDir, 'audit-heads.jsonl') };
  const clock = new TestClock();
  const log = pino({ level: 'silent' });
  const { services, handle } = await openServices(config, log, clock);
  await ensureDefaults(services);
  if (opts.demo !== false) await loadDemoIfEmpty(services);
  const app = await build({ services });
  await app.ready();
  return {
    app,
    services,
    clock,
    kind: handle.kind,
    databaseUrl: fresh.url,
    close: async () => {
      await app.close();
      await handle.close();
      await fresh.drop();
      fs.rmSync(headsDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in through the API and returns the headers a browser would send afterwards. */
export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'xq_session')?.value ?? '';
  const csrf = cookies.find((c) => c.name === 'xq_csrf')?.value ?? '';
  const cookie = `xq_session=${session}; xq_csrf=${csrf}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Parses a JSON response body with a type the test asserts on. */
export function json<T = Record<string, unknown>>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}

/** The id of a demo node by name; for a building give its compound too ("1号楼" exists in every compound). */
export async function unitIdOf(services: Services, name: string, compound?: string): Promise<number> {
  let q = services.db.selectFrom('org_units as u').select(['u.id']).where('u.name', '=', name);
  if (compound) q = q.innerJoin('org_units as c', 'c.id', 'u.parent_id').where('c.name', '=', compound);
  const row = await q.executeTakeFirst();
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}
