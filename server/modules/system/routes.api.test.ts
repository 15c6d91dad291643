import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => t.close());

describe('system routes', () => {
  it('answers health and readiness', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/healthz' }))).toEqual({ status: 'ok' });
    expect(json(await t.app.inject({ method: 'GET', url: '/readyz' }))).toEqual({ status: 'ok', database: t.kind });
  });

  it('documents every API route in OpenAPI 3', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(res);
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/org/tree', '/api/v1/org/units/{id}', '/api/v1/org/units/{id}/summary', '/api/v1/org/residents', '/api/v1/org/import', '/api/v1/accounts', '/api/v1/audit']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('tags every answer with a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});

describe('readiness without a database', () => {
  it('answers 503 when the database cannot be reached', async () => {
    const other = await startTestApp({ demo: false });
    await other.services.db.destroy();
    const res = await other.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(json<{ error: { code: string } }>(res).error.code).toBe('DATABASE_UNAVAILABLE');
    expect((await other.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await other.app.close();
  });
});

describe('the web app from the same process', () => {
  it('serves assets precompressed and cached, and index.html for client routes', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const zlib = await import('node:zlib');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoqu-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>小区</title>');
    const js = 'console.log("x");'.repeat(200);
    fs.writeFileSync(path.join(dir, 'assets', 'app-abc.js'), js);
    fs.writeFileSync(path.join(dir, 'assets', 'app-abc.js.br'), zlib.brotliCompressSync(js));
    const web = await startTestApp({ demo: false, webDir: dir });
    try {
      const asset = await web.app.inject({ method: 'GET', url: '/assets/app-abc.js', headers: { 'accept-encoding': 'br' } });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toContain('immutable');
      const page = await web.app.inject({ method: 'GET', url: '/units/3' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>小区</title>');
      expect((await web.app.inject({ method: 'GET', url: '/api/v1/none' })).statusCode).toBe(404);
    } finally {
      await web.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
