// @ts-check
'use strict';

/**
 * JavaScript harness entry point (protocol/harness.ts): reads one HarnessInput on stdin, runs it
 * in a worker thread (runner.cjs, which holds the vm2 sandbox) and writes exactly one report frame
 * to stdout, then exits 0.
 *
 * Why two threads: vm2's timeout covers synchronous runs only. An endless loop inside a promise
 * callback or timer blocks the thread it runs on for good; here that is the worker, and this
 * thread's watchdog terminates it, records a timeout and resumes the remaining tests in a fresh
 * worker. The nonce never leaves this thread, so nothing the user's code can reach knows it.
 *
 * Usage: node harness.cjs < input.json
 *        node harness.cjs --typescript < input.json
 *        node harness.cjs --escape-simulation < input.json
 * --typescript: the code (and test script) are TypeScript, transpiled before the runner sees them
 * and type-checked after the tests when the input asks (typescript/typescript-stage.cjs).
 * The second form runs the user's code WITHOUT vm2, with Node's own require and process (see
 * plain-vm.cjs): the hostile-corpus tests use it to check that the container's walls hold even if
 * vm2 were escaped. Only the command line selects it, which the trusted side writes; nothing in
 * the job can.
 */

const path = require('node:path');
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const { REPORT_MARKER } = require('./messages.cjs');

/**
 * @typedef {import('./messages.cjs').Report} Report
 * @typedef {import('./messages.cjs').TestResult} TestResult
 * @typedef {import('./messages.cjs').RunnerInput} RunnerInput
 * @typedef {Omit<RunnerInput, 'startAt' | 'quietSetup' | 'outputUsed' | 'cases'> & { cases: import('./messages.cjs').CaseInput[] }} Job
 * @typedef {import('./messages.cjs').RunnerMessage} RunnerMessage
 * @typedef {import('./messages.cjs').ErrorInfo} ErrorInfo
 */

const TYPESCRIPT = process.argv.includes('--typescript');

// ---- Pre-warm (warm pool) -------------------------------------------------------------------
// Started before the job is read, so that a container waiting in the warm pool already has its
// first runner thread up with vm2 loaded (prewarm-runner.cjs). The first run takes it and sends
// it the RunnerInput as a message; restarts after a hung test start fresh threads as before.
/** @type {import('node:worker_threads').Worker | undefined} */
let prewarmedWorker = new Worker(path.join(__dirname, 'prewarm-runner.cjs'), { stdout: true, stderr: true });
let prewarmedWorkerExited = false;
// Until a run takes it, a failing thread must not crash this one: the run then starts a fresh one.
prewarmedWorker.on('error', () => undefined);
prewarmedWorker.once('exit', () => {
  prewarmedWorkerExited = true;
});
// The thread's first message says it is ready; the line on stderr tells the worker this container
// is warm (judge-server/sandbox/sandbox-container.ts strips it). It carries nothing of the job.
// In --typescript mode the compiler's thread loads at the same time; the container is warm when
// both are ready.
const typescript = TYPESCRIPT ? require('./typescript/typescript-stage.cjs').startTypeScript() : undefined;
const runnerWarm = new Promise((resolve) => prewarmedWorker?.once('message', resolve));
void Promise.all([runnerWarm, typescript?.warm]).then(() => writeAllSync(2, '@@pairjudge-warm\n'));

/** @param {RunnerInput} input @returns {import('node:worker_threads').Worker | undefined} */
function takePrewarmedWorker(input) {
  const worker = prewarmedWorker;
  prewarmedWorker = undefined;
  if (!worker || prewarmedWorkerExited) return undefined;
  worker.postMessage(input);
  return worker;
}
// ---- end of pre-warm -------------------------------------------------------------------------

