/**
 * Decides a submission's verdict from what the sandbox reported, outside the sandbox. A pure
 * function of the job (with its expected values, which never entered the sandbox), the harness
 * report and how the container ended, so it is tested without Docker.
 */
import type { ErrorLocation, HarnessReport, HarnessTestReport, TestResult, Verdict } from '../protocol/index.js';
import type { JudgeJob } from './job.js';
import { MAX_VALUE_DEPTH } from './value-depth.js';
import { valuesEqual } from './compare-values.js';
import type { SandboxOutcome } from './sandbox.js';

export interface VerdictInput {
  job: JudgeJob;
  outcome: SandboxOutcome;
  /** Undefined when the sandbox ended without a valid report frame. */
  report: HarnessReport | undefined;
  /** Output the submission wrote around the harness (e.g. straight to a file descriptor). */
  strayOutput: string;
  outOfMemoryPatterns: RegExp[];
  wallTimeMs: number;
  outputBytes: number;
}

export interface Decision {
  verdict: Verdict;
  tests: TestResult[];
  stdout: string;
  error?: ErrorLocation;
}

/** Shown instead of the console output of a run with hidden tests. */
export const HIDDEN_OUTPUT_NOTE =
  'Console output is not shown when hidden tests run, since it could reveal their inputs. Use Run to see it.\n';

export function decideVerdict(input: VerdictInput): Decision {
  const { job, outcome, report } = input;
  // Printing the arguments would reveal hidden inputs (and let a submission hard-code answers).
  const hasHidden = job.cases.some((testCase) => testCase.hidden);
  const stdout = hasHidden ? HIDDEN_OUTPUT_NOTE : capText((report?.stdout ?? '') + input.strayOutput, input.outputBytes);
  const reports = reportsInOrder(job, report);
  const tests = buildTests(job, report, reports);
  const outOfMemory = (text: string) => input.outOfMemoryPatterns.some((pattern) => pattern.test(text));

  // How the container ended outranks what the tests say: a run cut short proves nothing.
  if (outcome.timedOut) {
    return {
      verdict: 'time_limit_exceeded',
      tests,
      stdout,
      error: { message: `The run did not finish within ${input.wallTimeMs / 1000} s` },
    };
  }
  if (outcome.oomKilled || (!report && outOfMemory(outcome.stderr))) {
    return { verdict: 'memory_limit_exceeded', tests, stdout, error: { message: 'The run went past its memory limit' } };
  }
  if (outcome.outputOverflow || report?.outputLimitExceeded) {
    return {
      verdict: 'output_limit_exceeded',
      tests,
      stdout,
      error: { message: `The program printed more than ${formatBytes(input.outputBytes)}` },
    };
  }
  if (!report) {
    const detail = lastLines(outcome.stderr, 5);
    return {
      verdict: 'runtime_error',
      tests,
      stdout,
      error: {
        message: `The program ended before the tests finished (exit code ${outcome.exitCode ?? 'unknown'})${detail ? `: ${detail}` : ''}`,
      },
    };
  }
  if (report.compileError) {
    return { verdict: 'compile_error', tests, stdout, error: report.compileError };
  }
  if (report.fatal) {
    return { verdict: 'internal_error', tests, stdout, error: { message: `The test harness failed: ${report.fatal.message}` } };
  }

  const firstFailure = tests.findIndex((test) => !test.passed);
  if (firstFailure === -1) return { verdict: 'accepted', tests, stdout };
  const failed = tests[firstFailure]!;
  const reported = reports[firstFailure];
  const error = failed.hidden
    ? { message: 'A hidden test failed; its details are not shown' }
    : failed.error
      ? { message: failed.error, ...(failed.line ? { line: failed.line } : {}) }
      : undefined;
  switch (reported?.status) {
    case 'timeout':
      return { verdict: 'time_limit_exceeded', tests, stdout, ...(error ? { error } : {}) };
    case 'error':
      return {
        verdict: outOfMemory(failed.error ?? '') ? 'memory_limit_exceeded' : 'runtime_error',
        tests,
        stdout,
        ...(error ? { error } : {}),
      };
    default:
      return { verdict: 'wrong_answer', tests, stdout };
  }
}

/** Case tests first (in job order), then the script's tests. */
function buildTests(job: JudgeJob, report: HarnessReport | undefined, reports: (HarnessTestReport | undefined)[]): TestResult[] {
  const results: TestResult[] = job.cases.map((testCase, index) => {
    const reported = reports[index];
    const base = { name: testCase.name, hidden: testCase.hidden };
    if (!reported) return { ...base, passed: false, error: 'Did not run' };
    const passed = reported.status === 'ok' && valuesEqual(reported.value, testCase.expected);
    const result: TestResult = { ...base, passed, timeMs: round(reported.timeMs) };
    // Hidden tests say only whether they passed: their inputs and answers stay secret.
    if (!testCase.hidden) {
      result.expected = testCase.expected;
      if (reported.status === 'ok') result.actual = clampDepth(reported.value, MAX_VALUE_DEPTH);
    }
    if (reported.status === 'timeout') result.error = 'Time limit exceeded';
    else if (reported.error && testCase.hidden) {
      // An error message can carry the inputs (`throw Error(JSON.stringify(args))`).
      result.error = 'Runtime error';
    } else if (reported.error) {
      result.error = reported.error.message;
      if (reported.error.line) result.line = reported.error.line;
    }
    return result;
  });
  const scripted = reports.slice(job.cases.length).filter((test) => test !== undefined);
  for (const test of scripted) {
    const result: TestResult = { name: test.name, hidden: false, passed: test.status === 'ok', timeMs: round(test.timeMs) };
    if (test.status === 'timeout') result.error = 'Time limit exceeded';
    else if (test.error) {
      result.error = test.error.message;
      if (test.error.line) result.line = test.error.line;
    }
    results.push(result);
  }
  if (job.script && scripted.length === 0 && report && !report.compileError) {
    results.push({ name: 'tests', hidden: false, passed: false, error: 'The test script reported no result' });
  }
  return results;
}

/**
 * The report entries in buildTests' order: one slot per case of the job (undefined where the
 * harness reported none), then the script's tests.
 */
function reportsInOrder(job: JudgeJob, report: HarnessReport | undefined): (HarnessTestReport | undefined)[] {
  const tests = report?.tests ?? [];
  const cases = tests.filter((test) => test.kind === 'case');
  return [...job.cases.map((_, index) => cases[index]), ...tests.filter((test) => test.kind === 'script')];
}

/** The harnesses truncate at 64 levels; a forged report may not, and must not break JSON.stringify. */

function clampDepth(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return { $pj: 'truncated' };
  if (Array.isArray(value)) return value.map((item) => clampDepth(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clampDepth(item, depth - 1)]));
}

function capText(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  return Buffer.from(text).subarray(0, maxBytes).toString('utf8');
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n').slice(0, 2000);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
