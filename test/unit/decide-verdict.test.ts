import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { MAX_RESULT_TESTS, SubmissionResultSchema, type HarnessReport, type HarnessTestReport } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-server/queue/job.js';
import type { SandboxOutcome } from '../../judge-core/sandbox.js';
import { decideVerdict } from '../../judge-core/decide-verdict.js';

const job: JudgeJob = {
  id: 'j',
  language: 'javascript',
  code: '…',
  entry: 'f',
  cases: [
    { name: 'visible', args: [1], expected: [0, 1], hidden: false },
    { name: 'hidden', args: [2], expected: 42, hidden: true },
  ],
  submittedAt: 0,
};

const cleanExit: SandboxOutcome = { stdout: '', stderr: '', exitCode: 0, timedOut: false, oomKilled: false, outputOverflow: false, durationMs: 10 };

const ok = (name: string, value: unknown): HarnessTestReport => ({ name, kind: 'case', status: 'ok', value, timeMs: 1 });
const report = (tests: HarnessTestReport[], extra: Partial<HarnessReport> = {}): HarnessReport => ({
  tests,
  stdout: 'log\n',
  outputLimitExceeded: false,
  ...extra,
});

function decide(r: HarnessReport | undefined, outcome: Partial<SandboxOutcome> = {}, j: JudgeJob = job) {
  return decideVerdict({
    job: j,
    outcome: { ...cleanExit, ...outcome },
    report: r,
    strayOutput: '',
    outOfMemoryPatterns: [/heap out of memory/, /MemoryError/],
    wallTimeMs: 8000,
    outputBytes: 1024,
  });
}

