/**
 * Runs one job: builds the harness inputs (without expected values), runs them in sandboxes,
 * reads the report frames and decides the verdict. Takes the Sandbox interface, not Docker, so
 * the same path runs against any sandbox, for every language.
 *
 * A job takes one or two sandbox runs, each a fresh sandbox with its own wall deadline (so a job
 * never takes longer than two deadlines plus start-up; a compiled program's stdin/stdout cases are
 * one sandbox each, sharing the deadline of the run they make up: judge-core/program-run.ts):
 *
 * 1. The visible run: the visible cases and the script. Everything it produces may be shown.
 * 2. The hidden run, when the job has hidden cases: only those, in a fresh sandbox. The
 *    submission can read its own inputs there (in Python through frames, gc or /proc/self/mem;
 *    nothing in one process hides them), so nothing it produces there is shown: no actual value,
 *    no error message, no console output, no crash detail; only passed or failed, the time and
 *    the verdict. Hidden inputs never reach a run whose output is shown.
 * 2'. The script replay run (Python), when the job has a script: see `replayScript`.
 *
 * Jobs with a script never have hidden cases (scripts run only in Run mode or without a
 * challenge), so a job takes at most two runs. The verdict is that of the first failing test in
 * job order, as in one run.
 */
import { randomBytes } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import {
  LANGUAGES,
  SubmissionResultSchema,
  isIoTest,
  type HarnessInput,
  type HarnessReport,
  type Diagnostic,
  type LanguageId,
  type SubmissionResult,
  type TestResult,
  type Verdict,
} from '../protocol/index.js';
import type { HandledJob, JobCase, JudgeJob } from './job.js';
import { DEFAULT_COMPILE_LIMITS, LANGUAGE_RUNTIMES } from './languages.js';
import type { CompileCache } from './compile-cache.js';
import { compileStage, sharedCompileCache } from './compile-stage.js';
import { encodeDriverInput } from './drivers/driver-input.js';
import { isProgramJob, programBuild, runProgram } from './program-run.js';
import { parseReportFrame, userOutputOutsideFrame } from './report-frame.js';
import type { CompileLimits, Sandbox, SandboxLimits, SandboxOutcome } from './sandbox.js';
import { decideVerdict, testError, HIDDEN_OUTPUT_NOTE, type Decision } from './decide-verdict.js';

export interface RunLimits extends SandboxLimits {
  testTimeoutMs: number;
  outputBytes: number;
  valueBytes: number;
}

/**
 * Languages whose script tests are decided in a replay run that holds no user code.
 *
 * Why: in Python the test code and the submission cannot be kept apart inside one process
 * (an `__eq__` that always agrees, patching the harness's classes, finding the report key by
 * introspection, zeroing the harness's test count all worked), and the sandbox's seccomp profile
 * refuses a second process. So the tests run twice: first beside the submission (record mode),
 * where they see it only through JSON copies of arguments and results and every call is listed;
 * then in a fresh sandbox with no user code at all (replay mode), where each call is answered
 * from that list. Only the replay decides. Whatever the submission does to the first run, the
 * second is the test code run honestly against a function that answers as recorded, which a real
 * program could do too; a call the tests make that the list does not hold, in that order and
 * with those arguments, fails the test. The design is language-neutral (it needs only the
 * `scriptMode` field of the harness input); JavaScript keeps its tests in a separate vm2 realm
 * inside one run instead, and can join this list if its harness learns `record` and `replay`.
 * The price: values cross as JSON copies (objects of user classes arrive as opaque values), and
 * the test code must make the same calls on every run (random inputs are seeded identically).
 */
const REPLAYED_SCRIPT_LANGUAGES: ReadonlySet<LanguageId> = new Set(['python']);

