// @ts-check
'use strict';

/**
 * The TypeScript compiler's thread in the harness (harness.cjs starts it in --typescript mode).
 *
 * Why a thread of its own: loading the compiler and parsing the ES2022 library take about a
 * second of CPU, which this thread spends while the container waits in the warm pool; and a type
 * check is synchronous and can be made arbitrarily slow by the code it checks (deeply recursive
 * conditional types), so the main thread bounds it by terminating this thread, which no user
 * code and no test runs in. It compiles the user's code; it never runs it.
 *
 * Messages in: { t: 'transpile', code, script? } then, once the tests are over, { t: 'check', code }.
 * Messages out: { t: 'warm' }, { t: 'transpiled', code: Transpiled, script?: Transpiled },
 * { t: 'checked', diagnostics }.
 */

const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const ts = require('typescript');
const { transpile, createChecker, TESTS_FILE } = require('./typescript-tools.cjs');

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const checker = createChecker(ts);

// Set once a job came; `warmed` once the library is parsed.
let jobCame = false;
let warmed = false;

function warmUp() {
  if (warmed) return;
  warmed = true;
  transpile(ts, 'const warm: number = 1;\n');
  checker.check('const warm: number = 1;\n');
}

/**
 * The compiler failing on the code (a parser's stack overflow on absurdly nested input) is the
 * code's compile error, not the judge's.
 * @param {() => import('./typescript-tools.cjs').Transpiled} run
 * @returns {import('./typescript-tools.cjs').Transpiled}
 */
function safely(run) {
  try {
    return run();
  } catch (e) {
    return { ok: false, error: { message: 'The TypeScript compiler could not read this code: ' + String(e instanceof Error ? e.message : e).slice(0, 200) } };
  }
}

/** @param {{ t?: unknown, code?: unknown, script?: unknown, willCheck?: unknown }} m */
function onMessage(m) {
  if (m.t === 'transpile' && typeof m.code === 'string') {
    jobCame = true;
    port.postMessage({
      t: 'transpiled',
      code: safely(() => transpile(ts, /** @type {string} */ (m.code))),
      ...(typeof m.script === 'string' ? { script: safely(() => transpile(ts, /** @type {string} */ (m.script), TESTS_FILE)) } : {}),
    });
    // A cold container whose run will be type-checked parses the library now, while the tests
    // run: a fixed cost (no user code or type decides it) that would otherwise come after them,
    // on the run's wall clock. The user's own file is still checked only after the tests.
    if (m.willCheck === true) setImmediate(warmUp);
  } else if (m.t === 'check' && typeof m.code === 'string') {
    /** @type {import('./typescript-tools.cjs').Diagnostic[]} */
    let diagnostics;
    try {
      diagnostics = checker.check(m.code);
    } catch (e) {
      diagnostics = [{ line: 1, column: 1, message: 'The type check failed on this code (' + String(e instanceof Error ? e.message : e).slice(0, 200) + '): type errors are not shown for this run' }];
    }
    port.postMessage({ t: 'checked', diagnostics });
  }
}

// While the container waits for its job (warm pool), parse the library and run the checker once
// on a tiny file: the job's check then pays only for its own file (V8 has compiled the checker's
// functions by then). A job that came while the compiler was loading (a cold container) is taken
// first: its transpile is what the tests wait for, and a run that is not type-checked (the hidden
// run) has no use for the library.
setImmediate(() => {
  for (let waiting = receiveMessageOnPort(port); waiting; waiting = receiveMessageOnPort(port)) onMessage(waiting.message);
  if (!jobCame) warmUp();
  port.postMessage({ t: 'warm' });
  port.on('message', onMessage);
});
