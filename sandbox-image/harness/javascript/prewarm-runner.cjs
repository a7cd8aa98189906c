// @ts-check
'use strict';

/**
 * Pre-warm bootstrap of the runner thread (warm pool): harness.cjs starts this thread before it
 * reads its job, so vm2 is loaded and the sandbox prelude compiled while the container waits.
 * The job's RunnerInput then arrives as the first message and is handed to runner.cjs as its
 * workerData, exactly as if the thread had been started with it (runner.cjs only changed to run
 * the cached prelude). The report nonce is not in the RunnerInput, so it still never enters this
 * thread.
 */

const workerThreads = require('node:worker_threads');
// Loads vm2 and compiles the sandbox prelude now, while the container waits (prelude-script.cjs).
const prelude = require('./prelude-script.cjs').preludeScript();
// One throwaway VM built the way runner.cjs builds its own, with the prelude evaluated in it: the
// first VM of a thread and the first run of a script cost several times the next ones (V8 compiles
// functions on first use). It is dropped before the job arrives and never meets user code.
new (require('vm2').VM)({ eval: false, wasm: false, allowAsync: true, sandbox: {} }).run(prelude);

const port = /** @type {import('node:worker_threads').MessagePort} */ (workerThreads.parentPort);
// Ready: harness.cjs reports the container warm. (A run that took this thread before the message
// arrived ignores it: it is no RunnerMessage.)
port.postMessage({ t: 'warm' });
port.once('message', (/** @type {unknown} */ input) => {
  // Node's typings mark it read-only; at run time it is a plain property runner.cjs reads on load.
  /** @type {{ workerData: unknown }} */ (/** @type {unknown} */ (workerThreads)).workerData = input;
  require('./runner.cjs');
});
