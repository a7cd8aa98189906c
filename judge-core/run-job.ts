/**
 * Runs one job: builds the harness input (without expected values), runs it in the sandbox,
 * reads the report frame and decides the verdict. Takes the Sandbox interface, not Docker, so
 * the same path runs against any sandbox.
 */
import { randomBytes } from 'node:crypto';
import type { HarnessInput, SubmissionResult } from '../protocol/index.js';
import type { HandledJob, JudgeJob } from './job.js';
import { LANGUAGE_RUNTIMES } from './languages.js';
import { parseReportFrame, userOutputOutsideFrame } from './report-frame.js';
import type { Sandbox, SandboxLimits } from './sandbox.js';
import { decideVerdict, type Decision } from './decide-verdict.js';

export interface RunLimits extends SandboxLimits {
  testTimeoutMs: number;
  outputBytes: number;
  valueBytes: number;
}

export async function runJob(job: JudgeJob, sandbox: Sandbox, limits: RunLimits): Promise<HandledJob> {
  const startedAt = Date.now();
  const nonce = randomBytes(18).toString('base64url');
  const input: HarnessInput = {
    nonce,
    code: job.code,
    ...(job.entry ? { entry: job.entry } : {}),
    // Only names and arguments go in: the answers stay out here, where the verdict is decided.
    cases: job.cases.map(({ name, args }) => ({ name, args })),
    ...(job.script ? { script: job.script } : {}),
    limits: {
      testTimeoutMs: Math.min(job.testTimeoutMs ?? limits.testTimeoutMs, limits.testTimeoutMs),
      outputBytes: limits.outputBytes,
      valueBytes: limits.valueBytes,
    },
  };
  const outcome = await sandbox.run({ jobId: job.id, language: job.language, input, limits });
  let decision: Decision;
  try {
    const report = parseReportFrame(outcome.stdout, nonce);
    decision = decideVerdict({
      job,
      outcome,
      report,
      strayOutput: userOutputOutsideFrame(outcome.stdout, nonce),
      outOfMemoryPatterns: LANGUAGE_RUNTIMES[job.language].outOfMemoryPatterns,
      wallTimeMs: limits.wallTimeMs,
      outputBytes: limits.outputBytes,
    });
  } catch (error) {
    // Only a report no honest harness writes gets here (e.g. forged by Python code that found
    // the nonce). Running the job again would give the same answer: finish it now.
    decision = {
      verdict: 'internal_error',
      tests: [],
      stdout: '',
      error: { message: `The sandbox's report could not be read: ${(error as Error).message}` },
    };
  }
  const result: SubmissionResult = {
    id: job.id,
    status: 'done',
    verdict: decision.verdict,
    tests: decision.tests,
    stdout: decision.stdout,
    durationMs: outcome.durationMs,
    ...(decision.error ? { error: decision.error } : {}),
    ...(sandbox.kind ? { sandbox: sandbox.kind } : {}),
  };
  return { result, timing: { queueWaitMs: Math.max(0, startedAt - job.submittedAt), runMs: Date.now() - startedAt } };
}

/** The result of a job that failed too often for reasons outside the submission. */
export function internalErrorResult(id: string, message: string): SubmissionResult {
  return { id, status: 'done', verdict: 'internal_error', tests: [], stdout: '', durationMs: 0, error: { message } };
}
