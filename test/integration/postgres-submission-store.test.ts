/**
 * The store contract against PostgreSQL (127.0.0.1:5432, trust auth, database `test`; override
 * with TEST_DATABASE_URL). Each store gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { PostgresSubmissionStore } from '../../judge-server/gateway/store/postgres-submission-store.js';
import { FakeJobQueue } from '../support/fake-job-queue.js';
import { describeStoreContract } from '../support/store-contract.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

beforeAll(async () => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not answering at ${TEST_DATABASE_URL} (${(error as Error).message}): start it (\`service postgresql start\`) or set TEST_DATABASE_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
});

describeStoreContract('PostgreSQL', async () => {
  const schema = `pj_test_${randomBytes(5).toString('hex')}`;
  const store = await PostgresSubmissionStore.open({ url: TEST_DATABASE_URL, schema });
  return {
    store,
    openPeer: () => PostgresSubmissionStore.open({ url: TEST_DATABASE_URL, schema }),
    cleanup: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
});

describe('gateways on PostgreSQL (DATABASE_URL)', () => {
  it('opens the PostgreSQL store and shares submissions and idempotency keys between two gateways', async () => {
    const schema = `pj_test_${randomBytes(5).toString('hex')}`;
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, QUEUE_PREFIX: 'pg-gateways', RATE_LIMIT_MAX: '1000' };
    const queues = [new FakeJobQueue(false), new FakeJobQueue(false)];
    const [a, b] = await Promise.all(queues.map((queue) => buildGateway({ config: readGatewayConfig(env), logger: false, queue: queue.factory(), resultPollMs: 50 })));
    try {
      expect(a!.submissions.kind).toBe('postgres');
      const body = { language: 'python', code: 'def inc(a):\n    return a + 1\n', tests: { entry: 'inc', cases: [{ name: 'one', args: [1], expected: 2 }] } };
      const headers = { 'idempotency-key': 'pg-key-1' };
      const first = await a!.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: body, headers });
      expect(first.statusCode).toBe(202);
      const again = await b!.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: body, headers });
      expect(again.json().id).toBe(first.json().id);
      const id = first.json().id as string;
      // A waits; the result arrives through B.
      const waiting = a!.inject({ method: 'POST', url: '/v1/submissions?wait=10', payload: body, headers });
      await queues[1]!.reply({ type: 'result', result: { id, status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 1 } });
      expect((await waiting).json()).toMatchObject({ id, verdict: 'accepted' });
      expect((await b!.inject({ method: 'GET', url: `/v1/submissions/${id}` })).json().verdict).toBe('accepted');
    } finally {
      await Promise.all([a?.close(), b?.close()]);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
