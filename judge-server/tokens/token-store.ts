/** Where API tokens live: their hash, name and role, never the token itself. */
import type { Role } from './token-secret.js';

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the token, hex (see token-secret.ts for why a fast hash is enough). */
  hash: string;
  createdAt: number;
}

export interface TokenStore {
  /** Creates the store's tables if they are missing. */
  init(): Promise<void>;
  add(record: TokenRecord): Promise<void>;
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
}
