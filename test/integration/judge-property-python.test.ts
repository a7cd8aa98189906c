/**
 * The property of test/unit/judge-property-python.test.ts, a handful of times through real Docker
 * sandboxes (the worker's own limits): random hostile Python submissions always get a
 * contract-valid result within the wall time of their runs plus a margin, never internal_error,
 * never accepted, never showing a hidden input; and no container is left behind.
 */
import fc from 'fast-check';
import Docker from 'dockerode';
import { Value } from '@sinclair/typebox/value';
import { afterAll, describe, expect, it } from 'vitest';
import { SubmissionResultSchema } from '../../protocol/index.js';
import { runJob } from '../../judge-core/run-job.js';
import { DockerSandbox, JOB_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { runLimits } from '../../judge-server/worker/worker.js';
import { hostilePythonSubmission } from '../support/hostile-python-arbitrary.js';
import { expectNoHiddenInput, twoSumJob } from '../support/two-sum-job.js';

const config = readWorkerConfig({ ...process.env });
const sandbox = new DockerSandbox({ image: config.sandboxImage, tmpfsBytes: config.tmpfsMb * 1024 * 1024 });
const limits = runLimits(config);

afterAll(async () => {
  await sandbox.close();
});

describe('judging random hostile Python submissions in Docker', () => {
  it('always answers a contract-valid result in time, never internal_error, never accepted, never showing a hidden input', async () => {
    await sandbox.ready();
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostilePythonSubmission, async (code) => {
        const job = twoSumJob(code);
        ids.push(job.id);
        const started = Date.now();
        const { result } = await runJob(job, sandbox, limits);
        const elapsed = Date.now() - started;
        expect(Value.Check(SubmissionResultSchema, result), JSON.stringify([...Value.Errors(SubmissionResultSchema, result)][0])).toBe(true);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
        expect(result.verdict).not.toBe('internal_error');
        expect(result.verdict).not.toBe('accepted');
        expectNoHiddenInput(result);
        expect(elapsed).toBeLessThan(2 * limits.wallTimeMs + 10_000);
      }),
      { numRuns: 5 },
    );
    // Containers are removed off the request's path: give the removals a moment.
    const ours = async () =>
      (await new Docker().listContainers({ all: true, filters: { label: [JOB_LABEL] } })).filter((c) => ids.includes(c.Labels[JOB_LABEL] ?? ''));
    for (let i = 0; i < 40 && (await ours()).length > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await ours()).toEqual([]);
  }, 300_000);
});
