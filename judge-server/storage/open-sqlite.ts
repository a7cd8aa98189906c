/**
 * The embedded database every gateway of one machine shares: `DATA_DIR/pairjudge.sqlite`, opened
 * with better-sqlite3 in WAL mode (readers never block the one writer, and two gateways started
 * from one checkout can use the same file). Each part of the gateway creates its own tables,
 * prefixed with its name (`token_`, `authored_`, submissions' own), so none touches another's.
 * Every opener goes through `openSqliteFile`, so all connections to the file agree on its settings.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const SQLITE_FILE_NAME = 'pairjudge.sqlite';

export type SqliteDatabase = Database.Database;

/** The shared file of a data folder. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, SQLITE_FILE_NAME);
}

/** `file` is a path, or ':memory:' for a private database (unit tests). */
export function openSqliteFile(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL sync in WAL mode is durable against a crash of the process (the OS still has the
  // data); only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  // Another gateway may hold the write lock for a moment; wait for it rather than fail at once.
  db.pragma('busy_timeout = 5000');
  return db;
}

export function openSqlite(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openSqliteFile(sqliteFile(dataDir));
}
