/**
 * The embedded judge for real: HTTP → gateway → in-process queue → Docker sandbox → verdict, with
 * the broker address pointing at nothing. Needs Docker with the sandbox image (`npm run setup`).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { startEmbeddedJudge, type RunningEmbeddedJudge } from '../../judge-server/embedded-judge.js';
import { freshDataDir } from '../support/test-judge.js';

const solution = (name: string) => readFileSync(new URL(`../../challenges/two-sum/solutions/${name}`, import.meta.url), 'utf8');

let judge: RunningEmbeddedJudge;

async function submit(body: Record<string, unknown>, wait = 30) {
  const response = await fetch(`${judge.url}/v1/submissions?wait=${wait}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as SubmissionResult };
}

beforeAll(async () => {
  judge = await startEmbeddedJudge({
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AMQP_URL: 'amqp://127.0.0.1:1', LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '2', DATA_DIR: freshDataDir() },
  });
});

afterAll(async () => {
  await judge?.close();
});

describe('the embedded judge (no broker)', () => {
  it('is ready with its in-process queue although AMQP_URL points at nothing', async () => {
    const response = await fetch(`${judge.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', queue: 'in-process' });
  });

  it('accepts correct JavaScript and Python in the same request', async () => {
    const [js, py] = await Promise.all([
      submit({ language: 'javascript', code: solution('reference.js'), challengeId: 'two-sum' }),
      submit({ language: 'python', code: solution('reference.py'), challengeId: 'two-sum' }),
    ]);
    expect(js.status).toBe(200);
    expect(js.body.verdict).toBe('accepted');
    expect(py.body.verdict).toBe('accepted');
  });

  it('answers a wrong solution with wrong_answer and a poll with the stored result', async () => {
    const wrong = await submit({ language: 'javascript', code: 'function twoSum() { return [0, 0]; }', challengeId: 'two-sum' });
    expect(wrong.body.verdict).toBe('wrong_answer');
    const polled = await fetch(`${judge.url}/v1/submissions/${wrong.body.id}`);
    expect(((await polled.json()) as SubmissionResult).verdict).toBe('wrong_answer');
  });
});
