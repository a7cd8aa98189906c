/**
 * A property of the whole judging path (runJob) for Python: for random hostile submissions (see
 * test/support/hostile-python-arbitrary.ts) the judge always answers a contract-valid result,
 * within the wall time of its runs plus a margin, never internal_error, never accepted, and never
 * shows a hidden input. The harness runs as a host process here; the integration tier runs a few
 * through Docker (test/integration/judge-property-python.test.ts).
 */
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SubmissionResultSchema } from '../../protocol/index.js';
import { runJob } from '../../judge-core/run-job.js';
import { HostSandbox } from '../support/host-sandbox.js';
import { hostilePythonSubmission } from '../support/hostile-python-arbitrary.js';
import { LIMITS, expectNoHiddenInput, twoSumJob } from '../support/two-sum-job.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

describe('judging random hostile Python submissions', () => {
  it('always answers a contract-valid result in time, never internal_error, never accepted, never showing a hidden input', async () => {
    const limits = { ...LIMITS, wallTimeMs: 6000, testTimeoutMs: 1000 };
    await fc.assert(
      fc.asyncProperty(hostilePythonSubmission, async (code) => {
        const started = Date.now();
        const { result } = await runJob(twoSumJob(code), new HostSandbox(), limits);
        const elapsed = Date.now() - started;
        expect(Value.Check(SubmissionResultSchema, result), JSON.stringify([...Value.Errors(SubmissionResultSchema, result)][0])).toBe(true);
        // What the gateway stores is the JSON text: it must read back the same (no NaN or Infinity).
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
        expect(result.verdict).not.toBe('internal_error');
        expect(result.verdict).not.toBe('accepted');
        expectNoHiddenInput(result);
        // Two runs at most, each with its own deadline, plus start-up.
        expect(elapsed).toBeLessThan(2 * limits.wallTimeMs + 3000);
      }),
      { numRuns: RUNS },
    );
  }, 240_000);
});
