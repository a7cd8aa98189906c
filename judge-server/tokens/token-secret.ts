/**
 * API tokens: how they are made, hashed and ranked. A token is shown once, when it is created;
 * the store keeps only its SHA-256 hash.
 *
 * Why a plain SHA-256 and not a slow password hash (scrypt, argon2): a token is 32 random bytes
 * (256 bits) from the system's CSPRNG, not something a person chose. Slow hashes exist to make
 * guessing low-entropy passwords expensive; nobody can enumerate 2^256 candidates however fast the
 * hash is. A fast hash lets every request be checked by one indexed lookup, and someone who steals
 * the database still cannot turn a hash back into a usable token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const ROLES = ['user', 'coach', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made a request, as the auth plugin found it from the bearer token. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** A visible prefix so a leaked token is recognisable (secret scanners, logs) as a PairJudge one. */
export const TOKEN_PREFIX = 'pj_';
const TOKEN_BYTES = 32;
/** The shape of a token: anything else is refused before any lookup. */
export const TOKEN_PATTERN = /^pj_[A-Za-z0-9_-]{43}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Each role may do what the roles below it may: admin ⊃ coach ⊃ user. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function generateToken(): { token: string; id: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, id: randomUUID(), hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
