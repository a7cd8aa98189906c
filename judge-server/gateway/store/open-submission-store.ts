/** Opens the store the settings name: PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { sqliteFile } from '../../storage/open-sqlite.js';
import { PostgresSubmissionStore } from './postgres-submission-store.js';
import { SqliteSubmissionStore } from './sqlite-submission-store.js';
import type { SubmissionStore } from './submission-store.js';

export interface StoreSettings {
  dataDir: string;
  databaseUrl: string;
  databaseSchema: string;
}

export { sqliteFile };

export async function openSubmissionStore(settings: StoreSettings): Promise<SubmissionStore> {
  if (settings.databaseUrl) return PostgresSubmissionStore.open({ url: settings.databaseUrl, schema: settings.databaseSchema });
  mkdirSync(settings.dataDir, { recursive: true });
  return new SqliteSubmissionStore(sqliteFile(settings.dataDir));
}
