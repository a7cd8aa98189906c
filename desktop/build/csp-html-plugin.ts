/**
 * Vite plugin that writes the renderer's Content-Security-Policy into index.html as a meta tag,
 * from the one definition in desktop/main/security.ts. Built pages (file:// in Electron, the
 * gateway for browser guests) get the strict policy; the dev server gets the relaxed one.
 */
import type { Plugin } from 'vite';
import { rendererCsp } from '../main/security.js';

/**
 * `wasm`: the browser guest runs Python through Pyodide, whose runtime is WebAssembly; compiling
 * it needs 'wasm-unsafe-eval' in script-src. That allows WebAssembly compilation only, never
 * JavaScript eval ('unsafe-eval' stays out), and the module compiled is our own build's file.
 */
export function cspHtmlPlugin(options: { wasm?: boolean } = {}): Plugin {
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
          attrs: { 'http-equiv': 'Content-Security-Policy', content: options.wasm ? guestCsp({ dev }) : rendererCsp({ dev }) },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

/** The browser guest's policy: the renderer's, with WebAssembly compilation allowed (see above). */
export function guestCsp(options: { dev: boolean }): string {
  return rendererCsp(options).replace(/script-src ([^;]*)/, "script-src $1 'wasm-unsafe-eval'");
}
