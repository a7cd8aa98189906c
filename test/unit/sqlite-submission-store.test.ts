/** The store contract against the default SQLite store, on a file two handles share (two gateways of one checkout). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteSubmissionStore } from '../../judge-server/gateway/store/sqlite-submission-store.js';
import { openSubmissionStore, sqliteFile } from '../../judge-server/gateway/store/open-submission-store.js';
import { StoreUnavailableError } from '../../judge-server/gateway/store/errors.js';
import { describeStoreContract, submission } from '../support/store-contract.js';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pj-store-'));
  const file = path.join(dir, 'pairjudge.sqlite');
  const store = new SqliteSubmissionStore(file);
  return {
    store,
    openPeer: async () => new SqliteSubmissionStore(file),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('opening the store', () => {
  it('creates DATA_DIR and pairjudge.sqlite in WAL mode when no DATABASE_URL is set', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pj-open-')), 'nested', 'data');
    const store = await openSubmissionStore({ dataDir: dir, databaseUrl: '', databaseSchema: 'public' });
    try {
      expect(store.kind).toBe('sqlite');
      await store.accept(submission());
      expect(sqliteFile(dir)).toBe(path.join(dir, 'pairjudge.sqlite'));
      const { default: Database } = await import('better-sqlite3');
      const raw = new Database(sqliteFile(dir), { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      await store.close();
      rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });

  it('reports a closed store as StoreUnavailableError', async () => {
    const store = new SqliteSubmissionStore(':memory:');
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.accept(submission())).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
