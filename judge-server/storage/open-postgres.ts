/**
 * PostgreSQL for several gateways on several hosts, chosen by `DATABASE_URL`. One small pool per
 * gateway; `schema`, when given, becomes the search path so tests can work in a throwaway schema
 * and production can keep PairJudge's tables apart from others in the same database.
 */
import pg from 'pg';

export type PostgresPool = pg.Pool;

export function openPostgres(url: string, options: { schema?: string; max?: number } = {}): PostgresPool {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    // The name goes into a connection option, so it must be a plain identifier.
    throw new Error(`schema "${options.schema}" is not a plain lower-case identifier`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 5,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the gateway; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs schema statements (CREATE ... IF NOT EXISTS) one gateway at a time: two gateways starting
 * together would otherwise race inside PostgreSQL's catalog and one would fail to start.
 */
export async function createTablesOnce(pool: PostgresPool, statement: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7302)');
    await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
