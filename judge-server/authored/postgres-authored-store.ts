/** Authored challenges in PostgreSQL (table `authored_challenges`), shared by every gateway. */
import { createTablesOnce, type PostgresPool } from '../storage/open-postgres.js';
import { fromRow, toRow, type AuthoredRecord, type AuthoredRow, type AuthoredStore } from './authored-store.js';

export class PostgresAuthoredStore implements AuthoredStore {
  constructor(private readonly pool: PostgresPool) {}

  async init(): Promise<void> {
    await createTablesOnce(this.pool, `CREATE TABLE IF NOT EXISTS authored_challenges (
      id TEXT PRIMARY KEY,
      owner_token_id TEXT NOT NULL,
      owner_name TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    )`);
  }

  async add(record: AuthoredRecord): Promise<void> {
    const row = toRow(record);
    await this.pool.query(
      'INSERT INTO authored_challenges (id, owner_token_id, owner_name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.id, row.owner_token_id, row.owner_name, row.body, row.created_at, row.updated_at],
    );
  }

  async replace(record: AuthoredRecord): Promise<boolean> {
    const row = toRow(record);
    const result = await this.pool.query('UPDATE authored_challenges SET body = $1, owner_name = $2, updated_at = $3 WHERE id = $4', [
      row.body,
      row.owner_name,
      row.updated_at,
      row.id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM authored_challenges WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async get(id: string): Promise<AuthoredRecord | undefined> {
    const { rows } = await this.pool.query<AuthoredRow>('SELECT * FROM authored_challenges WHERE id = $1', [id]);
    return rows[0] && fromRow(rows[0]);
  }

  async list(): Promise<AuthoredRecord[]> {
    const { rows } = await this.pool.query<AuthoredRow>('SELECT * FROM authored_challenges ORDER BY created_at, id');
    return rows.map(fromRow);
  }
}