// Sanity bounds on what the worker may ask for; the worker enforces the real per-job limits.
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const MAX_VALUE_BYTES = 16 * 1024 * 1024;
// Worker start-up (vm2 bootstrap) and the serialization step come on top of one test's budget.
const WATCHDOG_GRACE_MS = 1500;
// Starting a worker and building its vm2 VM runs no user code; on a loaded machine it can take
// seconds, which must not count against the submission. The container's wall-clock deadline
// still bounds it.
const BOOT_MS = 30_000;
const STDERR_CAP = 64 * 1024;
const VARIANT = process.argv.includes('--escape-simulation') ? /** @type {const} */ ('escape-simulation') : undefined;
// What a worker that ran out of heap reports as; decide-verdict.ts reads "heap out of memory" as
// memory_limit_exceeded. Whatever user code makes the worker do is the submission's own result,
// never a failure of the harness.
const OUT_OF_MEMORY = 'JavaScript heap out of memory: the code went past its memory limit';

/** @param {number} fd @param {string} text */
function writeAllSync(fd, text) {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset, data.length - offset);
    } catch (e) {
      // A non-blocking pipe that is full: wait a moment and go on.
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

let written = false;
/** @param {string} nonce @param {Report} report */
function writeReportAndExit(nonce, report) {
  if (written) return;
  written = true;
  const payload = Buffer.from(JSON.stringify(report), 'utf8').toString('base64');
  try {
    writeAllSync(1, '\n' + REPORT_MARKER + nonce + ' ' + payload + '\n');
  } finally {
    // Exit at once: user timers and a still-running worker must not keep the process alive.
    process.exit(0);
  }
}

/**
 * When the job's first bytes came: the worker's wall deadline counts from its write of the job,
 * so the type check's time left is measured from here.
 * @type {number | undefined}
 */
let jobArrivedAt;

/** @returns {Promise<string>} */
function readStdin() {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    process.stdin.on('data', (chunk) => {
      jobArrivedAt ??= performance.now();
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) {
        reject(new Error('the input is larger than ' + MAX_INPUT_BYTES + ' bytes'));
        process.stdin.destroy();
        return;
      }
      chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/**
 * @param {unknown} n @param {number} min @param {number} max @param {string} name
 */
function boundedNumber(n, min, max, name) {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error('limits.' + name + ' must be a number');
  return Math.min(max, Math.max(min, Math.floor(n)));
}

/**
 * @param {unknown} raw
 * @returns {{ nonce: string, job: Job }}
 */
function validateInput(raw) {
  if (typeof raw !== 'object' || raw === null) throw new Error('the input must be a JSON object');
  const o = /** @type {Record<string, unknown>} */ (raw);
  if (typeof o.nonce !== 'string' || o.nonce === '') throw new Error('nonce must be a non-empty string');
  if (typeof o.code !== 'string') throw new Error('code must be a string');
  if (o.entry !== undefined && typeof o.entry !== 'string') throw new Error('entry must be a string');
  if (o.script !== undefined && typeof o.script !== 'string') throw new Error('script must be a string');
  if (!Array.isArray(o.cases)) throw new Error('cases must be an array');
  // Stdin/stdout cases (an `input` string) and function cases (an `args` array) do not mix.
  const first = o.cases[0];
  const io = typeof first === 'object' && first !== null && 'input' in first;
  const cases = o.cases.map((c, i) => {
    const cc = /** @type {Record<string, unknown>} */ (typeof c === 'object' && c !== null ? c : {});
    if (typeof cc.name !== 'string') throw new Error('cases[' + i + '].name must be a string');
    if (io) {
      if (typeof cc.input !== 'string') throw new Error('cases[' + i + '].input must be a string');
      return { name: cc.name, argsJson: '[]', stdin: cc.input };
    }
    if (!Array.isArray(cc.args)) throw new Error('cases[' + i + '].args must be an array');
    // Arguments travel as JSON text and are parsed inside the sandbox, so that the user's code
    // only ever sees objects of its own realm.
    return { name: cc.name, argsJson: JSON.stringify(cc.args) };
  });
  if (cases.length > 0 && !io && (typeof o.entry !== 'string' || o.entry === '')) throw new Error('entry is required when there are cases');
  if (io && o.script !== undefined) throw new Error('stdin/stdout cases take no script');
  const l = /** @type {Record<string, unknown>} */ (typeof o.limits === 'object' && o.limits !== null ? o.limits : {});
  return {
    nonce: o.nonce,
    job: {
      code: o.code,
      entry: /** @type {string | undefined} */ (o.entry),
      cases,
      ...(io ? { io } : {}),
      script: /** @type {string | undefined} */ (o.script),
      limits: {
        testTimeoutMs: boundedNumber(l.testTimeoutMs, 1, MAX_TIMEOUT_MS, 'testTimeoutMs'),
        outputBytes: boundedNumber(l.outputBytes, 0, MAX_OUTPUT_BYTES, 'outputBytes'),
        valueBytes: boundedNumber(l.valueBytes, 16, MAX_VALUE_BYTES, 'valueBytes'),
      },
    },
  };
}

const MAX_SCRIPT_TESTS = 1000;
const STATUSES = new Set(['ok', 'failed', 'error', 'timeout']);

/** @param {unknown} raw @returns {ErrorInfo} */
function cleanError(raw) {
  const o = /** @type {Record<string, unknown>} */ (raw && typeof raw === 'object' ? raw : {});
  /** @type {ErrorInfo} */
  const info = { message: typeof o.message === 'string' ? o.message.slice(0, 4000) : 'Unknown error' };
  if (typeof o.line === 'number' && Number.isInteger(o.line) && o.line > 0) {
    info.line = o.line;
    if (o.source === 'tests' || o.source === 'code') info.source = o.source;
  }
  return info;
}

/**
 * A result from the worker with its shape checked; the name and kind are the main thread's own.
 * @param {unknown} raw @param {{ name: string, kind: 'case' | 'script' }} who
 * @returns {TestResult}
 */
function cleanResult(raw, who) {
  const o = /** @type {Record<string, unknown>} */ (raw && typeof raw === 'object' ? raw : {});
  const status = /** @type {TestResult['status']} */ (typeof o.status === 'string' && STATUSES.has(o.status) ? o.status : 'error');
  const timeMs = typeof o.timeMs === 'number' && Number.isFinite(o.timeMs) && o.timeMs >= 0 ? o.timeMs : 0;
  /** @type {TestResult} */
  const result = { ...who, status, timeMs };
  if (status === 'ok' && 'value' in o) result.value = o.value;
  if (o.error !== undefined) result.error = cleanError(o.error);
  else if (status !== 'ok') result.error = { message: 'Unknown error' };
  return result;
}

/**
 * Run the job, restarting the worker past any test that hangs it.
 * @param {Job} job
 * @returns {Promise<Report>}
 */
async function runJob(job) {
  const testMs = job.limits.testTimeoutMs;
  const watchdogMs = 2 * testMs + WATCHDOG_GRACE_MS;
  /** @type {Map<number, TestResult>} */
  const results = new Map();
  /** @type {string[] | undefined} */
  let scriptNames;
  /** @type {TestResult | undefined} */
  let topLevel;
  /** @type {ErrorInfo | undefined} */
  let compileError;
  let stdout = '';
  let stdoutBytes = 0;
  let outputLimitExceeded = false;
  let stderrLeft = STDERR_CAP;
  // Console output per test: what was printed between a test's start and its end goes in that
  // test's `stdout`; output at load time (the top level) and between tests goes in the report's.
  /** @type {Map<number, string>} */
  const testOutput = new Map();
  // Stdin/stdout cases: console.error output per test (their console.log output is the answer).
  /** @type {Map<number, string>} */
  const testErrors = new Map();
  /** @type {number | undefined} */
  let printingTest;
  const base = job.cases.length;
  const total = () => base + (job.script === undefined ? 0 : scriptNames ? scriptNames.length : 1);
  /** @param {number} index */
  const nameOf = (index) => {
    if (index < base) return { name: /** @type {import('./messages.cjs').CaseInput} */ (job.cases[index]).name, kind: /** @type {const} */ ('case') };
    const name = scriptNames ? (scriptNames[index - base] ?? 'tests') : 'tests';
    return { name, kind: /** @type {const} */ ('script') };
  };
  /** @param {'error' | 'timeout'} status @param {ErrorInfo} error @param {number} from */
  const fillFrom = (status, error, from) => {
    for (let i = from; i < total(); i++) if (!results.has(i)) results.set(i, { ...nameOf(i), status, error, timeMs: 0 });
  };

  let startAt = 0;
  /** @type {number | undefined} */
  let skipFrom;
  for (;;) {
    /** @type {{ kind: 'end' } | { kind: 'stuck', index: number | undefined, lastDone: number | undefined, loading: boolean, crash?: string }} */
    const outcome = await new Promise((resolve) => {
      /** @type {number | undefined} */
      let currentIndex;
      /** @type {number | undefined} */
      let lastDone;
      let loading = false;
      let finished = false;
      /** @type {RunnerInput} */
      // Case names only: the arguments follow one case at a time (sendCase below).
      const runnerInput = { ...job, cases: job.cases.map((c) => ({ name: c.name })), startAt, quietSetup: startAt > 0, outputUsed: stdoutBytes, ...(VARIANT ? { variant: VARIANT } : {}) };
      // An escape simulation never uses the pre-warmed (vm2) thread: its realm is built otherwise.
      const prewarmed = VARIANT ? undefined : takePrewarmedWorker(runnerInput);
      const worker = prewarmed ?? new Worker(path.join(__dirname, 'runner.cjs'), { workerData: runnerInput, stdout: true, stderr: true });
      worker.stdout.resume();
      worker.stderr.on('data', (/** @type {Buffer} */ chunk) => {
        if (stderrLeft <= 0) return;
        process.stderr.write(chunk.subarray(0, stderrLeft));
        stderrLeft -= chunk.length;
      });
      /** @type {NodeJS.Timeout | undefined} */
      let watchdog;
      const arm = (ms = watchdogMs) => {
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => stop({ kind: 'stuck', index: currentIndex, lastDone, loading }), ms);
      };
      /** @param {any} value */
      const stop = (value) => {
        if (finished) return;
        finished = true;
        if (watchdog) clearTimeout(watchdog);
        void worker.terminate();
        resolve(value);
      };
      arm(BOOT_MS);
      /** @param {import('./messages.cjs').MainMessage} order */
      const tell = (order) => {
        try {
          worker.postMessage(order);
        } catch {
          // The worker is gone: its exit event settles this run.
        }
      };
      // The next case to run: its arguments go to the worker only now (see runner.cjs).
      /** @param {number} index */
      const sendCase = (index) => {
        const c = job.cases[index];
        if (c === undefined) {
          tell({ t: 'casesDone' });
          return;
        }
        sentCase = index;
        tell({ t: 'runCase', index, argsJson: c.argsJson, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}) });
      };
      /** @type {number | undefined} */
      let sentCase;
      let started = false;
      let planned = false;
      // The worker is trusted only as far as its messages are plausible: each kind is taken only
      // in the phase it belongs to, for the test that is running, and with a checked shape, so
      // that code that got hold of the worker's port (were vm2 escaped) could not rewrite a
      // result already reported, or send one for a test it was not running.
      worker.on('message', (/** @type {RunnerMessage} */ m) => {
        if (finished || typeof m !== 'object' || m === null) return;
        switch (m.t) {
          case 'phase':
            if (started) break;
            loading = true;
            arm();
            break;
          case 'compileError':
            if (started || compileError) break;
            compileError = cleanError(m.error);
            stop({ kind: 'end' });
            break;
          case 'loadFailed':
            if (started) break;
            fillFrom(m.status === 'timeout' ? 'timeout' : 'error', cleanError(m.error), startAt);
            stop({ kind: 'end' });
            break;
          case 'casesReady':
            if (started || sentCase !== undefined) break;
            sendCase(startAt);
            break;
          case 'start': {
            const index = m.index;
            if (typeof index !== 'number' || currentIndex !== undefined || index < startAt || index >= total()) break;
            if (index < base ? index !== sentCase : lastDone !== undefined && index <= lastDone) break;
            started = true;
            loading = false;
            currentIndex = index;
            printingTest = index;
            arm();
            break;
          }
          case 'done': {
            if (m.index !== currentIndex || results.has(m.index)) break;
            const result = cleanResult(m.result, nameOf(m.index));
            results.set(m.index, result);
            printingTest = undefined;
            lastDone = m.index;
            currentIndex = undefined;
            // Fail fast: once a test has run out of time the verdict is settled, and the rest
            // would only burn the run's wall-clock budget (and the judge's capacity).
            if (result.status === 'timeout') {
              skipFrom = m.index + 1;
              stop({ kind: 'end' });
              break;
            }
            if (m.index < base) sendCase(m.index + 1);
            arm();
            break;
          }
          case 'plan':
            if (planned || currentIndex !== undefined && currentIndex !== base) break;
            planned = true;
            if (Array.isArray(m.names)) scriptNames = m.names.filter((n) => typeof n === 'string').slice(0, MAX_SCRIPT_TESTS).map((n) => n.slice(0, 200));
            if (m.topLevel && !topLevel) topLevel = cleanResult(m.topLevel, { name: 'top level', kind: 'script' });
            break;
          case 'out': {
            if (outputLimitExceeded || typeof m.text !== 'string') break;
            // The main thread keeps its own count: the cap holds whatever the worker claims.
            let text = m.text;
            const room = job.limits.outputBytes - stdoutBytes;
            if (Buffer.byteLength(text) > room) {
              text = Buffer.from(text).subarray(0, Math.max(0, room)).toString('utf8');
              if (Buffer.byteLength(text) > room) text = text.slice(0, -1);
              outputLimitExceeded = true;
            }
            // Each byte goes to one place, so the whole report holds at most limits.outputBytes.
            const streams = m.err && job.io ? testErrors : testOutput;
            if (printingTest !== undefined) streams.set(printingTest, (streams.get(printingTest) ?? '') + text);
            else stdout += text;
            stdoutBytes += Buffer.byteLength(text);
            if (m.over) outputLimitExceeded = true;
            break;
          }
          case 'crash':
            stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: String(m.message).slice(0, 500) });
            break;
          case 'end':
            stop({ kind: 'end' });
            break;
        }
      });
      worker.on('error', (e) => {
        const outOfMemory = /** @type {NodeJS.ErrnoException} */ (e)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: outOfMemory ? OUT_OF_MEMORY : e instanceof Error ? e.message : String(e) });
      });
      worker.on('exit', () => stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: 'the sandbox thread exited early' }));
    });

    if (outcome.kind === 'end') break;
    const crashed = outcome.crash !== undefined;
    /** @type {ErrorInfo} */
    const why = crashed
      ? { message: outcome.crash === OUT_OF_MEMORY ? OUT_OF_MEMORY : 'The code broke its sandbox thread: ' + outcome.crash }
      : { message: 'Timed out: the code kept the sandbox busy past ' + testMs + ' ms (an endless loop in a promise callback or timer?)' };
    const status = crashed ? 'error' : 'timeout';
    if (outcome.index !== undefined) {
      results.set(outcome.index, { ...nameOf(outcome.index), status, error: why, timeMs: crashed ? 0 : watchdogMs });
      startAt = outcome.index + 1;
    } else if (outcome.loading || outcome.lastDone === undefined) {
      // The code broke its thread while loading (top level, or a getter on the entry): every
      // test that was to run fails with that, as the submission's own error.
      fillFrom(status, why, startAt);
      break;
    } else {
      // Between tests: the previous test finished but left work running that never ended.
      const prev = /** @type {TestResult} */ (results.get(outcome.lastDone));
      results.set(outcome.lastDone, { ...prev, status, error: crashed ? why : { message: 'The test finished but left work running that never ended' } });
      startAt = outcome.lastDone + 1;
    }
    // A test that hung or exhausted memory settles the verdict: do not restart for the rest.
    skipFrom = startAt;
    break;
  }
  if (skipFrom !== undefined) fillFrom('error', { message: 'Not run: an earlier test went past its limits' }, skipFrom);

  /** @type {TestResult[]} */
  const tests = [];
  if (!compileError) {
    for (let i = 0; i < total(); i++) {
      const result = results.get(i) ?? { ...nameOf(i), status: 'error', error: { message: 'The test did not run' }, timeMs: 0 };
      const printed = testOutput.get(i);
      if (job.io && i < base) {
        // A stdin/stdout case answers with what it printed; its error stream is its console output
        // (with the printed part too when it failed, to show how far it got).
        const errors = (result.status === 'ok' ? '' : (printed ?? '')) + (testErrors.get(i) ?? '');
        const answered = result.status === 'ok' ? { ...result, value: printed ?? '' } : result;
        tests.push(errors ? { ...answered, stdout: errors } : answered);
        continue;
      }
      tests.push(printed ? { ...result, stdout: printed } : result);
    }
    if (topLevel) tests.push(topLevel);
  }
  /** @type {Report} */
  const report = { tests, stdout, outputLimitExceeded };
  if (compileError) report.compileError = compileError;
  return report;
}

