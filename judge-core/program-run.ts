/**
 * Compiled languages judged as whole programs: stdin/stdout cases and script tests.
 *
 * The build is the submission as a program with its own `main` (stdin/stdout cases), or the
 * submission followed by the test program in one file (a script test: C/C++ a `main` with
 * `assert`), with no driver (judge-core/languages.ts, `compile.program`). The run stage then runs
 * that program as it is and the judge reads its exit status and output from outside, writing the
 * report a harness would: there is no harness inside to write one.
 *
 * - Stdin/stdout: one fresh sandbox per case (the run stage refuses process creation, so nothing
 *   inside could start the program again for the next case), the case's input on stdin; standard
 *   output is the case's value (compared outside, judge-core/compare-output.ts), standard error its
 *   console output. A non-zero exit or a signal is a runtime error, the deadline a time limit.
 *   The cases share one budget, the run's wall time (`wallTimeMs`), as the cases of an
 *   interpreted run share their one sandbox's deadline: each case's deadline is what is left of
 *   it (see `caseWalls`), and once it is used up the verdict is time_limit_exceeded and the rest
 *   are not run. The budget counts the programs' own run times, not the container starts, so a
 *   correct solution is not failed for a loaded machine; the number of cases a request may add
 *   (MAX_PROGRAM_CASES) bounds the starts.
 * - Script: one run; exit status 0 passes. A failed `assert` (C/C++, an abort) or an
 *   AssertionError thrown out of `main` (Java) fails the test with its message and its line in the
 *   test code; any other exception, non-zero exit or signal is an error. Go and Rust build a test
 *   binary instead (`go test -c`, `rustc --test`) and each test function is its own row, read from
 *   the binary's output by the language's `testRows` reader (judge-core/test-output/). Nothing in
 *   one native process can keep the tests from the submission (it could exit 0 first, or print a
 *   passing test binary's output), so this outcome is believed only because script tests never
 *   decide a submit: they run in Run mode and without a challenge, where a program that fakes its
 *   own tests fools its author.
 */
import { isIoTest, type HarnessReport, type HarnessTestReport } from '../protocol/index.js';
import type { JobCase, JudgeJob } from './job.js';
import { HARNESS_ROOT, LANGUAGE_RUNTIMES } from './languages.js';
import type { Sandbox, SandboxLimits, SandboxOutcome, SourceFile } from './sandbox.js';

/** A job whose compiled language runs it as a whole program (no function-case driver). */
export function isProgramJob(job: JudgeJob): boolean {
  return LANGUAGE_RUNTIMES[job.language].compile?.program !== undefined && (job.script !== undefined || job.cases.some(isIoTest));
}

export function programBuild(job: JudgeJob): { files: SourceFile[]; command: string[] } {
  const program = LANGUAGE_RUNTIMES[job.language].compile?.program;
  if (!program) throw new Error(`${job.language} has no whole-program build`);
  return { files: program.files(job.code, job.script), command: program.command(HARNESS_ROOT, job.script !== undefined) };
}

const NOT_RUN = { message: 'Not run: an earlier test went past its limits' };

/**
 * Runs the built program for `cases` (stdin/stdout) or for the script test, and returns the report
 * and a combined outcome for decideVerdict. Sandbox errors propagate to the caller.
 */
