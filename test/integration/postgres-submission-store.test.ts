/**
 * The store contract against PostgreSQL (127.0.0.1:5432, trust auth, database `test`; override
 * with TEST_DATABASE_URL). Each store gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeAll } from 'vitest';
import { PostgresSubmissionStore } from '../../judge-server/gateway/store/postgres-submission-store.js';
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
