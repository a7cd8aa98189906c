/** Tokens in PostgreSQL (table `token_tokens`), for gateways that share `DATABASE_URL`. */
import { createTablesOnce, type PostgresPool } from '../storage/open-postgres.js';
import { isRole } from './token-secret.js';
import type { TokenRecord, TokenStore } from './token-store.js';

interface Row {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: string;
}

export class PostgresTokenStore implements TokenStore {
  constructor(private readonly pool: PostgresPool) {}

  async init(): Promise<void> {
    await createTablesOnce(this.pool, `CREATE TABLE IF NOT EXISTS token_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL
    )`);
  }

  async add(record: TokenRecord): Promise<void> {
    await this.pool.query('INSERT INTO token_tokens (id, name, role, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
      record.id,
      record.name,
      record.role,
      record.hash,
      record.createdAt,
    ]);
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM token_tokens WHERE hash = $1', [hash]);
    return rows[0] && toRecord(rows[0]);
  }

  async list(): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM token_tokens ORDER BY created_at, id');
    return rows.map(toRecord).filter((r): r is TokenRecord => r !== undefined);
  }
}

function toRecord(row: Row): TokenRecord | undefined {
  // A row edited by hand into an unknown role grants nothing.
  if (!isRole(row.role)) return undefined;
  return { id: row.id, name: row.name, role: row.role, hash: row.hash, createdAt: Number(row.created_at) };
}
