import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn, startTestApp, unitIdOf, type TestApp } from '../test/harness.ts';
import { parseTrustProxy } from './config.ts';

// Forwarded headers are believed only from configured proxies (XIAOQU_TRUST_PROXY), every answer carries the
// security headers, and cookies are Secure over HTTPS.

interface Cookie {
  name: string;
  secure?: boolean;
}

const attempt = (t: TestApp, remoteAddress: string, username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers, payload: { username, password } });
const code = (res: { body: string }) => json<{ error: { code: string } }>(res).error.code;

describe('XIAOQU_TRUST_PROXY', () => {
  it('reads off, a hop count or a list of addresses', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });
});

describe('with no trusted proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('a rotating X-Forwarded-For does not get around the per-address limit', async () => {
    for (let i = 0; i < 30; i++) expect((await attempt(t, '10.50.0.1', `rot-${i}`, 'Password123', { 'x-forwarded-for': `192.0.2.${i}` })).statusCode).toBe(401);
    const locked = await attempt(t, '10.50.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '192.0.2.200' });
    expect(code(locked)).toBe('LOGIN_LOCKED');
  });

  it('a spoofed X-Forwarded-For does not lock out the address it names', async () => {
    for (let i = 0; i < 30; i++) expect((await attempt(t, '10.51.0.1', `spoof-${i}`, 'Password123', { 'x-forwarded-for': '10.52.0.1' })).statusCode).toBe(401);
    expect((await attempt(t, '10.52.0.1', 'najin', 'xiaoqu-demo')).statusCode).toBe(200);
  });

  it('keeps cookies plain over HTTP even when a client claims X-Forwarded-Proto: https', async () => {
    const res = await attempt(t, '10.53.0.1', 'basang', 'xiaoqu-demo', { 'x-forwarded-proto': 'https' });
    expect((res.cookies as Cookie[]).find((c) => c.name === 'xq_session')?.secure).toBeFalsy();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('behind a trusted proxy at 127.0.0.1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { trustProxy: ['127.0.0.1'] } });
  });
  afterAll(async () => t.close());

  it('keys the limits on the client address the proxy tells', async () => {
    for (let i = 0; i < 30; i++) expect((await attempt(t, '127.0.0.1', `fwd-${i}`, 'Password123', { 'x-forwarded-for': '10.60.0.1' })).statusCode).toBe(401);
    expect(code(await attempt(t, '127.0.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '10.60.0.1' }))).toBe('LOGIN_LOCKED');
    expect((await attempt(t, '127.0.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '10.60.0.2' })).statusCode).toBe(200);
    // A peer that is not the proxy is keyed on its own address, whatever it claims.
    expect((await attempt(t, '10.61.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '10.60.0.1' })).statusCode).toBe(200);
  });

  it('marks cookies Secure and sends HSTS when the proxy says the request came over HTTPS', async () => {
    const res = await attempt(t, '127.0.0.1', 'basang', 'xiaoqu-demo', { 'x-forwarded-for': '10.62.0.1', 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    const cookies = res.cookies as Cookie[];
    expect(cookies.find((c) => c.name === 'xq_session')?.secure).toBe(true);
    expect(cookies.find((c) => c.name === 'xq_csrf')?.secure).toBe(true);
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('a hop count and XIAOQU_SECURE_COOKIES=1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { trustProxy: 1, secureCookies: true } });
  });
  afterAll(async () => t.close());

  it('believes the nearest hop, and marks cookies Secure even over HTTP', async () => {
    for (let i = 0; i < 30; i++) await attempt(t, '10.70.0.1', `hop-${i}`, 'Password123', { 'x-forwarded-for': '10.71.0.1' });
    expect(code(await attempt(t, '10.70.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '10.71.0.1' }))).toBe('LOGIN_LOCKED');
    const res = await attempt(t, '10.70.0.1', 'najin', 'xiaoqu-demo', { 'x-forwarded-for': '10.71.0.2' });
    expect(res.statusCode).toBe(200);
    expect((res.cookies as Cookie[]).find((c) => c.name === 'xq_session')?.secure).toBe(true);
  });
});

describe('security headers', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>xiaoqu</title>');
    t = await startTestApp({ webDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const expectHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  };

  it('are on pages, API answers and errors', async () => {
    for (const url of ['/', '/units/3', '/api/v1/me', '/api/v1/no-such-route', '/api/openapi.json']) {
      expectHeaders((await t.app.inject({ method: 'GET', url })).headers);
    }
  });

  it('are on photos (served with their stored type, never guessed)', async () => {
    const luosang = await signIn(t.app, 'luosang');
    const category = await t.services.db.selectFrom('issue_categories').select('id').where('code', '=', 'sanitation').executeTakeFirstOrThrow();
    // A minimal JPEG: SOI, a JFIF header, a scan and EOI.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
      0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0xff, 0xd9,
    ]);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/issues',
      headers: luosang.headers,
      payload: { title: '楼下垃圾桶满了', body: '三天没人清理', categoryId: category.id, nature: 'help', unitId: await unitIdOf(t.services, '4号楼', '天峰祥和苑'), placeKind: 'building', showName: true, photos: [`data:image/jpeg;base64,${jpeg.toString('base64')}`] },
    });
    expect(made.statusCode, made.body).toBe(201);
    const detail = json<{ photos: { url: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/issues/${json<{ id: number }>(made).id}`, headers: { cookie: luosang.cookie } }));
    const photo = await t.app.inject({ method: 'GET', url: detail.photos[0]?.url ?? '', headers: { cookie: luosang.cookie } });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expectHeaders(photo.headers);
  });
});
