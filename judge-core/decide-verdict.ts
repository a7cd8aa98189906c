/**
 * Decides a submission's verdict from what the sandbox reported, outside the sandbox. A pure
 * function of the job (with its expected values, which never entered the sandbox), the harness
 * report and how the container ended, so it is tested without Docker.
 */
import { isIoTest, MAX_SCRIPT_ROWS, type ErrorLocation, type HarnessReport, type HarnessTestReport, type TestResult, type Verdict } from '../protocol/index.js';
import { outputMatches } from './compare-output.js';
import type { JudgeJob } from './job.js';
import { MAX_VALUE_DEPTH } from './value-depth.js';
import { valuesEqual } from './compare-values.js';
import type { SandboxOutcome } from './sandbox.js';
import { MAX_REPORTED_MS } from './report-frame.js';

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
  /** The verdict each test's failure would give ('accepted' for a passed test), in `tests` order. */
  testVerdicts: Verdict[];
  /** The verdict comes from how the run ended (deadline, memory, output, crash, compile error), not from one test. */
  runLevel: boolean;
}

/** Shown instead of the console output of hidden tests (after that of the visible ones). */
export const HIDDEN_OUTPUT_NOTE = 'The console output of hidden tests is not shown, since it could reveal their inputs.\n';

export function decideVerdict(input: VerdictInput): Decision {
  const decision = decideRun(input);
  const passed = decision.tests.map((test) => test.passed);
  if (decision.testVerdicts.length === passed.length) return decision;
  // A run-level verdict: every test that did not pass failed with it.
  return { ...decision, testVerdicts: passed.map((ok) => (ok ? 'accepted' : decision.verdict)) };
}

function decideRun(input: VerdictInput): Decision {
  const { job, outcome, report } = input;
  // Printing the arguments would reveal hidden inputs (and let a submission hard-code answers).
  const hasHidden = job.cases.some((testCase) => testCase.hidden);
  const stdout = hasHidden ? HIDDEN_OUTPUT_NOTE : capText((report?.stdout ?? '') + input.strayOutput, input.outputBytes);
  const reports = reportsInOrder(job, report);
  const tests = buildTests(input, reports);
  const outOfMemory = (text: string) => input.outOfMemoryPatterns.some((pattern) => pattern.test(text));

  // How the container ended outranks what the tests say: a run cut short proves nothing.
  if (outcome.timedOut) {
    return {
      verdict: 'time_limit_exceeded',
      tests,
      ...RUN_LEVEL,
      stdout,
      error: { message: `The run did not finish within ${input.wallTimeMs / 1000} s` },
    };
  }
  if (outcome.oomKilled || (!report && outOfMemory(outcome.stderr))) {
    return { verdict: 'memory_limit_exceeded', tests, ...RUN_LEVEL, stdout, error: { message: 'The run went past its memory limit' } };
  }
  if (outcome.outputOverflow || report?.outputLimitExceeded) {
    return {
      verdict: 'output_limit_exceeded',
      tests,
      ...RUN_LEVEL,
      stdout,
      error: { message: `The program printed more than ${formatBytes(input.outputBytes)}` },
    };
  }
  if (!report) {
    const detail = lastLines(outcome.stderr, 5);
    return {
      verdict: 'runtime_error',
      tests,
      ...RUN_LEVEL,
      stdout,
      error: {
        message: `The program ended before the tests finished (exit code ${outcome.exitCode ?? 'unknown'})${detail ? `: ${detail}` : ''}`,
      },
    };
  }
  if (report.compileError) {
    return { verdict: 'compile_error', tests, ...RUN_LEVEL, stdout, error: report.compileError };
  }
  // Every run holds code from the submitter (its solution, or in a script replay run its own
  // test code), which can forge or break the report; a harness failure claimed in it is
  // therefore the program's runtime error. A submission must never be able to make the judge
  // answer internal_error.
  if (report.fatal) {
    return {
      verdict: 'runtime_error',
      tests,
      ...RUN_LEVEL,
      stdout,
      error: { message: `The test run broke before it could report: ${report.fatal.message.slice(0, 1000)}` },
    };
  }

  const testVerdicts = tests.map((test, index) => testVerdict(test, reports[index], outOfMemory));
  const firstFailure = testVerdicts.findIndex((verdict) => verdict !== 'accepted');
  if (firstFailure === -1) return { verdict: 'accepted', tests, stdout, testVerdicts, runLevel: false };
  const verdict = testVerdicts[firstFailure]!;
  // A wrong answer speaks through its test's expected and actual values (none when hidden).
  const error = verdict === 'wrong_answer' ? undefined : testError(tests[firstFailure]!);
  return { verdict, tests, stdout, testVerdicts, runLevel: false, ...(error ? { error } : {}) };
}

const RUN_LEVEL = { testVerdicts: [] as Verdict[], runLevel: true };

/** The verdict a test gives: accepted when it passed, else by how it failed. */
function testVerdict(test: TestResult, reported: HarnessTestReport | undefined, outOfMemory: (text: string) => boolean): Verdict {
  if (test.passed) return 'accepted';
  switch (reported?.status) {
    case 'timeout':
      return 'time_limit_exceeded';
    case 'error':
      return outOfMemory(reported.error?.message ?? '') ? 'memory_limit_exceeded' : 'runtime_error';
    default:
      return 'wrong_answer';
  }
}

/** The result's error for a failing test: its own message when visible, nothing of it when hidden. */
export function testError(failed: TestResult): ErrorLocation | undefined {
  if (failed.hidden) return { message: 'A hidden test failed; its details are not shown' };
  return failed.error ? { message: failed.error, ...(failed.line ? { line: failed.line } : {}) } : undefined;
}

