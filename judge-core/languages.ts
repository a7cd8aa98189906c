/**
 * The language registry: how each language runs inside the sandbox image. Adding a language means
 * one entry here (plus its id in protocol/languages.ts and its runtime and harness in the image).
 * A `compile` step, when a language needs one, runs in the same sandbox before the harness.
 */
import type { LanguageId } from '../protocol/index.js';
import type { SandboxLimits, SandboxVariant } from './sandbox.js';

export interface LanguageRuntime {
  id: LanguageId;
  /** Command that runs the harness inside the image; it reads the job on stdin. */
  command(limits: SandboxLimits, variant?: SandboxVariant): string[];
  /** Message patterns on stderr that mean the runtime ran out of memory. */
  outOfMemoryPatterns: RegExp[];
}

const HARNESS_ROOT = '/opt/pairjudge/harness';

/**
 * Escape-simulation for Python: the submission as plain python3 with no harness around it, as if
 * every in-process guard had fallen. It loads the code and calls the entry with each case's
 * arguments; it writes no report frame, so no verdict it leads to can be `accepted`.
 */
const PYTHON_ESCAPE_SIMULATION = [
  'import json, sys',
  'job = json.load(sys.stdin)',
  "g = {'__name__': '__main__'}",
  "exec(compile(job['code'], 'solution.py', 'exec'), g)",
  "f = g.get(job.get('entry') or '')",
  "for c in job['cases']:",
  '    try:',
  "        f(*c['args'])",
  '    except Exception:',
  '        pass',
].join('\n');

export const LANGUAGE_RUNTIMES: Record<LanguageId, LanguageRuntime> = {
  javascript: {
    id: 'javascript',
    command: (limits, variant) => [
      'node',
      // Keep V8's heap well under the container's memory limit so that a memory bomb ends as a
      // clean "heap out of memory" from V8 rather than depending on the kernel's OOM killer.
      `--max-old-space-size=${Math.max(32, Math.floor((limits.memoryBytes / (1024 * 1024)) * 0.6))}`,
      `${HARNESS_ROOT}/javascript/harness.cjs`,
      // The same harness with the user's code in a plain node:vm context holding Node's own
      // require and process (sandbox-image/harness/javascript/plain-vm.cjs).
      ...(variant === 'escape-simulation' ? ['--escape-simulation'] : []),
    ],
    outOfMemoryPatterns: [/heap out of memory/i, /Reached heap limit/, /Array buffer allocation failed/, /reaching memory limit/],
  },
  python: {
    id: 'python',
    // -I: isolated mode (ignore PYTHON* env and user site), -S: no site module, -B: no .pyc writes.
    command: (_limits, variant) =>
      variant === 'escape-simulation'
        ? ['python3', '-I', '-S', '-B', '-c', PYTHON_ESCAPE_SIMULATION]
        : ['python3', '-I', '-S', '-B', `${HARNESS_ROOT}/python/harness.py`],
    outOfMemoryPatterns: [/\bMemoryError\b/],
  },
};
