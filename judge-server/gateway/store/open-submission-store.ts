/** Opens the store the settings name: PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PostgresSubmissionStore } from './postgres-submission-store.js';
import { SqliteSubmissionStore } from './sqlite-submission-store.js';
import type { SubmissionStore } from './submission-store.js';

export interface StoreSettings {
  dataDir: string;
  databaseUrl: string;
  databaseSchema: string;
}

/** The SQLite file every process of one checkout shares (the token tables live in it too). */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'pairjudge.sqlite');
}

export async function openSubmissionStore(settings: StoreSettings): Promise<SubmissionStore> {
  if (settings.databaseUrl) return PostgresSubmissionStore.open({ url: settings.databaseUrl, schema: settings.databaseSchema });
  mkdirSync(settings.dataDir, { recursive: true });
  return new SqliteSubmissionStore(sqliteFile(settings.dataDir));
}
