/**
 * The whole judging path (runJob: input, sandbox runs, frames, verdict) for Python, with the
 * harness run as a host process (test/support/host-sandbox.ts) instead of Docker, so it runs in
 * the unit tier. The same fixtures run through Docker in test/integration/judge.test.ts.
 */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SubmissionResultSchema, type SubmissionResult } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import { PYTHON_FIXTURES } from '../fixtures/hostile/python.js';
import { readFixture } from '../fixtures/hostile/index.js';
import { HostSandbox } from '../support/host-sandbox.js';

interface ChallengeTest {
  name: string;
  args: unknown[];
  expected: unknown;
  hidden: boolean;
}
const twoSum = JSON.parse(readFileSync(new URL('../../challenges/two-sum/challenge.json', import.meta.url), 'utf8')) as { tests: ChallengeTest[] };
const reference = readFileSync(new URL('../../challenges/two-sum/solutions/reference.py', import.meta.url), 'utf8');

export const LIMITS: RunLimits = {
  wallTimeMs: 8000,
  memoryBytes: 256 * 1024 * 1024,
  cpus: 1,
  pids: 64,
  testTimeoutMs: 2000,
  outputBytes: 64 * 1024,
  valueBytes: 64 * 1024,
  rawOutputBytes: 2 * 1024 * 1024,
};

export function twoSumJob(code: string, mode: 'run' | 'submit' = 'submit'): JudgeJob {
  const tests = twoSum.tests.filter((test) => mode === 'submit' || !test.hidden);
  return { id: `job-${Math.random().toString(36).slice(2)}`, language: 'python', code, entry: 'two_sum', cases: tests, submittedAt: Date.now() };
}

/** Strings that would show a hidden input: each hidden case's arguments as JSON, and a few of its distinctive numbers. */
export function hiddenInputMarks(): string[] {
  const marks = twoSum.tests.filter((test) => test.hidden).map((test) => JSON.stringify(test.args));
  return [...marks, '-3, 4, 3, 90', '-3,4,3,90', '[5, 1, 2, 20', '[5,1,2,20', '-1000000001', '7992,7996', '7992, 7996', '[1,1,5,7]', '[1, 1, 5, 7]'];
}

export function expectNoHiddenInput(result: SubmissionResult): void {
  const text = JSON.stringify(result);
  for (const mark of hiddenInputMarks()) expect(text, `shows ${mark}`).not.toContain(mark);
}

// Fixtures that attack the container's walls (network, disclosure, disk) run only through Docker:
// on the host there are no such walls, and trying them would touch the machine's real services.
const DOCKER_ONLY = new Set(['py-net-tcp.py', 'py-net-udp-dns.py', 'py-net-docker-socket.py', 'py-read-secrets.py', 'py-tmpfs-fill.py', 'escape-attempts.py']);

describe('python hostile fixtures through runJob on the host', () => {
  for (const fixture of PYTHON_FIXTURES.filter((f) => !DOCKER_ONLY.has(f.file))) {
    it(`gives ${fixture.file} a contract-valid ${fixture.verdict}, never internal_error, showing no hidden input`, async () => {
      const sandbox = new HostSandbox();
      const started = Date.now();
      const mode = fixture.stdout ? 'run' : 'submit';
      const { result } = await runJob(twoSumJob(readFixture(fixture.file), mode), sandbox, LIMITS);
      expect(Value.Check(SubmissionResultSchema, result), JSON.stringify([...Value.Errors(SubmissionResultSchema, result)][0])).toBe(true);
      expect(result.verdict).not.toBe('internal_error');
      expect(result.verdict).not.toBe('accepted');
      // The host has no container memory limit: an OOM-killed run shows differently here.
      if (fixture.file !== 'memory-bomb.py') expect(result.verdict, JSON.stringify(result).slice(0, 600)).toBe(fixture.verdict);
      expectNoHiddenInput(result);
      // Two runs at most, each with its own deadline.
      expect(Date.now() - started).toBeLessThan(2 * LIMITS.wallTimeMs + 4000);
      if (fixture.stdout) expect(result.stdout).toMatch(fixture.stdout);
      if (fixture.notStdout) expect(result.stdout).not.toMatch(fixture.notStdout);
    }, 30_000);
  }

  it('accepts the reference solution right after, in two runs, the hidden one holding every hidden input', async () => {
    const sandbox = new HostSandbox();
    const { result } = await runJob(twoSumJob(reference), sandbox, LIMITS);
    expect(result.verdict).toBe('accepted');
    expect(sandbox.inputs).toHaveLength(2);
    const [visibleRun, hiddenRun] = sandbox.inputs;
    expect(visibleRun!.cases.map((c) => c.name)).toEqual(twoSum.tests.filter((t) => !t.hidden).map((t) => t.name));
    expect(hiddenRun!.cases.map((c) => c.name)).toEqual(twoSum.tests.filter((t) => t.hidden).map((t) => t.name));
    expect(JSON.stringify(visibleRun)).not.toContain('-1000000001');
  });
});
