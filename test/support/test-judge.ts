/**
 * Starts a real judge (gateway + worker on the real broker and Docker) for a test, on a random
 * port, a fresh queue prefix and a fresh data folder (its own SQLite store), and removes its
 * queues and folder afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'amqplib';
import type { SubmissionRequest, SubmissionState } from '../../protocol/index.js';
import { startJudge, type RunningJudge } from '../../judge-server/judge.js';
import { topologyNames } from '../../judge-server/queue/topology.js';

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export function freshPrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

export interface TestJudge extends RunningJudge {
  prefix: string;
  submit(body: SubmissionRequest | Record<string, unknown>, wait?: number): Promise<{ status: number; body: SubmissionState & Record<string, unknown>; headers: Headers }>;
  stop(): Promise<void>;
}

export async function startTestJudge(env: Record<string, string> = {}, options: { worker?: boolean } = {}): Promise<TestJudge> {
  const prefix = env.QUEUE_PREFIX ?? freshPrefix();
  const ownDataDir = env.DATA_DIR ? undefined : freshDataDir();
  const judge = await startJudge({
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '2',
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...env,
    },
    ...(options.worker === false ? { worker: false } : {}),
  });
  return {
    ...judge,
    prefix,
    async submit(body, wait = 30) {
      const response = await fetch(`${judge.url}/v1/submissions?wait=${wait}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as never, headers: response.headers };
    },
    async stop() {
      await judge.close();
      await deleteTopology(prefix);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** A throw-away DATA_DIR (its own SQLite store). */
export function freshDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pairjudge-data-'));
}

export async function deleteTopology(prefix: string): Promise<void> {
  const connection = await connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const names = topologyNames(prefix);
    await channel.deleteQueue(names.jobs).catch(() => undefined);
    await channel.deleteQueue(names.deadJobs).catch(() => undefined);
    await channel.deleteQueue(names.results).catch(() => undefined);
    await channel.deleteQueue(names.workers).catch(() => undefined);
    await channel.deleteExchange(names.deadExchange).catch(() => undefined);
  } finally {
    await connection.close().catch(() => undefined);
  }
}