/** Case tests first (in job order), then the script's tests. */
function buildTests(input: VerdictInput, reports: (HarnessTestReport | undefined)[]): TestResult[] {
  const { job, report } = input;
  const shown = textBudget(input.outputBytes);
  const results: TestResult[] = job.cases.map((testCase, index) => {
    const reported = reports[index];
    const base = { name: testCase.name, hidden: testCase.hidden };
    if (!reported) return { ...base, passed: false, error: 'Did not run' };
    const io = isIoTest(testCase);
    // A stdin/stdout case's value is the text the program wrote; anything else is no output.
    const printed = io && typeof reported.value === 'string' ? reported.value : undefined;
    const passed =
      reported.status === 'ok' &&
      (io ? printed !== undefined && outputMatches(printed, testCase.expectedOutput, job.compare) : valuesEqual(reported.value, testCase.expected));
    const result: TestResult = { ...base, passed, timeMs: round(reported.timeMs) };
    // Hidden tests say only whether they passed: their inputs, answers and output stay secret.
    if (!testCase.hidden) {
      result.expected = io ? testCase.expectedOutput : testCase.expected;
      if (reported.status === 'ok') result.actual = io ? shown(printed ?? '') : clampDepth(reported.value, MAX_VALUE_DEPTH);
      if (reported.stdout) result.stdout = shown(reported.stdout);
    }
    if (reported.status === 'timeout') result.error = 'Time limit exceeded';
    else if (reported.error && testCase.hidden) {
      // An error message can carry the inputs (`throw Error(JSON.stringify(args))`).
      result.error = 'Runtime error';
    } else if (reported.error) {
      result.error = reported.error.message.slice(0, MAX_ERROR_CHARS);
      if (reported.error.line) result.line = reported.error.line;
    }
    return result;
  });
  const scripted = reports.slice(job.cases.length).filter((test) => test !== undefined);
  for (const test of scripted) {
    const result: TestResult = { name: test.name.slice(0, MAX_NAME_CHARS), hidden: false, passed: test.status === 'ok', timeMs: round(test.timeMs) };
    const printed = test.stdout ? shown(test.stdout) : '';
    if (printed) result.stdout = printed;
    if (test.status === 'timeout') result.error = 'Time limit exceeded';
    else if (test.error) {
      result.error = test.error.message.slice(0, MAX_ERROR_CHARS);
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
  return [...job.cases.map((_, index) => cases[index]), ...capScriptRows(tests.filter((test) => test.kind === 'script'))];
}

/*
 * What a result may hold, whatever the language and whatever its report claims: every row and every
 * text in it comes from the submitter's run, and a result is one message on the broker and one
 * record in the store. Without these caps a Go script's output made a 60 MB result.
 */
const MAX_NAME_CHARS = 200;
const MAX_ERROR_CHARS = 2000;
/** The console output and printed values of all the tests together: twice one run's output limit. */
const RESULT_TEXT_RUNS = 2;

/**
 * At most MAX_SCRIPT_ROWS script rows: past that, one row stands for the rest, and fails as the
 * first of them that did not pass (so the verdict is the one the whole list gives).
 */
function capScriptRows(rows: HarnessTestReport[]): HarnessTestReport[] {
  if (rows.length <= MAX_SCRIPT_ROWS) return rows;
  const rest = rows.slice(MAX_SCRIPT_ROWS - 1);
  const failed = rest.filter((test) => test.status !== 'ok');
  const first = failed[0];
  const summary: HarnessTestReport = { name: `${rest.length} more tests`, kind: 'script', status: first?.status ?? 'ok', timeMs: 0 };
  if (first) summary.error = { message: `${failed.length} of them did not pass, the first ${first.name.slice(0, MAX_NAME_CHARS)}: ${first.error?.message ?? first.status}` };
  return [...rows.slice(0, MAX_SCRIPT_ROWS - 1), summary];
}

/** Cuts each text at the output limit, and all of them together at RESULT_TEXT_RUNS times it. */
function textBudget(outputBytes: number): (text: string) => string {
  let left = RESULT_TEXT_RUNS * outputBytes;
  return (text) => {
    const cut = capText(text, Math.min(outputBytes, left));
    left -= utf8.encode(cut).length;
    return cut;
  };
}

/** The harnesses truncate at 64 levels; a forged report may not, and must not break JSON.stringify. */

function clampDepth(value: unknown, depth: number): unknown {
  // JSON.parse reads 1e400 as Infinity, which would serialize as null: show it as the tag instead.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? { $pj: 'nan' } : { $pj: 'infinity', sign: value > 0 ? 1 : -1 };
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return { $pj: 'truncated' };
  if (Array.isArray(value)) return value.map((item) => clampDepth(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clampDepth(item, depth - 1)]));
}

const utf8 = new TextEncoder();

/**
 * Measured in UTF-8 bytes with TextEncoder, not Node's Buffer: the same verdict logic decides a
 * local Run in the browser guest. A cut inside a character drops that character.
 */
function capText(text: string, maxBytes: number): string {
  const bytes = utf8.encode(text);
  if (bytes.length <= maxBytes) return text;
  return new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, '');
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n').slice(0, 2000);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** A shown time: finite whatever was reported (the report parser already clamps; this is the second wall). */
function round(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) return 0;
  return Math.round(Math.min(ms, MAX_REPORTED_MS) * 100) / 100;
}
