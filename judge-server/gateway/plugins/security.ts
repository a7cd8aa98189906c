/**
 * Browser-facing protections of the API: CORS only for the origins an operator lists (by default
 * none: the browser guest is served by the gateway itself, so its calls are same-origin and need
 * no CORS; the desktop app calls from its main process, where CORS does not apply), and the usual
 * security headers on every /v1 answer.
 *
 * The headers are applied to /v1 only: the web app (plugins/web-app.ts) sets its own framing
 * headers and its CSP lives in the page, and Swagger UI at /docs needs inline scripts that an API
 * CSP would forbid.
 */
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export interface SecurityPluginOptions {
  /** Comma-separated origins (CORS_ORIGINS); empty for none. */
  corsOrigins: string;
}

export const securityPlugin = fp<SecurityPluginOptions>(
  async (app, options) => {
    const origins = options.corsOrigins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    await app.register(fastifyCors, {
      // false: no Access-Control-* headers at all, so other sites' scripts cannot read answers.
      origin: origins.length > 0 ? origins : false,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposedHeaders: ['location', 'retry-after'],
      maxAge: 600,
    });

    await app.register(fastifyHelmet, { global: false });
    const apiHeaders = {
      // JSON answers load nothing and may not be framed or rendered as a page.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      // frame-ancestors above already forbids framing; X-Frame-Options adds nothing for JSON.
      frameguard: false,
      // Pages of listed origins must be able to read answers; otherwise only this origin.
      crossOriginResourcePolicy: { policy: origins.length > 0 ? ('cross-origin' as const) : ('same-origin' as const) },
    };
    app.addHook('onRequest', async (request, reply) => {
      // The WebSocket upgrade of /v1/signal answers no HTTP body; headers there would be dropped anyway.
      if (request.url.startsWith('/v1/') && !request.url.startsWith('/v1/signal')) await reply.helmet(apiHeaders);
    });
  },
  { name: 'security' },
);
