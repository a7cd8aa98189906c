/**
 * Serves the browser-guest build of the desktop renderer at `/` when it has been built
 * (`npm run build:web`), so a candidate can join from a browser with nothing installed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export interface WebAppPluginOptions {
  webDir: string;
}

export const webAppPlugin = fp<WebAppPluginOptions>(
  async (app, options) => {
    const index = path.join(options.webDir, 'index.html');
    if (!existsSync(index)) {
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply
          .type('text/plain; charset=utf-8')
          .send('PairJudge judge is running. The browser app is not built: run `npm run build:web`. API docs: /docs\n'),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root: options.webDir,
      prefix: '/',
      index: ['index.html'],
      // The API and docs live under their own prefixes; only files of the build are served here.
      wildcard: true,
      // The page's CSP is a meta tag, which cannot forbid framing: say it here, against clickjacking.
      setHeaders(reply) {
        reply.header('content-security-policy', "frame-ancestors 'none'");
        reply.header('x-frame-options', 'DENY');
        reply.header('x-content-type-options', 'nosniff');
      },
    });
  },
  { name: 'web-app' },
);
