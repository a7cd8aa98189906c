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

const { parentPort } = require('node:worker_threads');
const ts = require('typescript');
const { transpile, createChecker, TESTS_FILE } = require('./typescript-tools.cjs');

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const checker = createChecker(ts);

port.on('message', (/** @type {{ t?: unknown, code?: unknown, script?: unknown }} */ m) => {
  if (m.t === 'transpile' && typeof m.code === 'string') {
    port.postMessage({
      t: 'transpiled',
      code: transpile(ts, m.code),
      ...(typeof m.script === 'string' ? { script: transpile(ts, m.script, TESTS_FILE) } : {}),
    });
  } else if (m.t === 'check' && typeof m.code === 'string') {
    port.postMessage({ t: 'checked', diagnostics: checker.check(m.code) });
  }
});

// Parse the library and run the checker once on a tiny file, before the job's check: that check
// then pays only for its own file (V8 has compiled the checker's functions by then). Deferred to
// setImmediate so that in a cold container a transpile request that came while the compiler was
// loading is answered first (the tests wait for it; the check comes after them).
setImmediate(() => {
  transpile(ts, 'const warm: number = 1;\n');
  checker.check('const warm: number = 1;\n');
  port.postMessage({ t: 'warm' });
});
