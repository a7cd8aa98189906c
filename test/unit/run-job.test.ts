/**
 * runJob with a scripted fake sandbox (no harness, no Docker): how a job is split into runs, what
 * each run is given, what of the hidden run is withheld, and that every result is contract-valid.
 */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { REPORT_MARKER, SubmissionResultSchema, type HarnessInput, type HarnessReport, type SubmissionResult } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { checkedResult, runJob } from '../../judge-core/run-job.js';
import type { Sandbox, SandboxOutcome } from '../../judge-core/sandbox.js';
import { LIMITS } from '../support/two-sum-job.js';

const job: JudgeJob = {
  id: 'j1',
  language: 'javascript',
  code: 'code',
  entry: 'f',
  cases: [
    { name: 'shown', args: [1], expected: 2, hidden: false },
    { name: 'secret', args: ['SECRET-INPUT'], expected: 3, hidden: true },
  ],
  submittedAt: Date.now(),
};

/** A sandbox that answers each run with the report `respond` builds from its input. */
function fakeSandbox(respond: (input: HarnessInput) => { report?: unknown; raw?: string; outcome?: Partial<SandboxOutcome> }) {
  const inputs: HarnessInput[] = [];
  const sandbox: Sandbox = {
    async run({ input }) {
      inputs.push(input);
      const { report, raw, outcome } = respond(input);
      const frame = raw ?? (report ? `\n${REPORT_MARKER}${input.nonce} ${Buffer.from(JSON.stringify(report)).toString('base64')}\n` : '');
      return { stdout: frame, stderr: '', exitCode: 0, timedOut: false, oomKilled: false, outputOverflow: false, durationMs: 5, ...outcome };
    },
    async ready() {},
    async close() {},
  };
  return { sandbox, inputs };
}

const caseReport = (name: string, rest: Record<string, unknown>) => ({ name, kind: 'case', timeMs: 1, ...rest });
const report = (tests: unknown[], extra: Partial<HarnessReport> = {}) => ({ tests, stdout: '', outputLimitExceeded: false, ...extra });

