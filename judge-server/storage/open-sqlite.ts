/**
 * The embedded database every gateway of one machine shares: `DATA_DIR/pairjudge.sqlite`, opened
 * with better-sqlite3 in WAL mode (readers never block the one writer, and two gateways started
 * from one checkout can use the same file). Each part of the gateway creates its own tables,
 * prefixed with its name (`token_`, `authored_`, submissions' own), so none touches another's.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const SQLITE_FILE_NAME = 'pairjudge.sqlite';

export type SqliteDatabase = Database.Database;

export function openSqlite(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  // Another gateway may hold the write lock for a moment; wait for it rather than fail at once.
  db.pragma('busy_timeout = 5000');
  return db;
}
