/**
 * The API's answers to bad input, through app.inject. No broker is needed: bad input is refused
 * before anything is stored, and a valid submission with the broker unreachable is accepted (202)
 * and waits in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LANGUAGE_IDS } from '../../protocol/index.js';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { SqliteSubmissionStore } from '../../judge-server/gateway/store/sqlite-submission-store.js';

let app: FastifyInstance;
const store = new SqliteSubmissionStore(':memory:');

beforeAll(async () => {
  const config = readGatewayConfig({
    // Nothing listens on this port: the broker is "down" for this whole file.
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
    QUEUE_PREFIX: 'unit-validation',
    RATE_LIMIT_MAX: '1000',
  });
  app = await buildGateway({ config, logger: false, brokerWaitMs: 0, store });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const valid = { language: 'javascript', code: 'function twoSum(a, t) { return [0, 1]; }', challengeId: 'two-sum' };
const kib = (n: number) => 'x'.repeat(n * 1024);

const cases: { name: string; body: unknown; status: number; field?: string; message: RegExp }[] = [
  { name: 'the language is unknown', body: { ...valid, language: 'cobol' }, status: 400, field: 'language', message: /language must be one of "javascript", "typescript", "python"/ },
  { name: 'the language is missing', body: { code: 'x', challengeId: 'two-sum' }, status: 400, field: 'language', message: /language is required/ },
  { name: 'the code is empty', body: { ...valid, code: '' }, status: 400, field: 'code', message: /code/ },
  { name: 'the code is only blanks', body: { ...valid, code: '  \n ' }, status: 400, field: 'code', message: /code is empty/ },
  { name: 'the code is over 64 KiB', body: { ...valid, code: kib(65) }, status: 400, field: 'code', message: /code must NOT have more than 65536 characters/ },
  { name: 'the code is over 64 KiB in UTF-8 bytes', body: { ...valid, code: 'é'.repeat(40_000) }, status: 400, field: 'code', message: /code is 80000 bytes/ },
  { name: 'the challenge id is malformed', body: { ...valid, challengeId: '../etc' }, status: 400, field: 'challengeId', message: /challengeId must match pattern/ },
  { name: 'the mode is unknown', body: { ...valid, mode: 'judge' }, status: 400, field: 'mode', message: /mode must be one of "run", "submit"/ },
  { name: 'a field is unknown', body: { ...valid, priority: 1 }, status: 400, field: 'priority', message: /priority is not a known field/ },
  {
    name: 'there are too many cases',
    body: { ...valid, mode: 'run', tests: { entry: 'f', cases: Array.from({ length: 101 }, (_, i) => ({ name: `c${i}`, args: [], expected: 1 })) } },
    status: 400,
    field: 'tests.cases',
    message: /tests\.cases must NOT have more than 100 items/,
  },
  {
    // Each is a container start of its own (judge-core/program-run.ts).
    name: 'a compiled language adds more than 20 stdin/stdout cases',
    body: { language: 'c', code: 'int main(void) { return 0; }', tests: { cases: Array.from({ length: 21 }, (_, i) => ({ name: `c${i}`, input: '', expectedOutput: '' })) } },
    status: 400,
    field: 'tests.cases',
    message: /tests\.cases holds 21 stdin\/stdout cases; C runs each in a container of its own, so the limit is 20/,
  },
  {
    name: 'one case is oversized',
    body: { language: 'javascript', code: 'function f(){}', tests: { entry: 'f', cases: [{ name: 'big', args: [kib(70)], expected: 1 }] } },
    status: 400,
    field: 'tests.cases[0]',
    message: /tests\.cases\[0\] is over 65536 bytes/,
  },
  {
    name: 'a case nests absurdly deep',
    body: { language: 'javascript', code: 'function f(){}', tests: { entry: 'f', cases: [{ name: 'deep', args: [JSON.parse('['.repeat(200) + ']'.repeat(200))], expected: 1 }] } },
    status: 400,
    field: 'tests.cases[0]',
    message: /nests deeper than 64 levels/,
  },
  {
    name: 'a case has no name',
    body: { language: 'javascript', code: 'function f(){}', tests: { entry: 'f', cases: [{ args: [], expected: 1 }] } },
    status: 400,
    field: 'tests.cases[0].name',
    message: /tests\.cases\[0\]\.name is required/,
  },
  {
    name: 'cases have no entry and no challenge',
    body: { language: 'javascript', code: 'function f(){}', tests: { cases: [{ name: 'a', args: [], expected: 1 }] } },
    status: 400,
    field: 'tests.entry',
    message: /tests\.entry is required/,
  },
  { name: 'the entry is not an identifier', body: { ...valid, tests: { entry: 'a b' } }, status: 400, field: 'tests.entry', message: /tests\.entry must match pattern/ },
  { name: 'there is nothing to run', body: { language: 'python', code: 'x = 1' }, status: 400, field: 'tests', message: /nothing to run/ },
  { name: 'the challenge is unknown', body: { ...valid, challengeId: 'no-such-challenge' }, status: 404, field: 'challengeId', message: /not in the catalog/ },
];

describe('POST /v1/submissions with bad input', () => {
  for (const testCase of cases) {
    it(`answers ${testCase.status} naming the field when ${testCase.name}`, async () => {
      const queuedBefore = await store.countQueued();
      const response = await app.inject({ method: 'POST', url: '/v1/submissions', payload: testCase.body as object });
      expect(response.statusCode).toBe(testCase.status);
      const body = response.json();
      expect(body.error.field).toBe(testCase.field);
      expect(body.error.message).toMatch(testCase.message);
      expect(await store.countQueued()).toBe(queuedBefore);
    });
  }

  it('answers 413 when the body is over 1 MiB', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...valid, code: kib(1100) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers 400, not 500, for a case nested 100 000 levels deep', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { 'content-type': 'application/json' },
      payload: `{"language":"javascript","code":"function f(){}","tests":{"entry":"f","cases":[{"name":"deep","args":[${deep}],"expected":1}]}}`,
    });
    expect(response.statusCode).toBe(400);
  });

  it('answers 400 when the body is not JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/submissions', headers: { 'content-type': 'application/json' }, payload: '{"language":' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it('answers 400 naming wait when it is negative', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/submissions?wait=-1', payload: valid });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/wait/);
  });

  it('accepts a submission while the broker is down: 202, queued in the store, readable by id', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: valid });
    expect(response.statusCode).toBe(202);
    const { id, status } = response.json();
    expect(status).toBe('queued');
    expect(response.headers.location).toBe(`/v1/submissions/${id}`);
    expect((await app.inject({ method: 'GET', url: `/v1/submissions/${id}` })).json()).toEqual({ id, status: 'queued' });
    expect(await store.claimUnpublished(1000, Date.now(), 1)).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
  });
});

describe('reading submissions and challenges', () => {
  it('answers 400 for a submission id that is not a UUID', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/submissions/abc' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('id');
  });

  it('answers 404 for an unknown submission', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/submissions/7d0d4f6e-0c4b-4a4e-9b7a-1d2c3b4a5f60' });
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 for an unknown challenge and never shows hidden tests', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/challenges/nope' })).statusCode).toBe(404);
    const twoSum = (await app.inject({ method: 'GET', url: '/v1/challenges/two-sum' })).json();
    expect(twoSum.hiddenTestCount).toBeGreaterThan(0);
    expect(twoSum.tests.every((t: Record<string, unknown>) => !('hidden' in t) || t.hidden === false)).toBe(true);
    expect(twoSum.entry).toEqual({ javascript: 'twoSum', typescript: 'twoSum', python: 'two_sum', c: 'twoSum', cpp: 'twoSum', java: 'twoSum', go: 'twoSum', rust: 'two_sum' });
  });

  it('lists languages and challenges, and reports not ready without a broker', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/languages' })).json().languages.map((l: { id: string }) => l.id)).toEqual([...LANGUAGE_IDS]);
    const languages = (await app.inject({ method: 'GET', url: '/v1/languages' })).json().languages as { id: string; compiled: boolean; compilerFlags: string[]; compileLimits?: { wallTimeMs: number }; testStyles: string[]; version: string }[];
    const cpp = languages.find((l) => l.id === 'cpp');
    expect(cpp).toMatchObject({ compiled: true, compilerFlags: ['-std=c++17', '-O2', '-pipe'], testStyles: ['function-cases', 'script', 'stdin-stdout'] });
    expect(cpp?.compileLimits?.wallTimeMs).toBeGreaterThan(0);
    expect(languages.filter((l) => l.id === 'go' || l.id === 'rust').map((l) => l.testStyles)).toEqual([
      ['function-cases', 'script', 'stdin-stdout'],
      ['function-cases', 'script', 'stdin-stdout'],
    ]);
    expect(languages.find((l) => l.id === 'python')).not.toHaveProperty('compileLimits');
    expect(languages.every((l) => l.version.length > 0)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/v1/challenges' })).json().challenges.length).toBeGreaterThanOrEqual(8);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().broker).toBe('disconnected');
  });

  it('serves the OpenAPI document with the submission route', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toContain('/v1/submissions');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client passes its limit', async () => {
    const limitedStore = new SqliteSubmissionStore(':memory:');
    const limited = await buildGateway({
      config: readGatewayConfig({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', QUEUE_PREFIX: 'unit-rate', RATE_LIMIT_MAX: '2' }),
      logger: false,
      brokerWaitMs: 0,
      store: limitedStore,
    });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await limited.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: valid });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([202, 202, 429]);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
      await limitedStore.close();
    }
  });
});
