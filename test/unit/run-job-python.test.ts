/**
 * The whole judging path (runJob: input, sandbox runs, frames, verdict) for Python, with the
 * harness run as a host process (test/support/host-sandbox.ts) instead of Docker, so it runs in
 * the unit tier. The same fixtures run through Docker in test/integration/judge.test.ts.
 */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SubmissionResultSchema } from '../../protocol/index.js';
import { runJob } from '../../judge-core/run-job.js';
import { PYTHON_FIXTURES } from '../fixtures/hostile/python.js';
import { readFixture } from '../fixtures/hostile/index.js';
import { HostSandbox } from '../support/host-sandbox.js';
import { LIMITS, expectNoHiddenInput, reference, twoSum, twoSumJob } from '../support/two-sum-job.js';

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