export async function runProgram(
  job: JudgeJob,
  sandbox: Sandbox,
  limits: SandboxLimits & { testTimeoutMs: number },
  cases: JobCase[],
  artefact: Buffer,
  withScript: boolean,
  nonce: string,
): Promise<{ report: HarnessReport; outcome: SandboxOutcome }> {
  const tests: HarnessTestReport[] = [];
  const outcomes: SandboxOutcome[] = [];
  const run = async (name: string, stdin: string, runLimits: SandboxLimits) => {
    const input = { nonce, code: '', cases: [], limits: { testTimeoutMs: limits.testTimeoutMs, outputBytes: 0, valueBytes: 0 } };
    const outcome = await sandbox.run({ jobId: job.id, language: job.language, input, limits: runLimits, artefact, stdin });
    outcomes.push(outcome);
    return { name, outcome };
  };
  const walls = caseWalls(limits.wallTimeMs);
  let stopped = false;
  for (const testCase of cases) {
    if (!isIoTest(testCase)) throw new Error('a whole-program run takes stdin/stdout cases only');
    if (stopped) {
      tests.push({ name: testCase.name, kind: 'case', status: 'error', error: NOT_RUN, timeMs: 0 });
      continue;
    }
    const wallTimeMs = walls.next();
    if (wallTimeMs === undefined) {
      // The budget ran out as the previous case finished: this case is where the time ran out.
      tests.push({ name: testCase.name, kind: 'case', status: 'timeout', error: { message: `Not run: ${walls.spentMessage()}` }, timeMs: 0 });
      stopped = true;
      continue;
    }
    const caseLimits = { ...limits, wallTimeMs };
    const { outcome } = await run(testCase.name, testCase.input, caseLimits);
    walls.spend(outcome.durationMs);
    const test = caseReport(testCase.name, outcome, caseLimits, wallTimeMs < limits.wallTimeMs ? walls.spentMessage() : undefined);
    tests.push(test);
    // As in the harnesses: once a test ran out of time or memory the verdict is settled.
    if (test.status === 'timeout' || outcome.oomKilled || outcome.outputOverflow) stopped = true;
  }
  if (withScript) {
    const { outcome } = await run('tests', '', limits);
    tests.push(...scriptReports(job, outcome, limits));
  }
  return {
    report: { tests, stdout: '', outputLimitExceeded: outcomes.some((o) => o.outputOverflow) },
    outcome: {
      stdout: '',
      stderr: '',
      exitCode: 0,
      timedOut: false,
      oomKilled: false,
      outputOverflow: false,
      durationMs: outcomes.reduce((sum, o) => sum + (Number.isFinite(o.durationMs) ? o.durationMs : 0), 0),
    },
  };
}

/**
 * The deadlines of a run's cases, one after the other: what is left of `budgetMs` after the run
 * times spent so far (each case's own limit is the run's wall time too, so what is left is always
 * the smaller). `next()` is undefined once nothing is left.
 */
export function caseWalls(budgetMs: number): { next(): number | undefined; spend(durationMs: number): void; spentMessage(): string } {
  let spentMs = 0;
  return {
    next: () => {
      const leftMs = Math.floor(budgetMs - spentMs);
      return leftMs > 0 ? Math.min(budgetMs, leftMs) : undefined;
    },
    spend: (durationMs) => {
      // A sandbox that could not time its run (NaN) is charged nothing rather than everything.
      if (Number.isFinite(durationMs) && durationMs > 0) spentMs += durationMs;
    },
    spentMessage: () => `the cases together used up the run's ${budgetMs / 1000} s`,
  };
}

/** How a program ended, in words, or undefined when it exited 0. */
function ending(outcome: SandboxOutcome, limits: SandboxLimits, budgetNote?: string): { status: HarnessTestReport['status']; message: string } | undefined {
  if (outcome.timedOut) {
    return { status: 'timeout', message: `Time limit exceeded: the program did not finish within ${limits.wallTimeMs / 1000} s${budgetNote ? ` (${budgetNote})` : ''}` };
  }
  // "out of memory" is what decide-verdict reads as memory_limit_exceeded (NATIVE_OOM).
  if (outcome.oomKilled) return { status: 'error', message: 'The program ran out of memory (it went past its memory limit)' };
  if (outcome.exitCode === 0) return undefined;
  const code = outcome.exitCode;
  const signal = code !== null && code > 128 ? SIGNALS[code - 128] : undefined;
  const why = code === null ? 'The program was stopped' : signal ? `The program was killed by ${signal}` : `The program exited with code ${code}`;
  const detail = lastLines(outcome.stderr, 5);
  return { status: 'error', message: detail ? `${why}: ${detail}` : why };
}

