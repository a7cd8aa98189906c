/**
 * The gateway's durability rules through app.inject, with a fake queue and a real SQLite store:
 * accept-then-publish, the outbox after a broker outage, idempotency keys (also across a restart),
 * backpressure, results that fail the contract, duplicates, the reaper, results stored by another
 * gateway, and 503 only when the store is away.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SubmissionResult } from '../../protocol/index.js';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { MALFORMED_RESULT_MESSAGE } from '../../judge-server/gateway/plugins/jobs.js';
import { SqliteSubmissionStore } from '../../judge-server/gateway/store/sqlite-submission-store.js';
import { REAPED_MESSAGE } from '../../judge-server/gateway/store/store-maintenance.js';
import { FakeJobQueue, until } from '../support/fake-job-queue.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const body = { language: 'python', code: 'def two_sum(n, t):\n    return [0, 1]\n', challengeId: 'two-sum' };

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pj-gw-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function gateway(options: { queue?: FakeJobQueue; dir?: string; env?: Record<string, string>; store?: SqliteSubmissionStore } = {}) {
  const queue = options.queue ?? new FakeJobQueue();
  const config = readGatewayConfig({ QUEUE_PREFIX: 'unit-durable', RATE_LIMIT_MAX: '10000', DATA_DIR: options.dir ?? dataDir(), ...options.env });
  const app = await buildGateway({ config, logger: false, queue: queue.factory(), resultPollMs: 50, ...(options.store ? { store: options.store } : {}) });
  await app.ready();
  cleanups.push(() => app.close());
  return { app, queue };
}

function done(id: string, verdict: SubmissionResult['verdict'] = 'accepted'): SubmissionResult {
  return { id, status: 'done', verdict, tests: [], stdout: '', durationMs: 5 };
}

async function post(app: FastifyInstance, payload: object, headers: Record<string, string> = {}, wait = 0) {
  return app.inject({ method: 'POST', url: `/v1/submissions?wait=${wait}`, payload, headers });
}

async function metric(app: FastifyInstance, name: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  return text
    .split('\n')
    .filter((line) => line.startsWith(name) && !line.startsWith('#'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('accept, store, then publish', () => {
  it('accepts while the broker is down and publishes once it is back', async () => {
    const { app, queue } = await gateway({ queue: new FakeJobQueue(false) });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await post(app, body);
      expect(response.statusCode).toBe(202);
      ids.push(response.json().id);
    }
    expect(queue.published).toHaveLength(0);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ store: 'ok', broker: 'disconnected' });

    queue.reconnect();
    await until('all five published', 5000, () => queue.published.length === 5);
    expect(queue.published.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(await metric(app, 'pairjudge_outbox_published_total')).toBe(5);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers a waiting client with the result as soon as it is stored', async () => {
    const { app, queue } = await gateway();
    const pending = post(app, body, {}, 10);
    const job = await until('the job published', 5000, () => queue.published[0]);
    await queue.reply({ type: 'running', id: job.id });
    await queue.reply({ type: 'result', result: done(job.id, 'wrong_answer') });
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: job.id, verdict: 'wrong_answer' });
  });

  it('keeps the first result of a twice-judged job and counts the second', async () => {
    const { app, queue } = await gateway();
    const { id } = (await post(app, body)).json();
    await queue.reply({ type: 'result', result: done(id, 'accepted') });
    await queue.reply({ type: 'result', result: done(id, 'runtime_error') });
    expect((await app.inject({ method: 'GET', url: `/v1/submissions/${id}` })).json().verdict).toBe('accepted');
    expect(await metric(app, 'pairjudge_results_dropped_total')).toBe(1);
  });

  it('ends a submission whose result fails the contract as internal_error, logged and counted', async () => {
    const { app, queue } = await gateway();
    const { id } = (await post(app, body)).json();
    await queue.reply({ type: 'result', result: { id, status: 'done', verdict: 'great', tests: 'none' } as unknown as SubmissionResult });
    const polled = (await app.inject({ method: 'GET', url: `/v1/submissions/${id}` })).json();
    expect(polled).toMatchObject({ status: 'done', verdict: 'internal_error', error: { message: MALFORMED_RESULT_MESSAGE } });
    expect(await metric(app, 'pairjudge_results_rejected_total')).toBe(1);

    // The same through the queue's own check (a reply that could not be decoded at all).
    const second = (await post(app, body)).json().id;
    await queue.handlers!.onMalformedReply!(second, 'not JSON');
    expect((await app.inject({ method: 'GET', url: `/v1/submissions/${second}` })).json().verdict).toBe('internal_error');
    expect(await metric(app, 'pairjudge_results_rejected_total')).toBe(2);
  });

  it('reaps a submission stuck past the deadline as internal_error', async () => {
    const { app } = await gateway({ queue: new FakeJobQueue(false), env: { SUBMISSION_DEADLINE_MS: '5000' } });
    const { id } = (await post(app, body)).json();
    const { reaped } = await app.maintenance.runOnce(Date.now() + 6000);
    expect(reaped).toEqual([id]);
    expect((await app.inject({ method: 'GET', url: `/v1/submissions/${id}` })).json()).toMatchObject({
      verdict: 'internal_error',
      error: { message: REAPED_MESSAGE },
    });
    expect(await metric(app, 'pairjudge_submissions_reaped_total')).toBe(1);
  });

  it('answers 503 only when the store is unavailable', async () => {
    const store = new SqliteSubmissionStore(':memory:');
    const { app } = await gateway({ store, queue: new FakeJobQueue(false) });
    expect((await post(app, body)).statusCode).toBe(202);
    await store.close();
    const refused = await post(app, body);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('unavailable');
    expect(refused.headers['retry-after']).toBe('5');
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().store).toBe('unavailable');
  });
});

describe('two gateways sharing one store', () => {
  it('answers a client waiting on one gateway with a result stored by the other, and both read it', async () => {
    const dir = dataDir();
    const a = await gateway({ dir });
    const b = await gateway({ dir });
    const pending = post(a.app, body, {}, 10);
    const job = await until('the job published by A', 5000, () => a.queue.published[0]);
    // B's queue takes the result (A is reconnecting, say): A's waiter still gets it.
    await b.queue.reply({ type: 'result', result: done(job.id) });
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.json().verdict).toBe('accepted');
    expect((await b.app.inject({ method: 'GET', url: `/v1/submissions/${job.id}` })).json().verdict).toBe('accepted');
  });
});

describe('Idempotency-Key', () => {
  it('gives the same submission for the same key and body, judged once, even after a restart', async () => {
    const dir = dataDir();
    const first = await gateway({ dir });
    const key = randomUUID();
    const one = await post(first.app, body, { 'idempotency-key': key });
    const two = await post(first.app, { challengeId: body.challengeId, code: body.code, language: body.language }, { 'idempotency-key': key });
    expect(one.statusCode).toBe(202);
    expect(two.json().id).toBe(one.json().id);
    await until('published', 5000, () => first.queue.published.length === 1);
    await first.app.close();

    const restarted = await gateway({ dir });
    const three = await post(restarted.app, body, { 'idempotency-key': key });
    expect(three.json().id).toBe(one.json().id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(restarted.queue.published).toHaveLength(0);
    expect(first.queue.published).toHaveLength(1);
  });

  it('answers 422 naming the header when a key comes back with another body', async () => {
    const { app } = await gateway();
    const key = randomUUID();
    expect((await post(app, body, { 'idempotency-key': key })).statusCode).toBe(202);
    const reused = await post(app, { ...body, code: 'def two_sum(n, t):\n    return [1, 0]\n' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
  });

  it('answers 400 naming the header for a malformed key, storing nothing', async () => {
    const { app } = await gateway();
    const bad = await post(app, body, { 'idempotency-key': 'has spaces in it' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('Idempotency-Key');
    expect(await app.submissions.countQueued()).toBe(0);
  });
});

describe('backpressure', () => {
  it('answers 429 with Retry-After once MAX_QUEUED_SUBMISSIONS wait, and takes more once they run', async () => {
    const { app, queue } = await gateway({ queue: new FakeJobQueue(false), env: { MAX_QUEUED_SUBMISSIONS: '3' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(app, body)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const refused = await post(app, body);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().error.code).toBe('queue_full');
    expect(await metric(app, 'pairjudge_submissions_refused_full_total')).toBe(3);
    queue.reconnect();
    await until('published', 5000, () => queue.published.length === 3);
    await queue.reply({ type: 'running', id: queue.published[0]!.id });
    expect((await post(app, body)).statusCode).toBe(202);
  });
});
