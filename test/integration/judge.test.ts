/**
 * The whole judge path for real: HTTP → gateway → RabbitMQ → worker → Docker sandbox → verdict
 * in the same HTTP request. Needs RabbitMQ and Docker with the sandbox image (`npm run setup`).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import type { SubmissionResult } from '../../protocol/index.js';
import { JOB_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

const reference = (language: 'js' | 'py', name = 'reference') =>
  readFileSync(new URL(`../../challenges/two-sum/solutions/${name}.${language}`, import.meta.url), 'utf8');

let judge: TestJudge;

beforeAll(async () => {
  judge = await startTestJudge();
});

afterAll(async () => {
  await judge?.stop();
});

describe('judging two-sum end to end', () => {
  it('accepts a correct JavaScript solution in the same request', async () => {
    const { status, body } = await judge.submit({ language: 'javascript', code: reference('js'), challengeId: 'two-sum' });
    expect(status).toBe(200);
    const result = body as SubmissionResult;
    expect(result.verdict).toBe('accepted');
    expect(result.tests.length).toBeGreaterThanOrEqual(6);
    expect(result.tests.some((t) => t.hidden)).toBe(true);
    expect(result.tests.every((t) => t.passed)).toBe(true);
  });

  it('accepts a correct Python solution', async () => {
    const { body } = await judge.submit({ language: 'python', code: reference('py'), challengeId: 'two-sum' });
    expect((body as SubmissionResult).verdict).toBe('accepted');
  });

  it('answers wrong_answer with expected and actual for visible tests only', async () => {
    const { body } = await judge.submit({ language: 'javascript', code: 'function twoSum() { return [1, 0]; }', challengeId: 'two-sum' });
    const result = body as SubmissionResult;
    expect(result.verdict).toBe('wrong_answer');
    const visible = result.tests.filter((t) => !t.hidden);
    const hidden = result.tests.filter((t) => t.hidden);
    expect(visible[0]).toMatchObject({ passed: false, expected: [0, 1], actual: [1, 0] });
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of hidden) {
      expect(test).not.toHaveProperty('expected');
      expect(test).not.toHaveProperty('actual');
    }
  });

  it('runs only visible tests plus ad-hoc cases in run mode', async () => {
    const { body } = await judge.submit({
      language: 'python',
      code: reference('py'),
      challengeId: 'two-sum',
      mode: 'run',
      tests: { cases: [{ name: 'mine', args: [[1, 2, 3], 5], expected: [1, 2] }] },
    });
    const result = body as SubmissionResult;
    expect(result.verdict).toBe('accepted');
    expect(result.tests.every((t) => !t.hidden)).toBe(true);
    expect(result.tests.at(-1)).toMatchObject({ name: 'mine', passed: true, actual: [1, 2] });
  });

  it('captures console output and returns it in a run', async () => {
    const code = `${reference('js')}\nconsole.log('hello from the sandbox');`;
    const { body } = await judge.submit({ language: 'javascript', code, challengeId: 'two-sum', mode: 'run' });
    expect((body as SubmissionResult).stdout).toContain('hello from the sandbox');
  });

  it('reveals nothing of hidden inputs in a submit, through output or errors', async () => {
    const code = `function twoSum(nums, target) {
      console.log('ARGS', JSON.stringify([nums.slice(0, 3), target]));
      if (nums.length > 6) throw new Error('ARGS ' + JSON.stringify(nums.slice(0, 3)));
      return [0, 1];
    }`;
    const { body } = await judge.submit({ language: 'javascript', code, challengeId: 'two-sum' });
    const result = body as SubmissionResult;
    expect(result.verdict).toBe('wrong_answer');
    // Visible tests show what they printed; hidden tests run in a sandbox of their own whose
    // output, errors and values are all withheld.
    expect(result.tests.find((t) => !t.hidden && t.stdout?.includes('ARGS [[2,7,11],9]')), JSON.stringify(result.tests)).toBeDefined();
    const challenge = JSON.parse(readFileSync(new URL('../../challenges/two-sum/challenge.json', import.meta.url), 'utf8')) as {
      tests: { args: [number[], number]; hidden: boolean }[];
    };
    for (const hidden of challenge.tests.filter((t) => t.hidden)) {
      const printed = `ARGS ${JSON.stringify([hidden.args[0].slice(0, 3), hidden.args[1]])}`;
      expect(JSON.stringify(result)).not.toContain(printed);
    }
    for (const test of result.tests.filter((t) => t.hidden)) expect(JSON.stringify(test)).not.toContain('ARGS');
    expect(JSON.stringify(result.error ?? {})).not.toContain('ARGS');
  });

  it('runs a test script where a falsy console.assert fails the test', async () => {
    const code = 'const add = (a, b) => a + b;';
    const passing = await judge.submit({ language: 'javascript', code, tests: { script: 'console.assert(add(1, 2) === 3)' } });
    expect((passing.body as SubmissionResult).verdict).toBe('accepted');
    const failing = await judge.submit({
      language: 'javascript',
      code,
      tests: { script: "test('adds', () => { console.assert(add(1, 2) === 4, 'sum') });" },
    });
    expect((failing.body as SubmissionResult).verdict).toBe('wrong_answer');
    expect((failing.body as SubmissionResult).tests[0]).toMatchObject({ name: 'adds', passed: false });
  });

  it('answers 202 with a Location at wait=0, and the result is there later', async () => {
    const { status, body, headers } = await judge.submit({ language: 'javascript', code: reference('js'), challengeId: 'two-sum' }, 0);
    expect(status).toBe(202);
    expect(body.status).toMatch(/queued|running/);
    const location = headers.get('location');
    expect(location).toBe(`/v1/submissions/${body.id}`);
    let state: Record<string, unknown> = {};
    for (let i = 0; i < 100 && state.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await (await fetch(`${judge.url}${location}`)).json()) as Record<string, unknown>;
    }
    expect(state).toMatchObject({ id: body.id, status: 'done', verdict: 'accepted' });
  });

  it('is ready, and counts verdicts in its metrics', async () => {
    const ready = await fetch(`${judge.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', workers: 1 });
    const metrics = await (await fetch(`${judge.url}/metrics`)).text();
    expect(metrics).toMatch(/pairjudge_submissions_total\{language="javascript",verdict="accepted"\} [1-9]/);
    expect(metrics).toMatch(/pairjudge_queue_wait_seconds_count [1-9]/);
    expect(metrics).toMatch(/pairjudge_submissions_queued 0/);
  });
});

// The hostile corpus (test/fixtures/hostile) runs in hostile-corpus.test.ts, through the judge and
// in escape-simulation mode.
describe('clean-up', () => {
  it('leaves no sandbox container behind', async () => {
    const docker = new Docker();
    const ours = async () => {
      const containers = await docker.listContainers({ all: true, filters: { label: [JOB_LABEL] } });
      return containers.filter((c) => c.Labels['pairjudge.owner']?.includes(`:${process.pid}:`));
    };
    // Used containers are removed off the request's path: give the last removals a moment.
    for (let i = 0; i < 50 && (await ours()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ours()).toEqual([]);
  });
});
