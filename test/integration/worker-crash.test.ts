/**
 * Losing nothing on the way: a worker killed in the middle of a job leaves it to be redelivered
 * to another worker, the waiting client still gets its verdict, and the dead worker's container
 * is swept away. A job that keeps failing is dead-lettered and ends as internal_error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import pino from 'pino';
import type { SubmissionResult } from '../../protocol/index.js';
import { JOB_LABEL, SANDBOX_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { SandboxUnavailableError, type Sandbox } from '../../judge-core/sandbox.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { startWorker } from '../../judge-server/worker/worker.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

const root = path.resolve(import.meta.dirname, '../..');
const docker = new Docker();
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function spawnWorker(prefix: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'judge-server/worker/main.ts'], {
    cwd: root,
    // Cold containers only: the test finds the job's container by its job label, which a warm
    // pool container (created before its job existed) does not carry. pool.test.ts covers the pool.
    env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '1', LOG_LEVEL: 'warn', SANDBOX_POOL_JAVASCRIPT: '0', SANDBOX_POOL_PYTHON: '0', SANDBOX_POOL_TYPESCRIPT: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
  return child;
}

async function containersOfJob(id: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${JOB_LABEL}=${id}`] } });
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('worker crash', () => {
  it('redelivers the job of a killed worker, answers the waiting client and leaves no container', async () => {
    const judge: TestJudge = await startTestJudge({}, { worker: false });
    cleanups.push(() => judge.stop());
    const first = spawnWorker(judge.prefix);

    // About 2 s of work, so the kill lands mid-job.
    const code = `function twoSum(nums, target) {
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j];
    }`;
    const pending = judge.submit({ language: 'javascript', code, challengeId: 'two-sum', mode: 'run' }, 60);

    const [container] = await until('a running sandbox of the first worker', 30_000, async () => {
      const all = await docker.listContainers({ filters: { label: [`${SANDBOX_LABEL}=true`] } });
      const owned = all.filter((c) => c.Labels['pairjudge.owner']?.startsWith(`${os.hostname()}:${first.pid}:`));
      return owned.length > 0 ? owned : undefined;
    });
    const jobId = container!.Labels[JOB_LABEL]!;
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    spawnWorker(judge.prefix);
    const { status, body } = await pending;
    expect(status).toBe(200);
    expect((body as SubmissionResult).verdict).toBe('accepted');
    expect((body as SubmissionResult).id).toBe(jobId);

    // The second worker swept the orphan at start-up and removed its own container after use.
    await until('no container left for the job', 10_000, async () => ((await containersOfJob(jobId)).length === 0 ? true : undefined));
  });

  it('dead-letters a job that keeps failing and answers internal_error', async () => {
    const judge: TestJudge = await startTestJudge({}, { worker: false });
    cleanups.push(() => judge.stop());
    let attempts = 0;
    const broken: Sandbox = {
      async ready() {},
      async close() {},
      async run() {
        attempts++;
        throw new SandboxUnavailableError('engine restarting', true);
      },
    };
    const worker = await startWorker(
      readWorkerConfig({ ...process.env, QUEUE_PREFIX: judge.prefix, WORKER_CONCURRENCY: '1' }),
      pino({ level: 'silent' }),
      broken,
    );
    cleanups.push(() => worker.close(0));
    const { status, body } = await judge.submit({ language: 'python', code: 'def two_sum(n, t):\n    return [0, 1]\n', challengeId: 'two-sum' }, 60);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'done', verdict: 'internal_error' });
    expect((body as SubmissionResult).error?.message).toMatch(/after several attempts/);
    expect(attempts).toBeGreaterThanOrEqual(3);
  });
});