/**
 * The input's `typeCheck.withinMs`, bounded; undefined when the run is not to be type-checked.
 * @param {unknown} raw @returns {number | undefined}
 */
function typeCheckWithin(raw) {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const within = /** @type {{ withinMs?: unknown }} */ (raw).withinMs;
  return typeof within === 'number' && Number.isFinite(within) ? Math.min(MAX_TIMEOUT_MS, Math.max(0, within)) : undefined;
}

/**
 * A TypeScript job: transpiled (a syntax error is the compile error, at its line), run exactly as
 * JavaScript, its error lines put back on the TypeScript, then (when asked, and the tests did not
 * run out of time) type-checked within the check's own bound and what is left of `withinMs`.
 * @param {Job} job @param {number | undefined} withinMs
 * @returns {Promise<Report>}
 */
async function runTypeScriptJob(job, withinMs) {
  const { mapReportLines } = require('./typescript/typescript-stage.cjs');
  const ts = /** @type {NonNullable<typeof typescript>} */ (typescript);
  const built = await ts.transpile(job.code, job.script, withinMs !== undefined);
  if (!built.code.ok) return { tests: [], stdout: '', outputLimitExceeded: false, compileError: built.code.error };
  // Test code that does not parse runs as written: the runner reports it as a test that does not
  // compile, as it does for JavaScript.
  const script = built.script?.ok ? built.script.js : job.script;
  const report = mapReportLines(await runJob({ ...job, code: built.code.js, ...(script !== undefined ? { script } : {}) }), built.code.lines, built.script?.ok ? built.script.lines : undefined);
  // A run that hit a time limit has spent its budget; the check would only push it past the deadline.
  if (withinMs !== undefined && !report.compileError && !report.tests.some((test) => test.status === 'timeout')) {
    report.diagnostics = await ts.check(job.code, withinMs - (performance.now() - (jobArrivedAt ?? 0)));
  }
  ts.close();
  return report;
}

async function main() {
  let nonce = '';
  try {
    const text = await readStdin();
    const raw = JSON.parse(text);
    if (raw && typeof raw === 'object' && typeof raw.nonce === 'string') nonce = raw.nonce;
    const { job } = validateInput(raw);
    const report = typescript ? await runTypeScriptJob(job, typeCheckWithin(raw.typeCheck)) : await runJob(job);
    writeReportAndExit(nonce, report);
  } catch (e) {
    writeReportAndExit(nonce, {
      tests: [],
      stdout: '',
      outputLimitExceeded: false,
      fatal: { message: 'Harness failure: ' + (e instanceof Error ? e.message : String(e)) },
    });
  }
}

void main();
