import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer. The built web app loads only its own scripts; antd writes its
 * styles inline (CSS-in-JS), so styles allow 'unsafe-inline'; photos are shown from blob: and data: URLs
 * before upload; nothing may frame the pages (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  // Photos, PDFs and spreadsheets are served with their stored type; a browser must not guess another.
  'x-content-type-options': 'nosniff',
  // Building QR pages carry a token in the address: it must not leak to another site in a Referer.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
};

/**
 * The headers @fastify/helmet sets, on every answer (pages, API, photos, PDFs, errors). HSTS only over HTTPS,
 * as the request's trusted scheme tells (a plain-HTTP test deployment must not be pinned to HTTPS).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000; includeSubDomains');
  });
}
