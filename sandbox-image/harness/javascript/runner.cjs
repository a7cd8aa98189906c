// @ts-check
'use strict';

/**
 * The worker thread of the JavaScript harness: it builds the vm2 VM, runs the user's code, the
 * cases and the script tests, and posts what happened to the main thread (harness.cjs).
 *
 * It runs in its own thread so that the main thread can always write a report: an endless loop
 * that vm2's timeout cannot interrupt (one inside a promise callback runs after vm.run has
 * returned) blocks only this thread, and the main thread's watchdog terminates it.
 * The report nonce never enters this thread.
 *
 * Everything the sandbox hands back is a primitive (JSON text) produced by sandbox-prelude.cjs;
 * this file never reads a property of a user object: doing so would run user getters and Proxy
 * traps on the host, outside any timeout.
 */

const { parentPort, workerData } = require('node:worker_threads');
const nodeVm = require('node:vm');
const { types } = require('node:util');
const { preludeScript } = require('./prelude-script.cjs');

/**
 * @typedef {import('./messages.cjs').RunnerInput} RunnerInput
 * @typedef {import('./messages.cjs').RunnerMessage} RunnerMessage
 * @typedef {import('./messages.cjs').TestResult} TestResult
 * @typedef {import('./messages.cjs').ErrorInfo} ErrorInfo
 */

const input = /** @type {RunnerInput} */ (workerData);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @param {RunnerMessage} message */
function post(message) {
  port.postMessage(message);
}

// Output already sent to the main thread, so that a flood stops here rather than in the queue.
let outputSent = input.outputUsed;
let outputOver = false;
/** @param {string} text */
function onOutput(text) {
  if (outputOver) return;
  const room = input.limits.outputBytes - outputSent;
  const bytes = Buffer.byteLength(text);
  if (bytes <= room) {
    outputSent += bytes;
    post({ t: 'out', text });
    return;
  }
  outputOver = true;
  // Cut on a character boundary within the byte budget.
  let cut = Buffer.from(text).subarray(0, Math.max(0, room)).toString('utf8');
  if (Buffer.byteLength(cut) > room) cut = cut.slice(0, -1);
  post({ t: 'out', text: cut, over: true });
}

// vm2's own timeout is per vm.run call; calls into sandbox functions from here get the same
// treatment through this wrapper (it is how vm2 implements it: a script in a spare context whose
// run has a V8 watchdog).
const timeoutContext = nodeVm.createContext();
const timeoutScript = new nodeVm.Script('fn()', { filename: 'pairjudge-timeout.js' });
/**
 * @template T
 * @param {() => T} fn
 * @param {number} ms
 * @returns {T}
 */
function withTimeout(fn, ms) {
  timeoutContext.fn = fn;
  try {
    return timeoutScript.runInContext(timeoutContext, { timeout: ms, displayErrors: false });
  } finally {
    timeoutContext.fn = null;
  }
}

/**
 * Only a host error raised by V8's watchdog has this own data property; anything the sandbox
 * throws arrives as a vm2 proxy or a primitive and is never read here. (The watchdog's error may
 * come from another realm, so no instanceof.)
 * @param {unknown} e
 */
