/**
 * Vite plugin that writes the renderer's Content-Security-Policy into index.html as a meta tag,
 * from the one definition in desktop/main/security.ts. Built pages (file:// in Electron, the
 * gateway for browser guests) get the strict policy; the dev server gets the relaxed one.
 */
import type { Plugin } from 'vite';
import { rendererCsp } from '../main/security.js';

export function cspHtmlPlugin(): Plugin {
  let dev = false;
  return {
    name: 'pairjudge-csp-html',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: rendererCsp({ dev }) },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}
