/**
 * Several workers on one broker share the load: each takes at most its prefetch (= concurrency)
 * of jobs at a time, so concurrent submissions spread over the workers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { SubmissionResult } from '../../protocol/index.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import type { Sandbox } from '../../judge-core/sandbox.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { startWorker, type RunningWorker } from '../../judge-server/worker/worker.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A real Docker sandbox that counts the jobs it ran. */
function countingSandbox(): Sandbox & { runs: number } {
  const docker = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: 16 * 1024 * 1024 });
  return {
    runs: 0,
    ready: () => docker.ready(),
    close: () => docker.close(),
    async run(request) {
      this.runs++;
      return docker.run(request);
    },
  };
}

describe('several workers', () => {
  it('spread concurrent submissions over the workers', async () => {
    const judge: TestJudge = await startTestJudge({}, { worker: false });
    cleanups.push(() => judge.stop());
    const sandboxes = [countingSandbox(), countingSandbox()];
    const workers: RunningWorker[] = [];
    for (const sandbox of sandboxes) {
      const config = readWorkerConfig({ ...process.env, QUEUE_PREFIX: judge.prefix, WORKER_CONCURRENCY: '1' });
      const worker = await startWorker(config, pino({ level: 'silent' }), sandbox);
      workers.push(worker);
      cleanups.push(() => worker.close(0));
    }
    await Promise.all(workers.map((worker) => worker.consumer.waitUntilConnected(10_000)));

    const code = `function twoSum(nums, target) {
      const until = Date.now() + 200;
      while (Date.now() < until) {}
      for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j];
    }`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => judge.submit({ language: 'javascript', code, challengeId: 'two-sum', mode: 'run' }, 60)),
    );
    expect(results.map((r) => (r.body as SubmissionResult).verdict)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(sandboxes.map((s) => s.runs).reduce((a, b) => a + b)).toBe(4);
    expect(sandboxes.every((s) => s.runs >= 1)).toBe(true);
  });
});