const SIGNALS: Record<number, string> = { 4: 'SIGILL', 6: 'SIGABRT (abort)', 7: 'SIGBUS', 8: 'SIGFPE (arithmetic error)', 9: 'SIGKILL', 11: 'SIGSEGV (invalid memory access)', 31: 'SIGSYS (a refused system call)' };

function caseReport(name: string, outcome: SandboxOutcome, limits: SandboxLimits, budgetNote: string | undefined): HarnessTestReport {
  const timeMs = Number.isFinite(outcome.durationMs) ? Math.max(0, outcome.durationMs) : 0;
  const ended = ending(outcome, limits, budgetNote);
  if (!ended) return { name, kind: 'case', status: 'ok', value: outcome.stdout, ...(outcome.stderr ? { stdout: outcome.stderr } : {}), timeMs };
  // What it printed before it failed helps to see how far it got.
  const printed = outcome.stdout + outcome.stderr;
  return { name, kind: 'case', status: ended.status, error: { message: ended.message }, ...(printed ? { stdout: printed } : {}), timeMs };
}

/** The script test's rows: one per named test where the language's test binary names them, else one, `tests`. */
function scriptReports(job: JudgeJob, outcome: SandboxOutcome, limits: SandboxLimits): HarnessTestReport[] {
  const timeMs = Number.isFinite(outcome.durationMs) ? Math.max(0, outcome.durationMs) : 0;
  const ended = ending(outcome, limits);
  const reader = LANGUAGE_RUNTIMES[job.language].compile?.program?.testRows;
  const rows = reader?.({ stdout: outcome.stdout, stderr: outcome.stderr, ended, code: job.code, script: job.script ?? '' });
  if (rows) return rows;
  return [scriptReport(job, outcome, timeMs, ended)];
}

function scriptReport(job: JudgeJob, outcome: SandboxOutcome, timeMs: number, ended: ReturnType<typeof ending>): HarnessTestReport {
  const base = { name: 'tests', kind: 'script' as const, timeMs, ...(outcome.stdout ? { stdout: outcome.stdout } : {}) };
  if (!ended) return { ...base, status: 'ok' };
  if (ended.status === 'timeout') return { ...base, status: 'timeout', error: { message: ended.message } };
  // C/C++: assert's message, which names the line. Java: an AssertionError (or any exception)
  // thrown out of main, whose stack trace names the line.
  const assertion = /^.*Assertion [`'].*' failed\.?$/m.exec(outcome.stderr);
  if (assertion) return { ...base, status: 'failed', error: { message: assertion[0].trim(), ...assertionLine(job, assertion[0]) } };
  const thrown = /^Exception in thread "main" (.*)$/m.exec(outcome.stderr);
  if (thrown) {
    const failed = /^java\.lang\.AssertionError\b/.test(thrown[1]!);
    return { ...base, status: failed ? 'failed' : 'error', error: { message: thrown[1]!.slice(0, 2000), ...assertionLine(job, outcome.stderr) } };
  }
  return { ...base, status: ended.status, error: { message: ended.message } };
}

/** The first line the message names in the build, in the test code when it is there (the build is code + "\n" + tests). */
function assertionLine(job: JudgeJob, message: string): { line?: number; source?: 'code' | 'tests' } {
  const sourceName = programBuild(job).files[0]?.name ?? '';
  const match = new RegExp(`${sourceName.replace('.', '\\.')}:(\\d+)\\b`).exec(message);
  if (!match) return {};
  const line = Number(match[1]);
  const codeLines = job.code.split('\n').length;
  return line > codeLines ? { line: line - codeLines, source: 'tests' } : { line, source: 'code' };
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n').slice(0, 2000);
}
