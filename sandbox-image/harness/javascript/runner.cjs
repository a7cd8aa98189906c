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
const { preludeSource } = require('./sandbox-prelude.cjs');
const { createPlainVm } = require('./plain-vm.cjs');
const { freeNames } = require('./free-names.cjs');
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
/** @param {string} text @param {boolean} [err]  console.error output of a stdin/stdout run */
function onOutput(text, err) {
  if (outputOver) return;
  const room = input.limits.outputBytes - outputSent;
  const bytes = Buffer.byteLength(text);
  if (bytes <= room) {
    outputSent += bytes;
    post({ t: 'out', text, ...(err ? { err } : {}) });
    return;
  }
  outputOver = true;
  // Cut on a character boundary within the byte budget.
  let cut = Buffer.from(text).subarray(0, Math.max(0, room)).toString('utf8');
  if (Buffer.byteLength(cut) > room) cut = cut.slice(0, -1);
  post({ t: 'out', text: cut, over: true, ...(err ? { err } : {}) });
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

/**
 * @typedef {{ run(code: string | object, filename?: string): any }} Vm
 * @typedef {{ vm: Vm, api: import('./sandbox-prelude.cjs').SandboxApi, compile(code: string, filename: string): object }} Realm
 */

async function main() {
  const limits = input.limits;
  const testMs = limits.testTimeoutMs;
  const simulation = input.variant === 'escape-simulation';

  /** @type {Map<number, () => void>} */
  const waiting = new Map();
  /** @type {Map<number, NodeJS.Timeout>} */
  const hostTimers = new Map();
  /** @type {Realm | undefined} */
  let solutionRealm;
  /** @type {Realm | undefined} */
  let testsRealm;
  /** @param {number} id */
  const realmOfId = (id) => (id >= 1_000_000_000 ? testsRealm : solutionRealm);

  // One host for both realms: ids of the test realm start at 1e9 (prelude/intrinsics.js).
  const host = {
    /** @param {unknown} text */
    output(text) {
      if (typeof text === 'string') onOutput(text);
    },
    /** @param {unknown} text */
    errorOutput(text) {
      if (typeof text === 'string') onOutput(text, true);
    },
    /** @param {unknown} id @param {unknown} ms */
    setTimer(id, ms) {
      if (typeof id !== 'number' || typeof ms !== 'number') return;
      const handle = setTimeout(() => {
        hostTimers.delete(id);
        try {
          // A timer callback is user code too: it gets the same time budget as a test.
          withTimeout(() => realmOfId(id)?.api.fireTimer(id), testMs);
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
    // The bridge (prelude/bridge.js): the test realm calls a solution function by name, with
    // copied arguments; only text passes through here.
    /** @param {unknown} name @param {unknown} argsText */
    callSolution(name, argsText) {
      if (typeof name !== 'string' || typeof argsText !== 'string' || !solutionRealm) return '{"ok":false,"error":{"message":"the solution is not loaded"}}';
      const answer = solutionRealm.api.callExported(name, argsText);
      return typeof answer === 'string' ? answer : '{"ok":false,"error":{"message":"no answer"}}';
    },
    /** @param {unknown} id @param {unknown} answerText */
    bridgeSettled(id, answerText) {
      if (typeof id !== 'number' || typeof answerText !== 'string' || !testsRealm) return;
      testsRealm.api.settleImport(id, answerText);
    },
  };
  const preludeLimits = { valueBytes: limits.valueBytes, outputBytes: limits.outputBytes };

  /**
   * A fresh realm with the prelude installed. Normally a vm2 VM; in escape-simulation mode a
   * plain node:vm context whose solution realm gets the host's require and process.
   * @param {'solution' | 'tests'} role
   * @returns {Realm}
   */
  function createRealm(role) {
    if (simulation) {
      const plain = createPlainVm(testMs);
      const preludeFn = plain.run(preludeSource(), 'pairjudge-prelude.js');
      const powers = role === 'solution' ? { require, process } : undefined;
      return { vm: plain, api: preludeFn(host, preludeLimits, role, powers), compile: (code, filename) => plain.compile(code, filename) };
    }
    const { VM, VMScript } = require('vm2');
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
    return {
      vm,
      api: preludeFn(host, preludeLimits, role, undefined),
      compile: (code, filename) => new VMScript(code, filename).compile(),
    };
  }

  solutionRealm = createRealm('solution');
  const { vm } = solutionRealm;
  const solution = solutionRealm.api;
  // The test code's realm is built now too, before any user code runs: building a VM is the
  // harness's own cost, counted with start-up rather than against a test's time.
  if (input.script !== undefined) testsRealm = createRealm('tests');

  /**
   * Describe something thrown by user code, inside the sandbox and under the timeout.
   * @param {import('./sandbox-prelude.cjs').SandboxApi} sandbox  the realm that threw it
   * @param {unknown} thrown
   * @returns {ErrorInfo}
   */
  function describe(sandbox, thrown) {
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
   * @param {import('./sandbox-prelude.cjs').SandboxApi} sandbox  the realm the test runs in
   * @param {() => string} start
   * @param {boolean} withValue
   * @returns {Promise<Omit<TestResult, 'name' | 'kind'>>}
   */
  async function runOne(sandbox, start, withValue) {
    const t0 = performance.now();
    /** @type {unknown} */
    let state;
    try {
      state = parseJson(withTimeout(start, testMs));
    } catch (e) {
      sandbox.abandon();
      const timeMs = performance.now() - t0;
      if (isTimeout(e)) return { status: 'timeout', error: { message: 'Timed out after ' + testMs + ' ms' }, timeMs };
      return { status: 'error', error: describe(sandbox, e), timeMs };
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
      const why = isTimeout(e) ? 'timed out' : 'failed (' + describe(sandbox, e).message + ')';
      return { status: 'error', error: { message: 'Reading the returned value ' + why }, timeMs };
    }
  }

  if (input.io) {
    await runPrograms();
    post({ t: 'end' });
    return;
  }

  /**
   * Stdin/stdout cases: the program is compiled once, then runs top to bottom once per case in a
   * realm of its own (fresh globals, as a fresh process would have), with the case's input as its
   * standard input. What it prints with console.log is the case's answer; the main thread turns
   * the test's output into its value (harness.cjs). Output printed by timers after the program's
   * top level returned is not waited for: such programs are read as synchronous ones.
   */
  async function runPrograms() {
    post({ t: 'phase', phase: 'load' });
    let program;
    try {
      program = /** @type {Realm} */ (solutionRealm).compile(input.code, 'solution.js');
    } catch (e) {
      const err = /** @type {Error} */ (e);
      const match = /^solution\.js:(\d+)/.exec(String(err.stack));
      post({ t: 'compileError', error: { message: (err.name || 'SyntaxError') + ': ' + err.message, ...(match ? { line: Number(match[1]) } : {}) } });
      return;
    }
    let first = true;
    post({ t: 'casesReady' });
    for (;;) {
      const order = /** @type {import('./messages.cjs').MainMessage} */ (await new Promise((resolve) => port.once('message', resolve)));
      if (order.t !== 'runCase') break;
      const c = input.cases[order.index];
      if (c === undefined) break;
      post({ t: 'start', index: order.index });
      // The realm built before the job came serves the first case; each later one gets its own.
      const realm = first ? /** @type {Realm} */ (solutionRealm) : createRealm('solution');
      first = false;
      solutionRealm = realm;
      realm.api.setStdin(order.stdin ?? '');
      const result = await runOne(
        realm.api,
        () => {
          realm.vm.run(program);
          return '{"state":"done","status":"ok"}';
        },
        false,
      );
      // Output of promise callbacks the program's top level queued belongs to this case.
      await new Promise((resolve) => setImmediate(resolve));
      post({ t: 'done', index: order.index, result: { name: c.name, kind: 'case', ...result } });
    }
  }

  // ---- 1. The user's code ---------------------------------------------------------------
  post({ t: 'phase', phase: 'load' });
  let script;
  try {
    script = solutionRealm.compile(input.code, 'solution.js');
  } catch (e) {
    // A compile error is a host SyntaxError from V8's parser; its first stack line is
    // "solution.js:LINE".
    const err = /** @type {Error} */ (e);
    const match = /^solution\.js:(\d+)/.exec(String(err.stack));
    post({ t: 'compileError', error: { message: (err.name || 'SyntaxError') + ': ' + err.message, ...(match ? { line: Number(match[1]) } : {}) } });
    return;
  }
  solution.setQuiet(input.quietSetup);
  try {
    vm.run(script);
  } catch (e) {
    solution.setQuiet(false);
    post({ t: 'loadFailed', status: isTimeout(e) ? 'timeout' : 'error', error: isTimeout(e) ? { message: 'The code ran past ' + testMs + ' ms while loading' } : describe(solution, e) });
    return;
  }
  solution.setQuiet(false);

  // ---- 2. Cases ---------------------------------------------------------------------------
  const cases = input.cases;
  if (cases.length > 0 && input.startAt < cases.length) {
    /** @type {ErrorInfo | undefined} */
    let entryProblem;
    let entryTimedOut = false;
    const entry = input.entry ?? '';
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(entry)) entryProblem = { message: 'The entry name "' + entry.slice(0, 100) + '" is not a valid function name' };
    else {
      try {
        // Evaluated as a script so that top-level const/let/class bindings are found too.
        const found = vm.run('typeof ' + entry.split('.')[0] + ' === "undefined" ? undefined : ' + entry, 'entry.js');
        const why = withTimeout(() => solution.setEntry(found), testMs);
        if (why !== '') entryProblem = { message: 'The entry function ' + entry + ' ' + why };
      } catch (e) {
        entryProblem = { message: 'The entry function ' + entry + ' could not be read: ' + describe(solution, e).message };
        // A getter on the entry that never ends is the submission running out of time.
        if (isTimeout(e)) entryTimedOut = true;
      }
    }
    // The main thread hands over one case's arguments at a time, after the previous case has
    // reported: the inputs of later (maybe hidden) cases are never in this thread while an
    // earlier case's result can still change.
    post({ t: 'casesReady' });
    for (;;) {
      const order = /** @type {import('./messages.cjs').MainMessage} */ (await new Promise((resolve) => port.once('message', resolve)));
      if (order.t !== 'runCase') break;
      const i = order.index;
      const c = cases[i];
      if (c === undefined) break;
      post({ t: 'start', index: i });
      /** @type {Omit<TestResult, 'name' | 'kind'>} */
      let result;
      if (entryProblem) result = { status: entryTimedOut ? 'timeout' : 'error', error: entryProblem, timeMs: 0 };
      else result = await runOne(solution, () => solution.startCase(order.argsJson), true);
      post({ t: 'done', index: i, result: { name: c.name, kind: 'case', ...result } });
    }
  }

  // ---- 3. Script tests ----------------------------------------------------------------------
  // They run in a realm of their own (see prelude/bridge.js): nothing the solution did to its
  // realm reaches the test code, which sees the solution's functions only as stand-ins that copy
  // values across.
  if (input.script !== undefined) {
    const base = cases.length;
    const tests = testsRealm ?? createRealm('tests');
    testsRealm = tests;
    const testApi = tests.api;
    let testScript;
    try {
      testScript = tests.compile(input.script, 'tests.js');
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
    const t0 = performance.now();
    /** @type {ErrorInfo | undefined} */
    let topError;
    let topStatus = /** @type {'error' | 'timeout'} */ ('error');
    // Every name the test code uses that its realm lacks and the solution defines becomes a
    // stand-in (a function) or a copy (a value). Reading a name may run a solution getter: under
    // the timeout, and what it throws is the solution's error.
    for (const name of freeNames(input.script)) {
      if (!testApi.wantsImport(name)) continue;
      try {
        const found = vm.run('typeof ' + name + ' === "undefined" ? undefined : ' + name, 'entry.js');
        const kind = withTimeout(() => solution.exportBinding(name, found), testMs);
        if (typeof kind === 'string' && kind !== '') testApi.importBinding(name, kind);
      } catch (e) {
        topError = isTimeout(e) ? { message: 'Reading ' + name + ' from the solution ran past ' + testMs + ' ms' } : { message: 'Reading ' + name + ' from the solution failed: ' + describe(solution, e).message };
        if (isTimeout(e)) topStatus = 'timeout';
        break;
      }
    }
    testApi.setQuiet(resumed);
    solution.setQuiet(resumed);
    testApi.beginScript();
    if (!topError) {
      try {
        tests.vm.run(testScript);
      } catch (e) {
        if (isTimeout(e)) {
          topStatus = 'timeout';
          topError = { message: 'The test code ran past ' + testMs + ' ms' };
        } else topError = describe(testApi, e);
      }
    }
    // Let promise callbacks the script queued run (and console.assert inside them count).
    await new Promise((resolve) => setImmediate(resolve));
    testApi.setQuiet(false);
    solution.setQuiet(false);
    const plan = /** @type {{ tests?: unknown, tooMany?: unknown, topLevelFailure?: unknown, checks?: unknown }} */ (parseJson(testApi.endScript()));
    const names = Array.isArray(plan.tests) ? plan.tests.filter((n) => typeof n === 'string') : [];
    const topTime = performance.now() - t0;
    const topFailure = plan.topLevelFailure !== undefined ? toErrorInfo(plan.topLevelFailure) : undefined;
    if (names.length === 0) {
      // A script without test() calls is one test, which must check something: a script that
      // registers nothing and asserts nothing proves nothing, so it fails.
      /** @type {TestResult} */
      const result = topError
        ? { name: 'tests', kind: 'script', status: topStatus, error: topError, timeMs: topTime }
        : topFailure
          ? { name: 'tests', kind: 'script', status: 'failed', error: topFailure, timeMs: topTime }
          : plan.checks === 0
            ? { name: 'tests', kind: 'script', status: 'failed', error: { message: 'The test code ran no test: register tests with test(name, fn), or assert at its top level' }, timeMs: topTime }
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
      const result = await runOne(testApi, () => testApi.startTest(j), false);
      post({ t: 'done', index, result: { name: /** @type {string} */ (names[j]), kind: 'script', ...result } });
    }
  }
  post({ t: 'end' });
}

main().catch((e) => {
  post({ t: 'crash', message: e instanceof Error ? e.message : 'the runner failed' });
});
