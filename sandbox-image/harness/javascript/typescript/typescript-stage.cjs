// @ts-check
'use strict';

/**
 * The main thread's side of TypeScript (harness.cjs --typescript): it starts the compiler's
 * thread (typescript-worker.cjs) at once, so a pooled container has it loaded before the job
 * comes; turns the job's TypeScript into JavaScript before the runner sees it; puts the report's
 * error lines back on the TypeScript lines; and, after the tests, runs the type check within a
 * bound of its own, so that a pathological type costs at most that bound and never a test's time.
 */

const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { originalLine } = require('./typescript-tools.cjs');

/**
 * The type check's own budget, after the tests; the job's `typeCheck.withinMs` (what is left of
 * the run's wall deadline) can only shorten it. Measured in the image (README, "TypeScript"): a
 * checker that parsed the library while the container waited checks a solution in a fraction of a
 * second; a cold one parses the library first, seconds on a loaded machine. Past the budget the
 * check is dropped and the result says so: the verdict never waits on it longer, and it never
 * pushes the run past its deadline.
 */
const CHECK_MS = 10_000;
// Below this there is no point starting the check.
const MIN_CHECK_MS = 100;
// Loading the compiler takes about half a second of CPU; on a loaded machine, several. The
// container's wall deadline still bounds it.
const TRANSPILE_MS = 30_000;
// The compiler's heap: the ES2022 library and a solution need about 60 MiB. A check that needs
// more is dropped (the thread ends with ERR_WORKER_OUT_OF_MEMORY) instead of taking the
// container's memory from the tests.
const CHECK_HEAP_MB = 128;

/**
 * @typedef {import('./typescript-tools.cjs').Transpiled} Transpiled
 * @typedef {import('./typescript-tools.cjs').Diagnostic} Diagnostic
 * @typedef {import('../messages.cjs').Report} Report
 */

function startTypeScript() {
  const worker = new Worker(path.join(__dirname, 'typescript-worker.cjs'), {
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: CHECK_HEAP_MB },
  });
  worker.stdout.resume();
  worker.stderr.resume();
  /** @type {string | undefined} */
  let failure;
  /** @type {((m: { t?: string } & Record<string, unknown>) => void)[]} */
  const listeners = [];
  /** @param {string} why */
  const fail = (why) => {
    failure ??= why;
    for (const listener of listeners.splice(0)) listener({ t: 'failed' });
  };
  worker.on('message', (/** @type {{ t?: string }} */ m) => {
    for (const listener of listeners.splice(0)) listener(m);
  });
  worker.on('error', (e) => fail(/** @type {NodeJS.ErrnoException} */ (e)?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : e instanceof Error ? e.message : String(e)));
  worker.on('exit', () => fail('the compiler thread ended'));

  /**
   * The next message of kind `kind`, or undefined after `ms` or when the thread is gone.
   * @param {string} kind @param {number} ms
   * @returns {Promise<Record<string, unknown> | undefined>}
   */
  function next(kind, ms) {
    if (failure !== undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      const listener = (/** @type {{ t?: string } & Record<string, unknown>} */ m) => {
        if (m.t === kind || m.t === 'failed') {
          clearTimeout(timer);
          resolve(m.t === kind ? m : undefined);
        } else listeners.push(listener);
      };
      listeners.push(listener);
    });
  }
  const warm = next('warm', TRANSPILE_MS);

  return {
    /** Resolves when the compiler is loaded and its library parsed (or it failed). */
    warm,
    /**
     * @param {string} code @param {string | undefined} script @param {boolean} willCheck  a type check follows the tests
     * @returns {Promise<{ code: Transpiled, script?: Transpiled }>}
     */
    async transpile(code, script, willCheck) {
      worker.postMessage({ t: 'transpile', code, willCheck, ...(script !== undefined ? { script } : {}) });
      const answer = await next('transpiled', TRANSPILE_MS);
      if (!answer) throw new Error('the TypeScript compiler did not answer' + (failure ? ': ' + failure : ''));
      return /** @type {{ code: Transpiled, script?: Transpiled }} */ (/** @type {unknown} */ (answer));
    },
    /**
     * The type errors of `code`, or one note at line 1 when the check could not finish.
     * @param {string} code @param {number} leftMs  what is left of the time the job allows for it
     * @returns {Promise<Diagnostic[]>}
     */
    async check(code, leftMs) {
      const budget = Math.min(CHECK_MS, Math.floor(leftMs));
      if (budget < MIN_CHECK_MS) return [{ line: 1, column: 1, message: 'The type check did not run (no time was left before the deadline): type errors are not shown for this run' }];
      worker.postMessage({ t: 'check', code });
      const answer = await next('checked', budget);
      if (answer && Array.isArray(answer.diagnostics)) return /** @type {Diagnostic[]} */ (answer.diagnostics);
      const why = failure ?? 'it took longer than ' + (budget / 1000).toFixed(1) + ' s';
      return [{ line: 1, column: 1, message: 'The type check did not finish (' + why + '): type errors are not shown for this run' }];
    },
    close() {
      void worker.terminate();
    },
  };
}

/**
 * The report with every error line moved from the JavaScript that ran to the TypeScript the user
 * wrote (the code's map for the code, the test script's map for `source: 'tests'`).
 * @param {Report} report @param {number[]} codeLines @param {number[] | undefined} scriptLines
 * @returns {Report}
 */
function mapReportLines(report, codeLines, scriptLines) {
  /** @param {{ line?: number, source?: 'code' | 'tests' } | undefined} error */
  const remap = (error) => {
    if (!error || error.line === undefined) return;
    const lines = error.source === 'tests' ? scriptLines : codeLines;
    if (lines) error.line = originalLine(lines, error.line);
  };
  remap(report.compileError);
  for (const test of report.tests) remap(test.error);
  return report;
}

module.exports = { startTypeScript, mapReportLines, CHECK_MS };