/** Names a replay run may bind to stubs: plain identifiers, never dunders or the `test` helper. */
const REPLAY_NAME = /^(?!__)(?!test$)[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_REPLAY_NAMES = 1000;

/**
 * The part of a run's wall deadline a type check may not use: the runtime's start before the
 * harness sees the job, writing the report and the process's exit (seconds on a loaded machine).
 */
const TYPE_CHECK_MARGIN_MS = 2500;

/** Errors thrown by a sandbox, which runJob passes on to the worker (it retries the retryable ones). */
const FROM_SANDBOX = new WeakSet<object>();

export interface RunJobOptions {
  /** The compile stage's limits (DEFAULT_COMPILE_LIMITS unless the worker's settings say). */
  compileLimits?: CompileLimits;
  /** Where artefacts are kept between jobs (one per process by default). */
  compileCache?: CompileCache;
}

interface RunPart {
  decision: Decision;
  outcome: SandboxOutcome;
}

export async function runJob(job: JudgeJob, sandbox: Sandbox, limits: RunLimits, options: RunJobOptions = {}): Promise<HandledJob> {
  const startedAt = Date.now();
  let result: SubmissionResult;
  try {
    result = await judge(job, sandbox, limits, options);
  } catch (error) {
    // Sandbox failures propagate (the worker retries them); anything else is a bug of ours.
    if (typeof error === 'object' && error !== null && FROM_SANDBOX.has(error)) throw error;
    result = internalErrorResult(job.id, `The judge could not decide this submission: ${(error as Error).message}`);
  }
  return { result: safelyChecked(result), timing: { queueWaitMs: Math.max(0, startedAt - job.submittedAt), runMs: Date.now() - startedAt } };
}

async function judge(job: JudgeJob, sandbox: Sandbox, limits: RunLimits, options: RunJobOptions): Promise<SubmissionResult> {
  let artefact: Buffer | undefined;
  if (LANGUAGE_RUNTIMES[job.language].compile) {
    if (!sandbox.compile) {
      // Not a fault another attempt could mend: this machine's sandbox has no compile stage.
      return {
        ...internalErrorResult(job.id, `${LANGUAGES[job.language].name} is compiled, and only the Docker sandbox has a compile stage: start Docker to judge it here`),
        ...(sandbox.kind ? { sandbox: sandbox.kind } : {}),
      };
    }
    let built: Awaited<ReturnType<typeof compileStage>>;
    try {
      built = await compileStage(
        job,
        sandbox,
        options.compileLimits ?? DEFAULT_COMPILE_LIMITS,
        options.compileCache ?? sharedCompileCache,
        isProgramJob(job) ? programBuild(job) : undefined,
      );
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as Error).name === 'SandboxUnavailableError') FROM_SANDBOX.add(error);
      throw error;
    }
    if (!built.ok) return compileErrorResult(job, sandbox, built.error, built.durationMs);
    artefact = built.artefact;
  }
  const visible = job.cases.filter((testCase) => !testCase.hidden);
  const hidden = job.cases.filter((testCase) => testCase.hidden);
  const replay = job.script !== undefined && REPLAYED_SCRIPT_LANGUAGES.has(job.language);
  const outcomes: SandboxOutcome[] = [];

  let shown: RunPart | undefined;
  let diagnostics: Diagnostic[] = [];
  if (visible.length > 0 || job.script !== undefined) {
    // Only the shown run type-checks: the hidden run's output is never shown, and its check would
    // be the same one again.
    const typeCheck = LANGUAGE_RUNTIMES[job.language].typeChecks === true;
    const recorded = await runPart(job, sandbox, limits, visible, { script: job.script, scriptMode: replay ? 'record' : undefined, artefact, typeCheck });
    outcomes.push(recorded.outcome);
    if (typeCheck) diagnostics = recorded.report?.diagnostics ?? [];
    shown = replay ? await replayScript(job, sandbox, limits, recorded, outcomes) : recorded;
  }

  let secret: RunPart | undefined;
  // A visible run that failed as a whole (compile error, deadline, output, crash) or ran out of
  // time or memory in a test settles the verdict: the hidden run would only burn another
  // deadline. (As within one run, where the harness stops at the first test out of time.)
  const settled =
    shown !== undefined &&
    (shown.decision.runLevel || shown.decision.testVerdicts.some((v) => v === 'time_limit_exceeded' || v === 'memory_limit_exceeded'));
  if (hidden.length > 0 && !settled) {
    secret = await runPart(job, sandbox, limits, hidden, { artefact });
    outcomes.push(secret.outcome);
    secret = { ...secret, decision: withheld(secret.decision, limits) };
  }

  const merged = mergeTests(job, visible.length, shown?.decision, secret?.decision);
  let verdict: Verdict = 'accepted';
  let error: SubmissionResult['error'];
  if (shown?.decision.runLevel) {
    verdict = shown.decision.verdict;
    error = shown.decision.error;
  } else {
    const first = merged.verdicts.findIndex((v) => v !== 'accepted');
    if (first !== -1) {
      verdict = merged.verdicts[first]!;
      const from = merged.sources[first];
      // A wrong answer speaks through its test's expected and actual values (none when hidden).
      if (verdict !== 'wrong_answer') error = from?.runLevel ? from.error : testError(merged.tests[first]!);
    }
  }
  const stdout = (shown?.decision.stdout ?? '') + (secret ? HIDDEN_OUTPUT_NOTE : '');
  return {
    id: job.id,
    status: 'done',
    verdict,
    tests: merged.tests,
    stdout,
    durationMs: outcomes.reduce((sum, outcome) => sum + shownDuration(outcome, secret?.outcome), 0),
    ...(error ? { error } : {}),
    ...(sandbox.kind ? { sandbox: sandbox.kind } : {}),
    ...(diagnostics.length > 0 ? { diagnostics } : {}),
  };
}

