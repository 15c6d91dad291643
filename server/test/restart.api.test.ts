import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from './harness.ts';

// The real entry point as `npm start` runs it: start, write, stop with SIGTERM, start again.

let db: { url: string; drop: () => Promise<void> };
let dataDir: string;
const port = 3700 + Math.floor(Math.random() * 200);
const base = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  db = await freshDatabaseUrl();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-restart-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: db.url, XIAOQU_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', XIAOQU_WEB_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${out}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function login(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'linqiong', password: 'xiaoqu-demo' }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('xq_csrf='))?.slice('xq_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), csrf };
}

async function summary(cookie: string): Promise<Record<string, number>> {
  const tree = (await (await fetch(`${base}/api/v1/org/tree`, { headers: { cookie } })).json()) as { roots: { id: number }[] };
  return (await (await fetch(`${base}/api/v1/org/units/${tree.roots[0]?.id}/summary`, { headers: { cookie } })).json()) as Record<string, number>;
}

describe('restart', () => {
  it('prints the URL and logins, stops cleanly on SIGTERM, and a restart loses nothing and does not reload the demo', async () => {
    const first = await start();
    expect(first.output()).toContain(`http://localhost:${port}/`);
    expect(first.output()).toContain('suolang');
    expect(first.output()).toContain('loaded the Linqiong demo');
    const s1 = await login();
    const tree = (await (await fetch(`${base}/api/v1/org/tree`, { headers: { cookie: s1.cookie } })).json()) as { roots: { children: { children: { id: number }[] }[] }[] };
    const building = tree.roots[0]?.children[0]?.children[0]?.id;
    const created = await fetch(`${base}/api/v1/org/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s1.cookie, 'x-csrf-token': s1.csrf },
      body: JSON.stringify({ buildingId: building, unitNo: 7, floor: 1, room: '7101', area: 66 }),
    });
    expect(created.status).toBe(201);
    const before = await summary(s1.cookie);
    expect(await stop(first.child)).toBe(0);

    const second = await start();
    const s2 = await login();
    const after = await summary(s2.cookie);
    expect(after).toEqual(before);
    expect(second.output()).not.toContain('loaded the Linqiong demo');
    expect(await stop(second.child)).toBe(0);
  }, 90_000);
});
