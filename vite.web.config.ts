/**
 * Browser-guest build: the same renderer as the desktop app, bundled as a plain web page into
 * out/web. The gateway serves it at `/`, so the page's relative API calls reach that gateway.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cspHtmlPlugin } from './desktop/build/csp-html-plugin.js';
import { rendererAliases } from './desktop/build/renderer-aliases.js';

const root = resolve(import.meta.dirname, 'desktop/renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspHtmlPlugin()],
  resolve: { alias: rendererAliases(import.meta.dirname) },
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    // Monaco is large by nature; the warning would only hide real regressions in our own code.
    chunkSizeWarningLimit: 5000,
  },
  // `npx vite -c vite.web.config.ts` serves the guest with hot reload; API calls go to the local judge.
  server: {
    port: 5174,
    proxy: {
      '/v1': process.env.PAIRJUDGE_GATEWAY_URL ?? 'http://127.0.0.1:8080',
      '/healthz': process.env.PAIRJUDGE_GATEWAY_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
