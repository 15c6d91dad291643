import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The Content-Security-Policy of every answer. The built web app loads only its own scripts; antd writes its
 * styles inline (CSS-in-JS), so styles allow 'unsafe-inline'; photos are shown from blob: and data: URLs
 * before upload; nothing may frame the pages (clickjacking).
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every answer (pages, API, photos, PDFs, spreadsheets, errors) through @fastify/helmet:
 * the CSP above, X-Frame-Options DENY, nosniff (photos and files are served with their stored type; a browser
 * must not guess another), no Referer (a building's QR address carries its token) and the cross-origin
 * isolation headers. HSTS only over HTTPS, as the request's trusted scheme tells: a plain-HTTP test deployment
 * must not be pinned to HTTPS.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000; includeSubDomains');
  });
}
