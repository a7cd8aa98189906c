/**
 * The token and authored-challenge stores, one contract against both databases: a real SQLite
 * file in a fresh DATA_DIR, and the real PostgreSQL server in a throwaway schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { openAccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken } from '../../judge-server/tokens/token-secret.js';
import { reverseChallenge } from '../support/authored-fixtures.js';
import { openSqlite } from '../../judge-server/storage/open-sqlite.js';
import { accessStoreContract } from '../support/access-store-contract.js';
import { TEST_DATABASE_URL, createTestSchema, type TestSchema } from '../support/postgres-schema.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-data-'));
let pgSchema: TestSchema;

beforeAll(async () => {
  pgSchema = await createTestSchema();
});

afterAll(async () => {
  await pgSchema?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

accessStoreContract('SQLite', () => openAccessStores({ dataDir, databaseUrl: '' }));
accessStoreContract('PostgreSQL', () => openAccessStores({ dataDir, databaseUrl: TEST_DATABASE_URL, schema: pgSchema.schema }));

describe('the SQLite file', () => {
  it('lives in DATA_DIR as pairjudge.sqlite, in WAL mode', async () => {
    const stores = await openAccessStores({ dataDir, databaseUrl: '' });
    await stores.close();
    expect(stores.location).toBe(path.join(dataDir, 'pairjudge.sqlite'));
    const db = openSqlite(dataDir);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['authored_challenges', 'token_tokens']));
    } finally {
      db.close();
    }
  });
});

describe('a gateway on PostgreSQL', () => {
  it('takes tokens and authored challenges from the database every gateway shares', async () => {
    const open = () => openAccessStores({ dataDir, databaseUrl: TEST_DATABASE_URL, schema: pgSchema.schema });
    const stores = await open();
    const otherStores = await open();
    const { token, id, hash } = generateToken();
    await stores.tokens.add({ id, name: 'pg coach', role: 'coach', hash, createdAt: 1 });
    const config = readGatewayConfig({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', QUEUE_PREFIX: 'int-pg', DATABASE_URL: TEST_DATABASE_URL });
    const gateways = [
      await buildGateway({ config, logger: false, brokerWaitMs: 0, accessStores: stores, verifyReference: async () => [] }),
      await buildGateway({ config, logger: false, brokerWaitMs: 0, accessStores: otherStores, verifyReference: async () => [] }),
    ];
    try {
      const auth = { authorization: `Bearer ${token}` };
      const created = await gateways[0]!.inject({ method: 'POST', url: '/v1/challenges', headers: auth, payload: reverseChallenge() });
      expect(created.statusCode).toBe(201);
      const challengeId = created.json().id as string;
      // The second gateway has its own pool: it sees the challenge through the database.
      const mine = await gateways[1]!.inject({ method: 'GET', url: '/v1/challenges?mine=1', headers: auth });
      expect(mine.json().challenges.map((c: { id: string }) => c.id)).toEqual([challengeId]);
      expect((await gateways[1]!.inject({ method: 'DELETE', url: `/v1/challenges/${challengeId}`, headers: auth })).statusCode).toBe(204);
      expect((await gateways[0]!.inject({ method: 'GET', url: `/v1/challenges/${challengeId}` })).statusCode).toBe(404);
    } finally {
      for (const gateway of gateways) await gateway.close();
      await stores.close();
      await otherStores.close();
    }
  });
});
