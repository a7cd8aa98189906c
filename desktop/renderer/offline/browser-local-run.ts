/**
 * Local Run in the browser guest: JavaScript in a Web Worker with a deadline (the worker is
 * terminated when it passes: time limit exceeded), on the visible tests and the person's own
 * cases; the verdict is the judge core's decideVerdict on what the worker reported, exactly as the
 * judge decides a sandbox's report. Python runs the same way through Pyodide, loaded from the
 * guest's own build (python-worker-harness.ts). Other languages need the judge: this says so.
 */
import { isIoTest, type HarnessReport, type HarnessTestReport, type PublicChallenge, type SubmissionRequest, type SubmissionResult } from '../../../protocol/index.js';
import { decideVerdict } from '../../../judge-core/decide-verdict.js';
import { SubmissionRejectedError } from '../../../judge-core/errors.js';
import { LANGUAGE_RUNTIMES } from '../../../judge-core/languages.js';
import type { JudgeError } from '../bridge/bridge-api.js';
import { buildLocalJob } from './local-job.js';
import { workerSource } from './js-worker-harness.js';
import { pythonLoading } from './python-loading.js';
import { takePythonWorker } from './python-worker-loader.js';

/** The judge's defaults (judge-server/worker/config.ts), so a local Run is held to the same limits. */
export const LOCAL_LIMITS = { wallTimeMs: 8_000, testTimeoutMs: 2_000, outputBytes: 256 * 1024, valueBytes: 256 * 1024 };

export type LocalRunAnswer = { ok: true; value: SubmissionResult } | { ok: false; error: JudgeError };

interface WorkerRun {
  tests: HarnessTestReport[];
  stdout: string;
  over: boolean;
  timedOut: boolean;
  compileError?: { message: string; line?: number };
  missingEntry: boolean;
  /** The Python runtime could not be loaded (not a verdict on the code). */
  loadFailed?: string;
  durationMs: number;
}

/** A worker for one run: the message that starts it, and for Python the wait for its loading. */
interface WorkerPlan {
  worker: Worker;
  dispose: () => void;
  message: unknown;
  /** Python: the deadline starts once Pyodide has loaded (loading is not the code's time). */
  ready?: Promise<string | undefined>;
}

function jsWorker(source: string): { worker: Worker; dispose: () => void } {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return {
    worker,
    dispose: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}

/** Runs the worker until it reports done, fails to load, or passes the deadline. */
async function runWorker(plan: WorkerPlan, deadlineMs: number, testTimeoutMs: number): Promise<WorkerRun> {
  const { worker } = plan;
  const tests: HarnessTestReport[] = [];
  let loadFailed: string | undefined;
  if (plan.ready) {
    pythonLoading.set(true);
    try {
      loadFailed = await plan.ready;
    } finally {
      pythonLoading.set(false);
    }
  }
  if (loadFailed !== undefined) {
    plan.dispose();
    return { tests, stdout: '', over: false, timedOut: false, missingEntry: false, durationMs: 0, loadFailed };
  }
  const started = performance.now();
  return new Promise<WorkerRun>((resolve) => {
    let testTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (extra: Partial<WorkerRun>) => {
      clearTimeout(timer);
      clearTimeout(testTimer);
      plan.dispose();
      resolve({ tests, stdout: '', over: false, timedOut: false, missingEntry: false, durationMs: Math.round(performance.now() - started), ...extra });
    };
    const timer = setTimeout(() => finish({ timedOut: true }), deadlineMs);
    type WorkerMessage =
      | { type: 'compile-error'; error: { message: string; line?: number } }
      | { type: 'start'; name: string }
      | { type: 'test'; report: HarnessTestReport }
      | { type: 'done'; stdout: string; over: boolean; missingEntry?: boolean };
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'compile-error') finish({ compileError: message.error });
      else if (message.type === 'start') {
        // As in the judge's harness: the first test past its budget ends the run with a time limit.
        clearTimeout(testTimer);
        testTimer = setTimeout(() => {
          tests.push({ name: message.name, kind: 'case', status: 'timeout', timeMs: testTimeoutMs });
          finish({});
        }, testTimeoutMs);
      } else if (message.type === 'test') tests.push(message.report);
      else finish({ stdout: message.stdout, over: message.over, missingEntry: message.missingEntry === true });
    };
    // The code did not load (a syntax error, or an error thrown at the top level).
    worker.onerror = (event) => {
      event.preventDefault();
      if (plan.ready) {
        finish({ compileError: { message: event.message || 'The Python worker failed' } });
        return;
      }
      const line = event.lineno > 3 ? event.lineno - 3 : undefined;
      finish({ compileError: { message: event.message || 'The code could not be loaded', ...(line ? { line } : {}) } });
    };
    worker.postMessage(plan.message);
  });
}

