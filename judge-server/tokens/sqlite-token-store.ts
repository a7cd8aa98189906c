/** Tokens in the embedded SQLite file (table `token_tokens`). */
import type { SqliteDatabase } from '../storage/open-sqlite.js';
import { isRole } from './token-secret.js';
import type { TokenRecord, TokenStore } from './token-store.js';

interface Row {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: number;
}

export class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: SqliteDatabase) {}

  async init(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS token_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    )`);
  }

  async add(record: TokenRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO token_tokens (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.id, record.name, record.role, record.hash, record.createdAt);
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM token_tokens WHERE hash = ?').get(hash) as Row | undefined;
    return row && toRecord(row);
  }

  async list(): Promise<TokenRecord[]> {
    const rows = this.db.prepare('SELECT * FROM token_tokens ORDER BY created_at, id').all() as Row[];
    return rows.map(toRecord).filter((r): r is TokenRecord => r !== undefined);
  }
}

function toRecord(row: Row): TokenRecord | undefined {
  // A row edited by hand into an unknown role grants nothing.
  if (!isRole(row.role)) return undefined;
  return { id: row.id, name: row.name, role: row.role, hash: row.hash, createdAt: Number(row.created_at) };
}
