/**
 * Vite plugin that puts the Pyodide runtime (from the `pyodide` npm package) into the browser
 * guest's build, under `pyodide/`: local Python Runs load it from the guest's own origin, never
 * from a CDN. The dev server serves the same files from node_modules.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** What loadPyodide fetches for the standard library (no extra packages are loaded). */
const RUNTIME_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const TYPES: Record<string, string> = { mjs: 'text/javascript', wasm: 'application/wasm', zip: 'application/zip', json: 'application/json' };

function pyodideDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

export function pyodideRuntimePlugin(): Plugin {
  return {
    name: 'pairjudge-pyodide-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /\/pyodide\/([^/?]+)/.exec(req.url ?? '')?.[1];
        if (!name || !RUNTIME_FILES.includes(name)) return next();
        res.setHeader('content-type', TYPES[name.split('.').pop()!] ?? 'application/octet-stream');
        createReadStream(join(pyodideDir(), name)).pipe(res);
      });
    },
    generateBundle() {
      const dir = pyodideDir();
      for (const name of RUNTIME_FILES) {
        this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}
