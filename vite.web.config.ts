/**
 * Browser-guest build: the same renderer as the desktop app, bundled as a plain web page into
 * out/web. The gateway serves it at `/`, so the page's relative API calls reach that gateway.
 *
 * It is an installable offline web app: a Workbox service worker (vite-plugin-pwa) precaches the
 * app shell and Monaco with its workers, and keeps the last catalog answers, so reloading with
 * the gateway down still opens the app and the challenges seen. Nothing else of the API is
 * cached: submissions, health and the coach's own list always go to the network.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspHtmlPlugin } from './desktop/build/csp-html-plugin.js';
import { pyodideRuntimePlugin } from './desktop/build/pyodide-runtime-plugin.js';
import { rendererAliases } from './desktop/build/renderer-aliases.js';

const root = resolve(import.meta.dirname, 'desktop/renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [
    react(),
    cspHtmlPlugin({ wasm: true }),
    pyodideRuntimePlugin(),
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      // Registered by main.tsx, in the browser guest only (never in the desktop window).
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'PairJudge',
        short_name: 'PairJudge',
        description: 'Pair programming with a shared judge',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f7f7f5',
        theme_color: '#3f5bd8',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        // Monaco and its TypeScript worker are several MB each: the app is not usable without them.
        globPatterns: ['**/*.{js,css,html,png,svg,ttf,woff2,webmanifest}'],
        // Pyodide (about 14 MB) is not part of the shell: it is cached on first use (below).
        globIgnores: ['pyodide/**'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The API, its docs and probes are never answered with the app page.
        navigateFallbackDenylist: [/^\/v1\//, /^\/docs/, /^\/healthz/, /^\/readyz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // The Python runtime, fetched by the first local Python Run: kept, so a guest that ran
            // Python once runs it again offline. Its files are versioned by the npm package.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/pyodide\/[^/]+$/.test(url.pathname),
            handler: 'CacheFirst',
            options: {
              cacheName: 'pairjudge-pyodide',
              expiration: { maxEntries: 20 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // The public catalog (list, challenges, languages): the network first, the last answer
            // when the gateway is down. The coach's own list (?mine=1, with a token) is never kept.
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin &&
              request.method === 'GET' &&
              /^\/v1\/(challenges(\/[a-z0-9-]+)?|languages)$/.test(url.pathname) &&
              !url.searchParams.has('mine'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'pairjudge-catalog',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 300 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
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
