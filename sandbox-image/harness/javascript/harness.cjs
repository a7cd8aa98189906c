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
 */

const path = require('node:path');
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const { REPORT_MARKER } = require('./messages.cjs');

/**
 * @typedef {import('./messages.cjs').Report} Report
 * @typedef {import('./messages.cjs').TestResult} TestResult
 * @typedef {import('./messages.cjs').RunnerInput} RunnerInput
 * @typedef {import('./messages.cjs').RunnerMessage} RunnerMessage
 * @typedef {import('./messages.cjs').ErrorInfo} ErrorInfo
 */

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
prewarmedWorker.once('message', () => writeAllSync(2, '@@pairjudge-warm\n'));

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
const STDERR_CAP = 64 * 1024;

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

/** @returns {Promise<string>} */
function readStdin() {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    process.stdin.on('data', (chunk) => {
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
 * @returns {{ nonce: string, job: Omit<RunnerInput, 'startAt' | 'quietSetup' | 'outputUsed'> }}
 */
function validateInput(raw) {
  if (typeof raw !== 'object' || raw === null) throw new Error('the input must be a JSON object');
  const o = /** @type {Record<string, unknown>} */ (raw);
  if (typeof o.nonce !== 'string' || o.nonce === '') throw new Error('nonce must be a non-empty string');
  if (typeof o.code !== 'string') throw new Error('code must be a string');
  if (o.entry !== undefined && typeof o.entry !== 'string') throw new Error('entry must be a string');
  if (o.script !== undefined && typeof o.script !== 'string') throw new Error('script must be a string');
  if (!Array.isArray(o.cases)) throw new Error('cases must be an array');
  const cases = o.cases.map((c, i) => {
    const cc = /** @type {Record<string, unknown>} */ (typeof c === 'object' && c !== null ? c : {});
    if (typeof cc.name !== 'string') throw new Error('cases[' + i + '].name must be a string');
    if (!Array.isArray(cc.args)) throw new Error('cases[' + i + '].args must be an array');
    // Arguments travel as JSON text and are parsed inside the sandbox, so that the user's code
    // only ever sees objects of its own realm.
    return { name: cc.name, argsJson: JSON.stringify(cc.args) };
  });
  if (cases.length > 0 && (typeof o.entry !== 'string' || o.entry === '')) throw new Error('entry is required when there are cases');
  const l = /** @type {Record<string, unknown>} */ (typeof o.limits === 'object' && o.limits !== null ? o.limits : {});
  return {
    nonce: o.nonce,
    job: {
      code: o.code,
      entry: /** @type {string | undefined} */ (o.entry),
      cases,
      script: /** @type {string | undefined} */ (o.script),
      limits: {
        testTimeoutMs: boundedNumber(l.testTimeoutMs, 1, MAX_TIMEOUT_MS, 'testTimeoutMs'),
        outputBytes: boundedNumber(l.outputBytes, 0, MAX_OUTPUT_BYTES, 'outputBytes'),
        valueBytes: boundedNumber(l.valueBytes, 16, MAX_VALUE_BYTES, 'valueBytes'),
      },
    },
  };
}

/**
 * Run the job, restarting the worker past any test that hangs it.
 * @param {Omit<RunnerInput, 'startAt' | 'quietSetup' | 'outputUsed'>} job
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
  /** @type {{ message: string } | undefined} */
  let fatal;
  let stdout = '';
  let stdoutBytes = 0;
  let outputLimitExceeded = false;
  let stderrLeft = STDERR_CAP;
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
      const runnerInput = { ...job, startAt, quietSetup: startAt > 0, outputUsed: stdoutBytes };
      const worker =
        takePrewarmedWorker(runnerInput) ?? new Worker(path.join(__dirname, 'runner.cjs'), { workerData: runnerInput, stdout: true, stderr: true });
      worker.stdout.resume();
      worker.stderr.on('data', (/** @type {Buffer} */ chunk) => {
        if (stderrLeft <= 0) return;
        process.stderr.write(chunk.subarray(0, stderrLeft));
        stderrLeft -= chunk.length;
      });
      /** @type {NodeJS.Timeout | undefined} */
      let watchdog;
      const arm = () => {
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => stop({ kind: 'stuck', index: currentIndex, lastDone, loading }), watchdogMs);
      };
      /** @param {any} value */
      const stop = (value) => {
        if (finished) return;
        finished = true;
        if (watchdog) clearTimeout(watchdog);
        void worker.terminate();
        resolve(value);
      };
      arm();
      worker.on('message', (/** @type {RunnerMessage} */ m) => {
        if (finished) return;
        switch (m.t) {
          case 'phase':
            loading = true;
            arm();
            break;
          case 'compileError':
            compileError = m.error;
            stop({ kind: 'end' });
            break;
          case 'loadFailed':
            fillFrom(m.status, m.error, startAt);
            stop({ kind: 'end' });
            break;
          case 'start':
            loading = false;
            currentIndex = m.index;
            arm();
            break;
          case 'done':
            results.set(m.index, m.result);
            lastDone = m.index;
            currentIndex = undefined;
            // Fail fast: once a test has run out of time the verdict is settled, and the rest
            // would only burn the run's wall-clock budget (and the judge's capacity).
            if (m.result.status === 'timeout') {
              skipFrom = m.index + 1;
              stop({ kind: 'end' });
              break;
            }
            arm();
            break;
          case 'plan':
            scriptNames = m.names;
            if (m.topLevel && !topLevel) topLevel = m.topLevel;
            break;
          case 'out': {
            if (outputLimitExceeded) break;
            stdout += m.text;
            stdoutBytes += Buffer.byteLength(m.text);
            if (m.over) outputLimitExceeded = true;
            break;
          }
          case 'crash':
            stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: m.message });
            break;
          case 'end':
            stop({ kind: 'end' });
            break;
        }
      });
      worker.on('error', (e) => stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: e instanceof Error ? e.message : String(e) }));
      worker.on('exit', () => stop({ kind: 'stuck', index: currentIndex, lastDone, loading, crash: 'the sandbox thread exited early' }));
    });

    if (outcome.kind === 'end') break;
    const crashed = outcome.crash !== undefined;
    /** @type {ErrorInfo} */
    const why = crashed
      ? { message: 'The sandbox failed: ' + outcome.crash }
      : { message: 'Timed out: the code kept the sandbox busy past ' + testMs + ' ms (an endless loop in a promise callback or timer?)' };
    const status = crashed ? 'error' : 'timeout';
    if (outcome.index !== undefined) {
      results.set(outcome.index, { ...nameOf(outcome.index), status, error: why, timeMs: crashed ? 0 : watchdogMs });
      startAt = outcome.index + 1;
    } else if (outcome.loading || outcome.lastDone === undefined) {
      if (crashed && startAt === 0 && results.size === 0) fatal = { message: why.message };
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
    for (let i = 0; i < total(); i++) tests.push(results.get(i) ?? { ...nameOf(i), status: 'error', error: { message: 'The test did not run' }, timeMs: 0 });
    if (topLevel) tests.push(topLevel);
  }
  /** @type {Report} */
  const report = { tests, stdout, outputLimitExceeded };
  if (compileError) report.compileError = compileError;
  if (fatal) report.fatal = fatal;
  return report;
}

async function main() {
  let nonce = '';
  try {
    const text = await readStdin();
    const raw = JSON.parse(text);
    if (raw && typeof raw === 'object' && typeof raw.nonce === 'string') nonce = raw.nonce;
    const { job } = validateInput(raw);
    const report = await runJob(job);
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