describe('decideVerdict', () => {
  it('accepts when every returned value equals its expected value', () => {
    const decision = decide(report([ok('visible', [0, 1]), ok('hidden', 42)]));
    expect(decision.verdict).toBe('accepted');
    expect(decision.tests.map((t) => t.passed)).toEqual([true, true]);
  });

  it('returns the console output of a run without hidden tests', () => {
    const visibleOnly: JudgeJob = { ...job, cases: [job.cases[0]!] };
    expect(decide(report([ok('visible', [0, 1])]), {}, visibleOnly).stdout).toBe('log\n');
  });

  it('cuts console output at the byte limit without splitting a character, and without Node\'s Buffer', () => {
    const visibleOnly: JudgeJob = { ...job, cases: [job.cases[0]!] };
    const saved = globalThis.Buffer;
    // The browser guest decides local Runs with the same code and has no Buffer.
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    try {
      // 'é' is two bytes in UTF-8: 1023 ASCII bytes leave one byte, too few for it.
      const stdout = decide(report([ok('visible', [0, 1])], { stdout: `${'a'.repeat(1023)}é and more` }), {}, visibleOnly).stdout;
      expect(stdout).toBe('a'.repeat(1023));
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('withholds console output and error details when hidden tests run, since they could reveal the inputs', () => {
    const leaky = report([ok('visible', [0, 1]), { name: 'hidden', kind: 'case', status: 'error', error: { message: 'Error: [[2,7],9]', line: 2 }, timeMs: 1 }], {
      stdout: '[[2,7],9]\n',
    });
    const decision = decide(leaky);
    expect(decision.verdict).toBe('runtime_error');
    expect(decision.stdout).not.toContain('[2,7]');
    expect(decision.stdout).toMatch(/output of hidden tests is not shown/);
    expect(decision.tests[1]).toEqual({ name: 'hidden', passed: false, hidden: true, timeMs: 1, error: 'Runtime error' });
    expect(decision.error?.message).not.toContain('[2,7]');
  });

  it('shows expected and actual for a failed visible test and withholds them for hidden tests', () => {
    const decision = decide(report([ok('visible', [1, 0]), ok('hidden', 41)]));
    expect(decision.verdict).toBe('wrong_answer');
    expect(decision.tests[0]).toMatchObject({ name: 'visible', passed: false, hidden: false, expected: [0, 1], actual: [1, 0] });
    expect(decision.tests[1]).toEqual({ name: 'hidden', passed: false, hidden: true, timeMs: 1 });
  });

  it('reports a runtime error with its message and line', () => {
    const decision = decide(
      report([{ name: 'visible', kind: 'case', status: 'error', error: { message: 'TypeError: boom', line: 3 }, timeMs: 1 }, ok('hidden', 42)]),
    );
    expect(decision.verdict).toBe('runtime_error');
    expect(decision.error).toEqual({ message: 'TypeError: boom', line: 3 });
  });

  it('calls a per-test timeout a time limit exceeded', () => {
    expect(decide(report([{ name: 'visible', kind: 'case', status: 'timeout', timeMs: 2000 }, ok('hidden', 42)])).verdict).toBe('time_limit_exceeded');
  });

  it('calls a killed run a time limit exceeded whatever the report says', () => {
    const decision = decide(report([ok('visible', [0, 1]), ok('hidden', 42)]), { timedOut: true, exitCode: 137 });
    expect(decision.verdict).toBe('time_limit_exceeded');
  });

  it('tells memory from other crashes', () => {
    expect(decide(undefined, { oomKilled: true, exitCode: 137 }).verdict).toBe('memory_limit_exceeded');
    expect(decide(undefined, { exitCode: 134, stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' }).verdict).toBe(
      'memory_limit_exceeded',
    );
    const python = decide(report([{ name: 'visible', kind: 'case', status: 'error', error: { message: 'MemoryError' }, timeMs: 1 }, ok('hidden', 42)]));
    expect(python.verdict).toBe('memory_limit_exceeded');
    const crash = decide(undefined, { exitCode: 1, stderr: 'Segmentation fault' });
    expect(crash.verdict).toBe('runtime_error');
    expect(crash.error?.message).toMatch(/exit code 1.*Segmentation fault/);
    expect(crash.tests.every((t) => !t.passed && t.error === 'Did not run')).toBe(true);
  });

  it('calls too much output an output limit exceeded', () => {
    expect(decide(report([ok('visible', [0, 1]), ok('hidden', 42)], { outputLimitExceeded: true })).verdict).toBe('output_limit_exceeded');
    expect(decide(undefined, { outputOverflow: true }).verdict).toBe('output_limit_exceeded');
  });

  it('reports a compile error with its line', () => {
    const decision = decide(report([], { compileError: { message: 'SyntaxError: Unexpected token', line: 2 } }));
    expect(decision.verdict).toBe('compile_error');
    expect(decision.error).toEqual({ message: 'SyntaxError: Unexpected token', line: 2 });
  });

  it('fails a case the harness never reported', () => {
    const decision = decide(report([ok('visible', [0, 1])]));
    expect(decision.verdict).toBe('wrong_answer');
    expect(decision.tests[1]).toMatchObject({ passed: false, error: 'Did not run' });
  });

  it('judges script tests by their reported status', () => {
    const scripted: JudgeJob = { ...job, entry: undefined, cases: [], script: 'test(...)' };
    const pass = decide(report([{ name: 'adds', kind: 'script', status: 'ok', timeMs: 1 }]), {}, scripted);
    expect(pass.verdict).toBe('accepted');
    const fail = decide(
      report([
        { name: 'adds', kind: 'script', status: 'ok', timeMs: 1 },
        { name: 'subtracts', kind: 'script', status: 'failed', error: { message: 'console.assert failed' }, timeMs: 1 },
      ]),
      {},
      scripted,
    );
    expect(fail.verdict).toBe('wrong_answer');
    expect(fail.tests[1]).toMatchObject({ name: 'subtracts', passed: false, error: 'console.assert failed' });
    expect(decide(report([]), {}, scripted).verdict).toBe('wrong_answer');
  });

  it('calls a report that claims a harness failure the program\'s runtime error, never internal_error', () => {
    const decision = decide(report([], { fatal: { message: 'forged' } }));
    expect(decision.verdict).toBe('runtime_error');
    expect(decision.runLevel).toBe(true);
  });

  it("shows a visible test's own output and never a hidden test's", () => {
    const decision = decide(report([{ ...ok('visible', [0, 1]), stdout: 'mine\n' }, { ...ok('hidden', 42), stdout: 'SECRET\n' }]));
    expect(decision.tests[0]?.stdout).toBe('mine\n');
    expect(decision.tests[1]).not.toHaveProperty('stdout');
  });

  it('keeps shown numbers finite: huge times are clamped, an infinite value becomes its tag', () => {
    const decision = decide(report([{ ...ok('visible', Number.POSITIVE_INFINITY), timeMs: 1e308 }, ok('hidden', 42)]));
    expect(decision.tests[0]).toMatchObject({ passed: false, timeMs: 600_000, actual: { $pj: 'infinity', sign: 1 } });
    expect(decision.verdict).toBe('wrong_answer');
    expect(decision.testVerdicts).toEqual(['wrong_answer', 'accepted']);
  });

  it('caps the returned output', () => {
    const visibleOnly: JudgeJob = { ...job, cases: [job.cases[0]!] };
    const decision = decide(report([ok('visible', [0, 1])], { stdout: 'y'.repeat(5000) }), {}, visibleOnly);
    expect(decision.stdout.length).toBe(1024);
  });

  it('publishes at most 200 script rows, the last standing for the rest and failing as the first of them that did not pass', () => {
    const scripted: JudgeJob = { ...job, entry: undefined, cases: [], script: 'test(...)' };
    const rows: HarnessTestReport[] = Array.from({ length: 1000 }, (_, i) => ({ name: `t${i}`, kind: 'script', status: 'ok', timeMs: 1 }));
    rows[600] = { name: 't600', kind: 'script', status: 'error', error: { message: 'boom' }, timeMs: 1 };
    const decision = decide(report(rows), {}, scripted);
    expect(decision.tests).toHaveLength(200);
    expect(decision.verdict).toBe('runtime_error');
    expect(decision.tests.at(-1)).toMatchObject({ name: '801 more tests', passed: false, error: '1 of them did not pass, the first t600: boom' });
    const allPassed = decide(report(rows.map((test) => ({ ...test, status: 'ok' as const, error: undefined }))), {}, scripted);
    expect(allPassed.verdict).toBe('accepted');
    expect(allPassed.tests.at(-1)).toMatchObject({ name: '801 more tests', passed: true });
    // The contract's bound (checked before a result is published, and on results a pairing peer sends).
    const result = (tests: unknown[]) => ({ id: 'r', status: 'done', verdict: 'accepted', tests, stdout: '', durationMs: 1 });
    expect(Value.Check(SubmissionResultSchema, result(allPassed.tests))).toBe(true);
    const most = Array.from({ length: MAX_RESULT_TESTS + 1 }, (_, i) => ({ name: `t${i}`, hidden: false, passed: true }));
    expect(Value.Check(SubmissionResultSchema, result(most.slice(1)))).toBe(true);
    expect(Value.Check(SubmissionResultSchema, result(most))).toBe(false);
  });

  it('keeps the text of all the rows together to twice the output limit, and each error message to 2000 characters', () => {
    const scripted: JudgeJob = { ...job, entry: undefined, cases: [], script: 'test(...)' };
    const rows: HarnessTestReport[] = Array.from({ length: 100 }, (_, i) => ({ name: `t${i}`, kind: 'script', status: 'failed', error: { message: 'x'.repeat(10_000) }, stdout: 'y'.repeat(1000), timeMs: 1 }));
    const decision = decide(report(rows), {}, scripted);
    const printed = decision.tests.map((test) => test.stdout ?? '').join('');
    expect(printed.length).toBe(2 * 1024);
    expect(decision.tests.every((test) => test.error!.length === 2000)).toBe(true);
  });
});