function valid(result: SubmissionResult) {
  expect(Value.Check(SubmissionResultSchema, result)).toBe(true);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe('runJob', () => {
  it('runs visible and hidden cases in separate sandboxes; the visible run never holds a hidden input', async () => {
    const { sandbox, inputs } = fakeSandbox((input) => ({
      report: report(input.cases.map((c) => caseReport(c.name, { status: 'ok', value: c.name === 'shown' ? 2 : 3 }))),
    }));
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('accepted');
    expect(inputs.map((input) => input.cases.map((c) => c.name))).toEqual([['shown'], ['secret']]);
    expect(JSON.stringify(inputs[0])).not.toContain('SECRET-INPUT');
    expect(inputs[1]!.nonce).not.toBe(inputs[0]!.nonce);
    valid(result);
  });

  it('shows no per-test time for hidden tests and only whole seconds of the hidden run, so time cannot carry hidden inputs out', async () => {
    const { sandbox } = fakeSandbox((input) =>
      input.cases[0]!.name === 'shown'
        ? { report: report([caseReport('shown', { status: 'ok', value: 2 })]), outcome: { durationMs: 120 } }
        : { report: report([caseReport('secret', { status: 'ok', value: 1, timeMs: 6003 })]), outcome: { durationMs: 6003 } },
    );
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.tests[1]!.hidden).toBe(true);
    expect(result.tests[1]!.timeMs).toBeUndefined();
    expect(result.durationMs).toBe(120 + 7000);
    valid(result);
  });

  it('shows the visible run in full and withholds everything the hidden run produced', async () => {
    const { sandbox } = fakeSandbox((input) =>
      input.cases[0]!.name === 'shown'
        ? { report: report([caseReport('shown', { status: 'ok', value: 2, stdout: 'visible log\n' })], { stdout: 'visible log\n' }) }
        : {
            report: report([caseReport('secret', { status: 'error', error: { message: 'Error: SECRET-INPUT', line: 3 }, stdout: 'SECRET-INPUT\n' })], {
              stdout: 'SECRET-INPUT\n',
            }),
          },
    );
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('runtime_error');
    expect(result.tests[0]).toMatchObject({ name: 'shown', passed: true, actual: 2, stdout: 'visible log\n' });
    expect(result.tests[1]).toEqual({ name: 'secret', hidden: true, passed: false, error: 'Runtime error' });
    expect(result.stdout).toContain('visible log');
    expect(JSON.stringify(result)).not.toContain('SECRET-INPUT');
    valid(result);
  });

  it("withholds a hidden run's crash details", async () => {
    const { sandbox } = fakeSandbox((input) =>
      input.cases[0]!.name === 'shown'
        ? { report: report([caseReport('shown', { status: 'ok', value: 2 })]) }
        : { raw: 'SECRET-INPUT', outcome: { exitCode: 1, stderr: 'Traceback: SECRET-INPUT' } },
    );
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('runtime_error');
    expect(JSON.stringify(result)).not.toContain('SECRET-INPUT');
    valid(result);
  });

  it('skips the hidden run once the visible run ran out of time', async () => {
    const { sandbox, inputs } = fakeSandbox(() => ({ report: report([caseReport('shown', { status: 'timeout' })]) }));
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('time_limit_exceeded');
    expect(inputs).toHaveLength(1);
    expect(result.tests[1]).toMatchObject({ name: 'secret', passed: false, error: 'Did not run' });
    valid(result);
  });

  it('keeps every number finite whatever the report claims, and a forged Infinity never passes', async () => {
    const infinite = (name: string) => `{"name":"${name}","kind":"case","status":"ok","value":1e400,"timeMs":1e308}`;
    const { sandbox } = fakeSandbox((input) => {
      const text = `{"tests":[${input.cases.map((c) => infinite(c.name)).join(',')}],"stdout":"","outputLimitExceeded":false}`;
      return { raw: `\n${REPORT_MARKER}${input.nonce} ${Buffer.from(text).toString('base64')}\n`, outcome: { durationMs: Number.POSITIVE_INFINITY } };
    });
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests[0]).toMatchObject({ actual: { $pj: 'infinity', sign: 1 }, timeMs: 600_000 });
    valid(result);
  });

  it('answers runtime_error, not internal_error, for a report claiming a harness failure', async () => {
    const { sandbox } = fakeSandbox(() => ({ report: report([], { fatal: { message: 'forged' } }) }));
    const { result } = await runJob(job, sandbox, LIMITS);
    expect(result.verdict).toBe('runtime_error');
    valid(result);
  });

  it('passes sandbox failures on to the worker (which retries them)', async () => {
    const sandbox: Sandbox = { run: () => Promise.reject(new Error('engine down')), ready: async () => {}, close: async () => {} };
    await expect(runJob(job, sandbox, LIMITS)).rejects.toThrow('engine down');
  });

  it('turns a result that breaks the contract into a valid internal_error naming the problem', () => {
    const bad = { id: 'x', status: 'done', verdict: 'accepted', tests: [{ name: 't', passed: true, hidden: false, timeMs: Infinity }], stdout: '', durationMs: 1 } as SubmissionResult;
    const checked = checkedResult(bad);
    expect(checked.verdict).toBe('internal_error');
    expect(checked.error?.message).toMatch(/malformed/);
    valid(checked);
    const good = { ...bad, tests: [{ name: 't', passed: true, hidden: false, timeMs: 1 }] };
    expect(checkedResult(good)).toBe(good);
  });
});

describe('runJob with very large reported values', () => {
  it('answers a valid result for a forged value of 300 000 numbers', async () => {
    const { sandbox } = fakeSandbox((input) => ({
      report: report(input.cases.map((c) => caseReport(c.name, { status: 'ok', value: Array.from({ length: 300_000 }, (_, i) => i) }))),
    }));
    const { result } = await runJob({ ...job, cases: [job.cases[0]!] }, sandbox, LIMITS);
    expect(result.verdict).toBe('wrong_answer');
    expect(Value.Check(SubmissionResultSchema, result)).toBe(true);
  });
});
