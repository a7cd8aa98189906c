/**
 * Where challenges written by coaches live. The record keeps the whole challenge, hidden tests
 * and reference solutions included: only the gateway reads it, and every client view goes through
 * the catalog's `publicView`, which strips them.
 */
import type { LoadedChallenge } from '../../judge-core/catalog.js';

export interface AuthoredRecord {
  id: string;
  /** The token that wrote it: only that token (or an admin) may change or delete it. */
  ownerTokenId: string;
  /** The token's name, shown beside the challenge in lists. */
  ownerName: string;
  challenge: LoadedChallenge;
  /** Reference solutions per language, judged and accepted before the challenge was saved. */
  reference: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface AuthoredStore {
  /** Creates the store's tables if they are missing. */
  init(): Promise<void>;
  add(record: AuthoredRecord): Promise<void>;
  /** Replaces challenge, reference and updatedAt; false when the id is unknown. */
  replace(record: AuthoredRecord): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<AuthoredRecord | undefined>;
  /** Every authored challenge, oldest first. */
  list(): Promise<AuthoredRecord[]>;
}

/** The stored form: one JSON document per challenge, so both databases hold the same thing. */
export interface AuthoredRow {
  id: string;
  owner_token_id: string;
  owner_name: string;
  body: string;
  created_at: number | string;
  updated_at: number | string;
}

export function toRow(record: AuthoredRecord): AuthoredRow {
  return {
    id: record.id,
    owner_token_id: record.ownerTokenId,
    owner_name: record.ownerName,
    body: JSON.stringify({ challenge: record.challenge, reference: record.reference }),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export function fromRow(row: AuthoredRow): AuthoredRecord {
  const body = JSON.parse(row.body) as { challenge: LoadedChallenge; reference?: Record<string, string> };
  return {
    id: row.id,
    ownerTokenId: row.owner_token_id,
    ownerName: row.owner_name,
    challenge: body.challenge,
    reference: body.reference ?? {},
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
