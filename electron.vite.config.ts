/**
 * electron-vite build of the desktop app: main (ESM, Node), preload (CommonJS, because sandboxed
 * preloads cannot be ES modules) and the renderer (the same React app as the browser guest).
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { cspHtmlPlugin } from './desktop/build/csp-html-plugin.js';
import { rendererAliases } from './desktop/build/renderer-aliases.js';

const here = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Bundle axios and TypeBox into main so the packaged app ships no node_modules at all.
      externalizeDeps: false,
      outDir: resolve(here, 'out/main'),
      lib: { entry: resolve(here, 'desktop/main/index.ts'), formats: ['es'] },
    },
  },
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      lib: { entry: resolve(here, 'desktop/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve(here, 'desktop/renderer'),
    base: './',
    plugins: [react(), cspHtmlPlugin()],
    resolve: { alias: rendererAliases(here) },
    worker: { format: 'es' },
    build: {
      outDir: resolve(here, 'out/renderer'),
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: resolve(here, 'desktop/renderer/index.html') },
    },
  },
});