/** One sandbox run of a subset of the job's cases, decided on its own. */
async function runPart(
  job: JudgeJob,
  sandbox: Sandbox,
  limits: RunLimits,
  cases: JobCase[],
  extra: {
    script?: string | undefined;
    scriptMode?: HarnessInput['scriptMode'];
    replay?: HarnessInput['replay'];
    code?: string;
    artefact?: Buffer | undefined;
    typeCheck?: boolean;
  },
): Promise<RunPart & { report: HarnessReport | undefined }> {
  const nonce = randomBytes(18).toString('base64url');
  const input: HarnessInput = {
    nonce,
    code: extra.code ?? job.code,
    ...(job.entry && cases.length > 0 ? { entry: job.entry } : {}),
    // Only names and arguments go in: the answers stay out here, where the verdict is decided.
    cases: cases.map((testCase) => (isIoTest(testCase) ? { name: testCase.name, input: testCase.input } : { name: testCase.name, args: testCase.args })),
    ...(extra.script !== undefined ? { script: extra.script } : {}),
    ...(extra.scriptMode ? { scriptMode: extra.scriptMode } : {}),
    ...(extra.replay ? { replay: extra.replay } : {}),
    // What is left of the wall deadline once the process has started and before the report is
    // read back: the check never pushes a run past its deadline.
    ...(extra.typeCheck ? { typeCheck: { withinMs: Math.max(0, limits.wallTimeMs - TYPE_CHECK_MARGIN_MS) } } : {}),
    limits: {
      testTimeoutMs: Math.min(job.testTimeoutMs ?? limits.testTimeoutMs, limits.testTimeoutMs),
      outputBytes: limits.outputBytes,
      valueBytes: limits.valueBytes,
    },
  };
  if (extra.artefact) {
    // The run stage has the build; the source stays out of it.
    input.code = '';
  }
  let outcome: SandboxOutcome;
  let programReport: HarnessReport | undefined;
  try {
    if (extra.artefact && isProgramJob(job)) {
      // A whole program: the judge reads how it ended from outside (judge-core/program-run.ts).
      ({ report: programReport, outcome } = await runProgram(job, sandbox, { ...limits, testTimeoutMs: input.limits.testTimeoutMs }, cases, extra.artefact, extra.script !== undefined, nonce));
    } else outcome = await sandbox.run({
      jobId: job.id,
      language: job.language,
      input,
      limits,
      ...(extra.artefact && job.signature ? { artefact: extra.artefact, stdin: encodeDriverInput(input, job.signature) } : {}),
    });
  } catch (error) {
    if (typeof error === 'object' && error !== null) FROM_SANDBOX.add(error);
    throw error;
  }
  const report = programReport ?? parseReportFrame(outcome.stdout, nonce);
  const subJob: JudgeJob = { ...job, cases };
  if (extra.script === undefined) delete subJob.script;
  else subJob.script = extra.script;
  const decision = decideVerdict({
    job: subJob,
    outcome,
    report,
    strayOutput: userOutputOutsideFrame(outcome.stdout, nonce),
    outOfMemoryPatterns: LANGUAGE_RUNTIMES[job.language].outOfMemoryPatterns,
    wallTimeMs: limits.wallTimeMs,
    outputBytes: limits.outputBytes,
  });
  return { decision, outcome, report };
}

/**
 * Decides the script tests of a record run again in a fresh sandbox holding no user code (see
 * REPLAYED_SCRIPT_LANGUAGES). The record run's own script outcomes are never believed.
 */
