/**
 * Builds the browser-guest renderer for an end-to-end run into its own folder, so the test
 * exercises the current code and never overwrites the out/web a running judge may be serving.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export async function buildWebApp(outDir: string): Promise<string> {
  await build({
    configFile: join(REPO_ROOT, 'vite.web.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`the web build did not produce ${outDir}/index.html`);
  return outDir;
}
