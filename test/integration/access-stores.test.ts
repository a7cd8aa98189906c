/**
 * The token and authored-challenge stores, one contract against both databases: a real SQLite
 * file in a fresh DATA_DIR, and the real PostgreSQL server in a throwaway schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessStores } from '../../judge-server/storage/access-stores.js';
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