async function replayScript(
  job: JudgeJob,
  sandbox: Sandbox,
  limits: RunLimits,
  recorded: RunPart & { report: HarnessReport | undefined },
  outcomes: SandboxOutcome[],
): Promise<RunPart> {
  const caseCount = job.cases.filter((testCase) => !testCase.hidden).length;
  const caseTests = recorded.decision.tests.slice(0, caseCount);
  const caseVerdicts = recorded.decision.testVerdicts.slice(0, caseCount);
  const fail = (message: string, verdict: Verdict): RunPart => ({
    outcome: recorded.outcome,
    decision: {
      ...recorded.decision,
      tests: [...caseTests, { name: 'tests', hidden: false, passed: false, error: message }],
      testVerdicts: [...caseVerdicts, verdict],
    },
  });
  if (recorded.decision.runLevel) {
    // The verdict is settled by how the run ended; its script outcomes stay unbelieved.
    return recorded.decision.verdict === 'compile_error'
      ? recorded
      : fail('The tests could not be checked: the run ended early', recorded.decision.verdict);
  }
  const calls = recorded.report?.scriptCalls;
  if (!recorded.report || !calls) return fail("The submission's calls were not recorded", 'runtime_error');
  // Nothing to replay and the tests already failed (the code did not load, the test code does not
  // compile): that failure is the answer. A failure can be believed from any run, since forging
  // one only hurts the submitter; a pass is believed only from the replay.
  const recordedScript = recorded.decision.testVerdicts.slice(caseCount);
  if (calls.length === 0 && recordedScript.some((verdict) => verdict !== 'accepted')) return recorded;
  const names = (recorded.report.scriptNames ?? []).filter((name) => REPLAY_NAME.test(name)).slice(0, MAX_REPLAY_NAMES);
  // A script that did not compile fails the same way in the replay; one that stopped while the
  // submission loaded has nothing to replay.
  const replayed = await runPart(job, sandbox, limits, [], {
    code: '',
    script: job.script,
    scriptMode: 'replay',
    replay: { names, calls },
  });
  outcomes.push(replayed.outcome);
  const scriptTests = replayed.decision.runLevel
    ? [{ name: 'tests', hidden: false, passed: false, error: replayed.decision.error?.message ?? 'The tests did not finish' }]
    : replayed.decision.tests;
  const scriptVerdicts = replayed.decision.runLevel ? [replayed.decision.verdict] : replayed.decision.testVerdicts;
  return {
    outcome: recorded.outcome,
    decision: {
      ...recorded.decision,
      tests: [...caseTests, ...scriptTests],
      testVerdicts: [...caseVerdicts, ...scriptVerdicts],
      runLevel: false,
    },
  };
}

/**
 * How long a run took, as shown. The hidden run's own time is rounded up to whole seconds: the
 * submission decides how long it runs, and a precise total would leak bits of the hidden inputs.
 */
function shownDuration(outcome: SandboxOutcome, hiddenRun: SandboxOutcome | undefined): number {
  const ms = finiteMs(outcome.durationMs);
  return outcome === hiddenRun ? Math.ceil(ms / 1000) * 1000 : ms;
}

/**
 * The hidden run's decision with every detail the submission produced taken out: its tests keep
 * only passed, time and their generic error; its run-level errors say only what kind of failure.
 */
function withheld(decision: Decision, limits: RunLimits): Decision {
  const tests = decision.tests.map((test, index): TestResult => {
    // No time either: the submission controls how long each hidden test takes, so a per-test time
    // would carry a hidden input's bits out as easily as a return value.
    const kept: TestResult = { name: test.name, hidden: true, passed: test.passed };
    if (!test.passed && decision.testVerdicts[index] !== 'wrong_answer') {
      // Only the kind of failure, in words of ours: never a message the submission wrote.
      kept.error = test.error === 'Time limit exceeded' || test.error === 'Did not run' ? test.error : 'Runtime error';
    }
    return kept;
  });
  const messages: Partial<Record<Verdict, string>> = {
    time_limit_exceeded: `The hidden tests did not finish within ${limits.wallTimeMs / 1000} s`,
    memory_limit_exceeded: 'The hidden tests went past the memory limit',
    output_limit_exceeded: 'The program printed too much during the hidden tests',
  };
  const error = decision.error
    ? { message: messages[decision.verdict] ?? 'A hidden test failed; its details are not shown' }
    : undefined;
  return { ...decision, tests, stdout: '', ...(error ? { error } : {}) };
}

