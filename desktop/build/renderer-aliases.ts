/**
 * Module aliases the renderer bundle needs, shared by the browser-guest and Electron builds.
 *
 * - simple-peer's package entry expects Node's `events` and `buffer`; its prebuilt browser bundle
 *   carries its own.
 * - y-monaco imports `monaco-editor/esm/vs/editor/editor.api.js`, a path that monaco-editor 0.5x's
 *   `exports` map no longer resolves; pointing it at the real file keeps a single Monaco instance
 *   (the one the app loads through `monaco-editor`, which re-exports that same module).
 */
import { resolve } from 'node:path';
import type { Alias } from 'vite';

export function rendererAliases(repoRoot: string): Alias[] {
  return [
    { find: /^simple-peer$/, replacement: 'simple-peer/simplepeer.min.js' },
    {
      find: /^monaco-editor\/esm\/vs\/editor\/editor\.api\.js$/,
      replacement: resolve(repoRoot, 'node_modules/monaco-editor/esm/vs/editor/editor.api.js'),
    },
  ];
}
