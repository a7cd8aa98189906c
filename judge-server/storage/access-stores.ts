/**
 * Opens the stores of the access part of the gateway (API tokens, authored challenges) on the
 * configured database: PostgreSQL when `DATABASE_URL` is set, otherwise the SQLite file in
 * `DATA_DIR`. Used by the gateway and by the `token` command, so both read the same tokens.
 */
import { PostgresAuthoredStore } from '../authored/postgres-authored-store.js';
import { SqliteAuthoredStore } from '../authored/sqlite-authored-store.js';
import type { AuthoredStore } from '../authored/authored-store.js';
import { PostgresTokenStore } from '../tokens/postgres-token-store.js';
import { SqliteTokenStore } from '../tokens/sqlite-token-store.js';
import type { TokenStore } from '../tokens/token-store.js';
import { openPostgres } from './open-postgres.js';
import { openSqlite } from './open-sqlite.js';

export interface AccessStores {
  tokens: TokenStore;
  authored: AuthoredStore;
  /** Where they live, for the log: a file path or the database host. */
  location: string;
  close(): Promise<void>;
}

export async function openAccessStores(options: { dataDir: string; databaseUrl: string; schema?: string }): Promise<AccessStores> {
  let stores: AccessStores;
  if (options.databaseUrl) {
    const pool = openPostgres(options.databaseUrl, options.schema ? { schema: options.schema } : {});
    stores = {
      tokens: new PostgresTokenStore(pool),
      authored: new PostgresAuthoredStore(pool),
      location: `postgresql ${new URL(options.databaseUrl).host}`,
      close: () => pool.end(),
    };
  } else {
    const db = openSqlite(options.dataDir);
    stores = {
      tokens: new SqliteTokenStore(db),
      authored: new SqliteAuthoredStore(db),
      location: db.name,
      close: async () => {
        db.close();
      },
    };
  }
  try {
    await stores.tokens.init();
    await stores.authored.init();
  } catch (error) {
    await stores.close().catch(() => undefined);
    throw error;
  }
  return stores;
}
