/** Authored challenges in the embedded SQLite file (table `authored_challenges`). */
import type { SqliteDatabase } from '../storage/open-sqlite.js';
import { fromRow, toRow, type AuthoredRecord, type AuthoredRow, type AuthoredStore } from './authored-store.js';

export class SqliteAuthoredStore implements AuthoredStore {
  constructor(private readonly db: SqliteDatabase) {}

  async init(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS authored_challenges (
      id TEXT PRIMARY KEY,
      owner_token_id TEXT NOT NULL,
      owner_name TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
  }

  async add(record: AuthoredRecord): Promise<void> {
    const row = toRow(record);
    this.db
      .prepare('INSERT INTO authored_challenges (id, owner_token_id, owner_name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, row.owner_token_id, row.owner_name, row.body, row.created_at, row.updated_at);
  }

  async replace(record: AuthoredRecord): Promise<boolean> {
    const row = toRow(record);
    const info = this.db
      .prepare('UPDATE authored_challenges SET body = ?, owner_name = ?, updated_at = ? WHERE id = ?')
      .run(row.body, row.owner_name, row.updated_at, row.id);
    return info.changes > 0;
  }

  async remove(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM authored_challenges WHERE id = ?').run(id).changes > 0;
  }

  async get(id: string): Promise<AuthoredRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM authored_challenges WHERE id = ?').get(id) as AuthoredRow | undefined;
    return row && fromRow(row);
  }

  async list(): Promise<AuthoredRecord[]> {
    const rows = this.db.prepare('SELECT * FROM authored_challenges ORDER BY created_at, id').all() as AuthoredRow[];
    return rows.map(fromRow);
  }
}