function isTimeout(e) {
  if (typeof e !== 'object' || e === null || types.isProxy(e)) return false;
  const d = Object.getOwnPropertyDescriptor(e, 'code');
  return d !== undefined && 'value' in d && d.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** @param {string} text @returns {unknown} */
function parseJson(text) {
  if (typeof text !== 'string') throw new Error('the sandbox answered with something other than text');
  return JSON.parse(text);
}

/**
 * @param {unknown} raw
 * @returns {ErrorInfo}
 */
function toErrorInfo(raw) {
  const o = /** @type {Record<string, unknown>} */ (raw && typeof raw === 'object' ? raw : {});
  /** @type {ErrorInfo} */
  const info = { message: typeof o.message === 'string' ? o.message.slice(0, 4000) : 'Unknown error' };
  if (typeof o.line === 'number' && Number.isInteger(o.line) && o.line > 0) {
    info.line = o.line;
    info.source = o.source === 'tests' ? 'tests' : 'code';
  }
  return info;
}

async function main() {
  const { VM, VMScript } = require('vm2');
  const limits = input.limits;
  const testMs = limits.testTimeoutMs;

  /** @type {Map<number, () => void>} */
  const waiting = new Map();
  /** @type {Map<number, NodeJS.Timeout>} */
  const hostTimers = new Map();
  /** @type {import('./sandbox-prelude.cjs').SandboxApi | undefined} */
  let api;

  const host = {
    /** @param {unknown} text */
    output(text) {
      if (typeof text === 'string') onOutput(text);
    },
    /** @param {unknown} id @param {unknown} ms */
    setTimer(id, ms) {
      if (typeof id !== 'number' || typeof ms !== 'number') return;
      const handle = setTimeout(() => {
        hostTimers.delete(id);
        try {
          // A timer callback is user code too: it gets the same time budget as a test.
          withTimeout(() => api?.fireTimer(id), testMs);
        } catch {
          // An error or timeout in a stray timer belongs to no test; the tests report their own.
        }
      }, ms);
      hostTimers.set(id, handle);
    },
    /** @param {unknown} id */
    clearTimer(id) {
      if (typeof id !== 'number') return;
      const handle = hostTimers.get(id);
      if (handle !== undefined) clearTimeout(handle);
      hostTimers.delete(id);
    },
    /** @param {unknown} token */
    settled(token) {
      if (typeof token !== 'number') return;
      const resolve = waiting.get(token);
      if (resolve !== undefined) {
        waiting.delete(token);
        // Not synchronously: we are inside a sandbox microtask here.
        setImmediate(resolve);
      }
    },
  };

  const vm = new VM(/** @type {import('vm2').VMOptions} */ ({
    timeout: testMs,
    eval: false,
    wasm: false,
    allowAsync: true,
    sandbox: {},
    // A single Buffer allocation is one synchronous step the timeout cannot interrupt.
    bufferAllocLimit: 16 * 1024 * 1024,
  }));
  // Compiled once per thread (prelude-script.cjs); in a warm container, before the job came.
  const preludeFn = vm.run(preludeScript());
  api = /** @type {import('./sandbox-prelude.cjs').SandboxApi} */ (preludeFn(host, { valueBytes: limits.valueBytes, outputBytes: limits.outputBytes }));
  const sandbox = api;

  /**
   * Describe something thrown by user code, inside the sandbox and under the timeout.
   * @param {unknown} thrown
   * @returns {ErrorInfo}
   */
  function describe(thrown) {
    if (isTimeout(thrown)) return { message: 'Timed out after ' + testMs + ' ms' };
    try {
      return toErrorInfo(parseJson(withTimeout(() => sandbox.describe(thrown), testMs)));
    } catch {
      return { message: 'Uncaught exception (it could not be described)' };
    }
  }

  /**
   * Run one case or script test: start it under the timeout, await it if it returned a promise
   * (host timer), then, for cases, serialize the value under the timeout.
   * @param {() => string} start
   * @param {boolean} withValue
   * @returns {Promise<Omit<TestResult, 'name' | 'kind'>>}
   */
  async function runOne(start, withValue) {
    const t0 = performance.now();
    /** @type {unknown} */
    let state;
    try {
      state = parseJson(withTimeout(start, testMs));
    } catch (e) {
      sandbox.abandon();
      const timeMs = performance.now() - t0;
      if (isTimeout(e)) return { status: 'timeout', error: { message: 'Timed out after ' + testMs + ' ms' }, timeMs };
      return { status: 'error', error: describe(e), timeMs };
    }
    let s = /** @type {{ state?: unknown, token?: unknown, status?: unknown, error?: unknown }} */ (state);
    if (s.state === 'pending' && typeof s.token === 'number') {
      const token = s.token;
      const left = Math.max(1, testMs - (performance.now() - t0));
      const settled = await new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(token);
          resolve(false);
        }, left);
        waiting.set(token, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!settled) {
        sandbox.abandon();
        return { status: 'timeout', error: { message: 'The returned promise did not settle within ' + testMs + ' ms' }, timeMs: performance.now() - t0 };
      }
      try {
        s = /** @type {typeof s} */ (parseJson(withTimeout(() => sandbox.finish(token), testMs)));
      } catch (e) {
        sandbox.abandon();
        return { status: isTimeout(e) ? 'timeout' : 'error', error: { message: 'The result could not be read back' }, timeMs: performance.now() - t0 };
      }
    }
    const timeMs = performance.now() - t0;
    const status = s.status === 'ok' || s.status === 'failed' || s.status === 'error' ? s.status : 'error';
    if (status !== 'ok') {
      sandbox.abandon();
      return { status, error: s.error === undefined ? { message: 'Unknown error' } : toErrorInfo(s.error), timeMs };
    }
    if (!withValue) {
      sandbox.abandon();
      return { status: 'ok', timeMs };
    }
    try {
      const text = withTimeout(() => sandbox.serializeResult(), testMs);
      return { status: 'ok', value: parseJson(text), timeMs };
    } catch (e) {
      sandbox.abandon();
      const why = isTimeout(e) ? 'timed out' : 'failed (' + describe(e).message + ')';
      return { status: 'error', error: { message: 'Reading the returned value ' + why }, timeMs };
    }
  }

  // ---- 1. The user's code ---------------------------------------------------------------
  post({ t: 'phase', phase: 'load' });
  let script;
  try {
    script = new VMScript(input.code, 'solution.js').compile();
  } catch (e) {
    // A compile error is a host SyntaxError from V8's parser; its first stack line is
    // "solution.js:LINE".
    const err = /** @type {Error} */ (e);
    const match = /^solution\.js:(\d+)/.exec(String(err.stack));
    post({ t: 'compileError', error: { message: (err.name || 'SyntaxError') + ': ' + err.message, ...(match ? { line: Number(match[1]) } : {}) } });
    return;
  }
  sandbox.setQuiet(input.quietSetup);
  try {
    vm.run(script);
  } catch (e) {
    sandbox.setQuiet(false);
    post({ t: 'loadFailed', status: isTimeout(e) ? 'timeout' : 'error', error: isTimeout(e) ? { message: 'The code ran past ' + testMs + ' ms while loading' } : describe(e) });
    return;
  }
  sandbox.setQuiet(false);

  // ---- 2. Cases ---------------------------------------------------------------------------
  const cases = input.cases;
  if (cases.length > 0 && input.startAt < cases.length) {
    /** @type {ErrorInfo | undefined} */
    let entryProblem;
    const entry = input.entry ?? '';
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(entry)) entryProblem = { message: 'The entry name "' + entry.slice(0, 100) + '" is not a valid function name' };
    else {
      try {
        // Evaluated as a script so that top-level const/let/class bindings are found too.
        const found = vm.run('typeof ' + entry.split('.')[0] + ' === "undefined" ? undefined : ' + entry, 'entry.js');
        const why = withTimeout(() => sandbox.setEntry(found), testMs);
        if (why !== '') entryProblem = { message: 'The entry function ' + entry + ' ' + why };
      } catch (e) {
        entryProblem = { message: 'The entry function ' + entry + ' could not be read: ' + describe(e).message };
      }
    }
    for (let i = input.startAt; i < cases.length; i++) {
      const c = /** @type {import('./messages.cjs').CaseInput} */ (cases[i]);
      post({ t: 'start', index: i });
      /** @type {Omit<TestResult, 'name' | 'kind'>} */
      let result;
      if (entryProblem) result = { status: 'error', error: entryProblem, timeMs: 0 };
      else result = await runOne(() => sandbox.startCase(c.argsJson), true);
      post({ t: 'done', index: i, result: { name: c.name, kind: 'case', ...result } });
    }
  }

  // ---- 3. Script tests ----------------------------------------------------------------------
  if (input.script !== undefined) {
    const base = cases.length;
    let testScript;
    try {
      testScript = new VMScript(input.script, 'tests.js').compile();
    } catch (e) {
      const err = /** @type {Error} */ (e);
      const match = /^tests\.js:(\d+)/.exec(String(err.stack));
      post({ t: 'done', index: base, result: { name: 'tests', kind: 'script', status: 'error', error: { message: 'The test code does not compile: ' + err.name + ': ' + err.message, ...(match ? { line: Number(match[1]), source: 'tests' } : {}) }, timeMs: 0 } });
      post({ t: 'end' });
      return;
    }
    // The script's top level ran already in an earlier worker when we resume past it.
    const resumed = input.startAt > base;
    post({ t: 'start', index: base });
    sandbox.setQuiet(resumed);
    sandbox.beginScript();
    const t0 = performance.now();
    /** @type {ErrorInfo | undefined} */
    let topError;
    let topStatus = /** @type {'error' | 'timeout'} */ ('error');
    try {
      vm.run(testScript);
    } catch (e) {
      if (isTimeout(e)) {
        topStatus = 'timeout';
        topError = { message: 'The test code ran past ' + testMs + ' ms' };
      } else topError = describe(e);
    }
    // Let promise callbacks the script queued run (and console.assert inside them count).
    await new Promise((resolve) => setImmediate(resolve));
    sandbox.setQuiet(false);
    const plan = /** @type {{ tests?: unknown, tooMany?: unknown, topLevelFailure?: unknown }} */ (parseJson(sandbox.endScript()));
    const names = Array.isArray(plan.tests) ? plan.tests.filter((n) => typeof n === 'string') : [];
    const topTime = performance.now() - t0;
    const topFailure = plan.topLevelFailure !== undefined ? toErrorInfo(plan.topLevelFailure) : undefined;
    if (names.length === 0) {
      // A script without test() calls is one test.
      /** @type {TestResult} */
      const result = topError
        ? { name: 'tests', kind: 'script', status: topStatus, error: topError, timeMs: topTime }
        : topFailure
          ? { name: 'tests', kind: 'script', status: 'failed', error: topFailure, timeMs: topTime }
          : { name: 'tests', kind: 'script', status: 'ok', timeMs: topTime };
      post({ t: 'done', index: base, result });
      post({ t: 'end' });
      return;
    }
    /** @type {TestResult | undefined} */
    let topLevel;
    if (topError) topLevel = { name: 'top level', kind: 'script', status: topStatus, error: topError, timeMs: topTime };
    else if (topFailure) topLevel = { name: 'top level', kind: 'script', status: 'failed', error: topFailure, timeMs: topTime };
    else if (plan.tooMany === true) topLevel = { name: 'top level', kind: 'script', status: 'error', error: { message: 'Too many tests: only the first ' + names.length + ' ran' }, timeMs: topTime };
    post({ t: 'plan', names, topLevel });
    for (let j = 0; j < names.length; j++) {
      const index = base + j;
      if (index < input.startAt) continue;
      post({ t: 'start', index });
      const result = await runOne(() => sandbox.startTest(j), false);
      post({ t: 'done', index, result: { name: /** @type {string} */ (names[j]), kind: 'script', ...result } });
    }
  }
  post({ t: 'end' });
}

main().catch((e) => {
  post({ t: 'crash', message: e instanceof Error ? e.message : 'the runner failed' });
});