export async function runLocallyInBrowser(request: SubmissionRequest, challenge: PublicChallenge | undefined): Promise<LocalRunAnswer> {
  const language = request.language;
  if (language !== 'javascript' && language !== 'python') {
    return {
      ok: false,
      error: {
        kind: 'unreachable',
        message: 'This language needs the judge: in the browser only JavaScript and Python run locally. Your code is kept; Run again when the judge is back, or Submit to queue it.',
      },
    };
  }
  let job;
  try {
    job = buildLocalJob(`local-${Date.now().toString(36)}`, request, challenge, Date.now());
  } catch (error) {
    if (error instanceof SubmissionRejectedError) return { ok: false, error: { kind: error.kind, message: error.message, field: error.field } };
    throw error;
  }
  // The worker calls a function; a whole program reading stdin is judged by the judge only.
  const cases = job.cases.flatMap((test) => (isIoTest(test) ? [] : [{ name: test.name, args: test.args }]));
  if (cases.length !== job.cases.length) {
    return {
      ok: false,
      error: {
        kind: 'unreachable',
        message: 'Stdin/stdout tests need the judge: in the browser only function tests run locally. Your code is kept; Run again when the judge is back, or Submit to queue it.',
      },
    };
  }
  const entry = job.entry ?? 'main';
  // The run's wall deadline backs up the per-test budget (the worker cannot be interrupted inside a test).
  const deadline = Math.min(LOCAL_LIMITS.wallTimeMs, LOCAL_LIMITS.testTimeoutMs * Math.max(1, cases.length));
  const limits = { outputBytes: LOCAL_LIMITS.outputBytes, valueBytes: LOCAL_LIMITS.valueBytes };
  const plan: WorkerPlan =
    language === 'python'
      ? { ...takePythonWorker(), message: { type: 'run', code: job.code, entry, cases, limits } }
      : { ...jsWorker(workerSource(job.code, entry)), message: { cases, limits } };
  const run = await runWorker(plan, deadline, Math.min(job.testTimeoutMs ?? LOCAL_LIMITS.testTimeoutMs, LOCAL_LIMITS.testTimeoutMs));
  if (run.loadFailed !== undefined) {
    return {
      ok: false,
      error: { kind: 'unreachable', message: `Python could not start in the browser (${run.loadFailed}), so it needs the judge. Your code is kept; Run again when the judge is back, or Submit to queue it.` },
    };
  }
  const report: HarnessReport = {
    tests: run.tests,
    stdout: run.stdout,
    outputLimitExceeded: run.over,
    ...(run.compileError ? { compileError: run.compileError } : {}),
    ...(run.missingEntry ? { compileError: { message: `${entry} is not defined: the tests call a function named ${entry}` } } : {}),
  };
  const decision = decideVerdict({
    job,
    outcome: { stdout: '', stderr: '', exitCode: run.timedOut ? null : 0, timedOut: run.timedOut, oomKilled: false, outputOverflow: false, durationMs: run.durationMs },
    report,
    strayOutput: '',
    outOfMemoryPatterns: LANGUAGE_RUNTIMES[language].outOfMemoryPatterns,
    wallTimeMs: deadline,
    outputBytes: LOCAL_LIMITS.outputBytes,
  });
  return {
    ok: true,
    value: {
      id: job.id,
      status: 'done',
      verdict: decision.verdict,
      tests: decision.tests,
      stdout: decision.stdout,
      durationMs: run.durationMs,
      ...(decision.error ? { error: decision.error } : {}),
    },
  };
}
