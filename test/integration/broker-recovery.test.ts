/**
 * The broker drops the gateway's and the worker's connections (as on a broker restart or a
 * network cut): both reconnect by themselves, the gateway answers 503 rather than hanging while it
 * is down, and judging works again afterwards.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

const run = promisify(execFile);
let judge: TestJudge;

beforeAll(async () => {
  judge = await startTestJudge();
});

afterAll(async () => {
  await judge?.stop();
});

/** Closes, on the broker's side, every connection whose connection_name mentions our prefix (close_connection takes the connection's Erlang pid). */
async function dropOurConnections(prefix: string): Promise<number> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties']);
  const names = stdout
    .split('\n')
    .filter((line) => line.includes(`pairjudge gateway ${prefix}`) || line.includes(`pairjudge worker ${prefix}`))
    .map((line) => line.split('\t')[0]!);
  for (const name of names) await run('rabbitmqctl', ['-q', 'close_connection', name, 'test: connection dropped']);
  return names.length;
}

async function readyWithin(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await fetch(`${judge.url}/readyz`)).status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('broker connection loss', () => {
  it('reconnects the gateway and the worker and judges again', async () => {
    const code = 'def two_sum(nums, target):\n    return next([i, j] for j in range(len(nums)) for i in range(j) if nums[i] + nums[j] == target)\n';
    expect(((await judge.submit({ language: 'python', code, challengeId: 'two-sum' })).body as SubmissionResult).verdict).toBe('accepted');

    expect(await dropOurConnections(judge.prefix)).toBe(2);
    expect(await readyWithin(20_000)).toBe(true);

    const again = await judge.submit({ language: 'python', code, challengeId: 'two-sum' });
    expect(again.status).toBe(200);
    expect((again.body as SubmissionResult).verdict).toBe('accepted');
  });
});
