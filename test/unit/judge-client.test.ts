import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { JudgeClientError, createJudgeClient, type JudgeClientOptions } from '../../judge-client/index.js';

const summary = { id: 'two-sum', title: 'Two Sum', difficulty: 'easy', tags: ['arrays'], languages: ['javascript', 'python'] };
const result: SubmissionResult = {
  id: 's-1',
  status: 'done',
  verdict: 'accepted',
  tests: [{ name: 'example 1', passed: true, hidden: false, expected: [0, 1], actual: [0, 1], timeMs: 1 }],
  stdout: '',
  durationMs: 12,
};

// The one client of desktop main, the browser guest's bridge and the command line.
describe('judge client', () => {
  let server: FastifyInstance;
  let baseUrl: string;
  let hits: Record<string, number>;
  let keys: Record<string, (string | undefined)[]>;
  let script: Record<string, (attempt: number) => { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }>;

  beforeAll(async () => {
    server = Fastify();
    server.all('/*', async (request, reply) => {
      const key = `${request.method} ${request.url.split('?')[0]}`;
      hits[key] = (hits[key] ?? 0) + 1;
      (keys[key] ??= []).push(request.headers['idempotency-key'] as string | undefined);
      const step = script[key];
      if (!step) return reply.code(404).send({ error: { code: 'not_found', message: `no route ${key}` } });
      const answer = step(hits[key]!);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      return reply.code(answer.status).headers(answer.headers ?? {}).send(answer.body ?? {});
    });
    baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    hits = {};
    keys = {};
    script = {};
  });

  function client(overrides: Partial<JudgeClientOptions> = {}) {
    const sleeps: number[] = [];
    const judge = createJudgeClient({
      baseUrl: () => baseUrl,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    });
    return { judge, sleeps };
  }

  async function failure(promise: Promise<unknown>): Promise<JudgeClientError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof JudgeClientError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  it('lists challenges from a bare array or a { challenges } object', async () => {
    script['GET /v1/challenges'] = () => ({ status: 200, body: [summary] });
    expect(await client().judge.listChallenges()).toEqual([summary]);
    script['GET /v1/challenges'] = () => ({ status: 200, body: { challenges: [summary] } });
    expect(await client().judge.listChallenges()).toEqual([summary]);
  });

  it('retries a 503 after the Retry-After delay and then succeeds', async () => {
    script['GET /v1/challenges'] = (attempt) =>
      attempt < 3 ? { status: 503, headers: { 'retry-after': '2' }, body: { error: { code: 'unavailable', message: 'broker down' } } } : { status: 200, body: [summary] };
    const { judge, sleeps } = client();
    expect(await judge.listChallenges()).toEqual([summary]);
    expect(hits['GET /v1/challenges']).toBe(3);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('retries a submission refused with 429 and honours an HTTP-date Retry-After', async () => {
    const inOneSecond = new Date(Date.now() + 1500).toUTCString();
    script['POST /v1/submissions'] = (attempt) =>
      attempt === 1 ? { status: 429, headers: { 'retry-after': inOneSecond } } : { status: 200, body: result };
    const { judge, sleeps } = client();
    expect(await judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum', mode: 'submit' })).toEqual(result);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(1500);
  });

  it('gives up after the retry budget with a readable rate-limit error', async () => {
    script['POST /v1/submissions'] = () => ({ status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limited', message: 'Slow down: 10 submissions per minute.' } } });
    const { judge, sleeps } = client({ maxRetries: 2 });
    const error = await failure(judge.submit({ language: 'python', code: 'x' }));
    expect(error.info).toMatchObject({ kind: 'rate_limited', status: 429, message: 'Slow down: 10 submissions per minute.' });
    expect(hits['POST /v1/submissions']).toBe(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('reports a Retry-After too long to wait on instead of freezing', async () => {
    script['GET /v1/languages'] = () => ({ status: 503, headers: { 'retry-after': '3600' } });
    const error = await failure(client().judge.listLanguages());
    expect(error.info.kind).toBe('server');
    expect(hits['GET /v1/languages']).toBe(1);
  });

  it('does not retry a 400 and names the field the gateway named', async () => {
    script['POST /v1/submissions'] = () => ({ status: 400, body: { error: { code: 'bad_request', message: 'language must be one of javascript, python', field: 'language' } } });
    const error = await failure(client().judge.submit({ language: 'javascript', code: 'x' }));
    expect(error.info).toMatchObject({ kind: 'invalid', field: 'language', message: 'language must be one of javascript, python' });
    expect(hits['POST /v1/submissions']).toBe(1);
  });

  it('says "no answer within" when the gateway is too slow', async () => {
    script['GET /v1/challenges'] = () => ({ status: 200, body: [summary], delayMs: 1500 });
    const error = await failure(client({ requestTimeoutMs: 200 }).judge.listChallenges());
    expect(error.info.kind).toBe('unreachable');
    expect(error.message).toBe(`Cannot reach the judge at ${baseUrl} (no answer within 200 ms).`);
  });

  it('names the URL it tried when nothing listens there', async () => {
    const closed = Fastify();
    const deadUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();
    const error = await failure(createJudgeClient({ baseUrl: () => deadUrl }).listChallenges());
    expect(error.info).toMatchObject({ kind: 'unreachable', url: deadUrl });
    expect(error.message).toBe(`Cannot reach the judge at ${deadUrl} (connection refused).`);
  });

  it('polls GET /v1/submissions/:id after a 202 until the result is done', async () => {
    script['POST /v1/submissions'] = () => ({ status: 202, body: { id: 's-1', status: 'queued' } });
    script['GET /v1/submissions/s-1'] = (attempt) => (attempt < 2 ? { status: 202, body: { id: 's-1', status: 'running' } } : { status: 200, body: result });
    const { judge, sleeps } = client({ pollIntervalMs: 250 });
    expect(await judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum' })).toEqual(result);
    expect(hits['GET /v1/submissions/s-1']).toBe(2);
    expect(sleeps).toEqual([250, 250]);
  });

  it('rejects an answer that does not match contract v1', async () => {
    script['GET /v1/challenges/two-sum'] = () => ({ status: 200, body: { id: 'two-sum' } });
    const error = await failure(client().judge.getChallenge('two-sum'));
    expect(error.info.kind).toBe('protocol');
    expect(error.message).toContain('not a challenge');
  });
  it('does not follow a redirect, so the source is never resent elsewhere', async () => {
    script['POST /v1/submissions'] = () => ({ status: 307, headers: { location: `${baseUrl}/elsewhere` } });
    script['POST /elsewhere'] = () => ({ status: 200, body: result });
    const { judge } = client();
    await failure(judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum' }));
    expect(hits['POST /elsewhere']).toBeUndefined();
  });

  it('sends one Idempotency-Key per submit, the same on every retry of it', async () => {
    script['POST /v1/submissions'] = (attempt) => (attempt % 2 === 1 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200, body: result });
    const { judge } = client();
    await judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum' });
    await judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum' });
    const sent = keys['POST /v1/submissions']!;
    expect(sent).toHaveLength(4);
    for (const key of sent) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).toBe(sent[3]);
    expect(sent[0]).not.toBe(sent[2]);
  });

  it('sends no Idempotency-Key on reads', async () => {
    script['GET /v1/challenges'] = () => ({ status: 200, body: [summary] });
    await client().judge.listChallenges();
    expect(keys['GET /v1/challenges']).toEqual([undefined]);
  });

  it('tells the caller each pending state while it polls', async () => {
    script['POST /v1/submissions'] = () => ({ status: 202, body: { id: 's-1', status: 'queued' } });
    script['GET /v1/submissions/s-1'] = (attempt) => (attempt < 2 ? { status: 202, body: { id: 's-1', status: 'running' } } : { status: 200, body: result });
    const seen: string[] = [];
    await client().judge.submit({ language: 'javascript', code: 'x' }, { onPending: (status) => seen.push(status) });
    expect(seen).toEqual(['queued', 'running']);
  });

  it('gives up on a submission still queued after the deadline', async () => {
    script['POST /v1/submissions'] = () => ({ status: 202, body: { id: 's-1', status: 'queued' } });
    script['GET /v1/submissions/s-1'] = () => ({ status: 202, body: { id: 's-1', status: 'queued' } });
    const judge = createJudgeClient({ baseUrl: () => baseUrl, submitDeadlineMs: 300, pollIntervalMs: 100 });
    const error = await failure(judge.submit({ language: 'javascript', code: 'x' }));
    expect(error.info.kind).toBe('server');
    expect(error.message).toContain('gave no result within');
  });
});