interface Merged {
  tests: TestResult[];
  verdicts: Verdict[];
  /** The decision each test came from (for a run-level error message). */
  sources: (Decision | undefined)[];
}

function firstFailure(decision: Decision): Verdict | undefined {
  return decision.testVerdicts.find((v) => v !== 'accepted');
}

/** The tests of both runs in job order (cases first, then the script's tests). */
function mergeTests(job: JudgeJob, visibleCount: number, shown: Decision | undefined, secret: Decision | undefined): Merged {
  const merged: Merged = { tests: [], verdicts: [], sources: [] };
  let v = 0;
  let h = 0;
  for (const testCase of job.cases) {
    const from = testCase.hidden ? secret : shown;
    const index = testCase.hidden ? h++ : v++;
    const test = from?.tests[index];
    if (test) {
      merged.tests.push(test);
      merged.verdicts.push(from.testVerdicts[index] ?? (test.passed ? 'accepted' : 'runtime_error'));
      merged.sources.push(from.runLevel ? from : undefined);
    } else {
      merged.tests.push({ name: testCase.name, hidden: testCase.hidden, passed: false, error: 'Did not run' });
      // Only a hidden test can lack a result (its run was skipped because the visible run settled
      // the verdict, or the harness reported too few): it never decides before that verdict.
      merged.verdicts.push(shown?.runLevel ? shown.verdict : (shown && firstFailure(shown)) ?? 'runtime_error');
      merged.sources.push(shown?.runLevel ? shown : undefined);
    }
  }
  if (shown) {
    for (let i = visibleCount; i < shown.tests.length; i++) {
      merged.tests.push(shown.tests[i]!);
      merged.verdicts.push(shown.testVerdicts[i] ?? (shown.tests[i]!.passed ? 'accepted' : 'runtime_error'));
      merged.sources.push(shown.runLevel ? shown : undefined);
    }
  }
  return merged;
}

function safelyChecked(result: SubmissionResult): SubmissionResult {
  try {
    return checkedResult(result);
  } catch (error) {
    return internalErrorResult(result.id, `The judge could not check its result: ${(error as Error).message}`);
  }
}

/**
 * The result as the contract defines it, or an internal_error saying it was not. The normal path
 * never produces an invalid result (times are clamped where they are read and shown); this is
 * the last wall, so that a result the gateway would refuse is never published.
 */
export function checkedResult(result: SubmissionResult): SubmissionResult {
  if (Value.Check(SubmissionResultSchema, result) && allFinite(result)) return result;
  const problem = [...Value.Errors(SubmissionResultSchema, result)][0];
  return internalErrorResult(
    typeof result.id === 'string' ? result.id : 'unknown',
    `The judge produced a malformed result${problem ? ` (${problem.path}: ${problem.message})` : ' (a number that is not finite)'}`,
  );
}

/**
 * Every number anywhere in the value is finite (JSON would turn the others into null). Iterative
 * and without spreading, so a wide or deep value (its size is bounded by the sandbox's output
 * cap) cannot overflow the stack.
 */
function allFinite(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'number' && !Number.isFinite(current)) return false;
    if (current !== null && typeof current === 'object') {
      for (const item of Object.values(current)) stack.push(item);
    }
  }
  return true;
}

function finiteMs(ms: number): number {
  return Number.isFinite(ms) && ms >= 0 ? ms : 0;
}


/** A build that failed: no test ran; the compiler's messages (and the first error's line) say why. */
function compileErrorResult(job: JudgeJob, sandbox: Sandbox, error: NonNullable<SubmissionResult['error']>, durationMs: number): SubmissionResult {
  return {
    id: job.id,
    status: 'done',
    verdict: 'compile_error',
    tests: job.cases.map((testCase) => ({ name: testCase.name, hidden: testCase.hidden, passed: false, error: 'Did not run' })),
    stdout: '',
    durationMs: finiteMs(durationMs),
    error,
    ...(sandbox.kind ? { sandbox: sandbox.kind } : {}),
  };
}

/** The result of a job that failed too often for reasons outside the submission. */
export function internalErrorResult(id: string, message: string): SubmissionResult {
  return { id, status: 'done', verdict: 'internal_error', tests: [], stdout: '', durationMs: 0, error: { message } };
}
