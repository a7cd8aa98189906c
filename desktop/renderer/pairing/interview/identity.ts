/**
 * A participant's identity: an ECDSA P-256 key pair (WebCrypto, in browsers and in Node 20).
 * The participant id is derived from the public key, so nobody can claim another person's id
 * without their private key: that is what makes a role granted to an id stick to one person
 * across reloads and reconnects (protocol/interview-messages.ts).
 */
import type { IdentityMessage, SignedInterviewState, InterviewState } from '../../../../protocol/interview-messages.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const IDENTITY_CONTEXT = 'pairjudge-identity-v1';
const STATE_CONTEXT = 'pairjudge-interview-state-v1';
/** localStorage key of this browser profile's key pair (JWK). */
export const IDENTITY_STORAGE_KEY = 'pairjudge.identity';

// Spelled from the global `crypto` so the module type-checks both as renderer code (DOM types)
// and in Node's tests (no DOM library).
type Subtle = typeof globalThis.crypto.subtle;
type KeyPair = Extract<Awaited<ReturnType<Subtle['generateKey']>>, { privateKey: unknown }>;
type Key = KeyPair['privateKey'];
type Jwk = Awaited<ReturnType<Subtle['exportKey']>> extends infer T ? Exclude<T, ArrayBuffer> : never;

/** The part of localStorage used here. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Identity {
  id: string;
  publicKey: string;
  privateKey: Key;
}

function subtle(): Subtle {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('WebCrypto is not available (a secure context is needed)');
  return api;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** The participant id of a public key: 16 bytes of its SHA-256, base64url (22 characters). */
export async function participantIdOf(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', fromBase64Url(publicKey)));
  return toBase64Url(digest.subarray(0, 16));
}

async function fromKeyPair(pair: KeyPair): Promise<Identity> {
  const publicKey = toBase64Url(new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
  return { id: await participantIdOf(publicKey), publicKey, privateKey: pair.privateKey };
}

export async function createIdentity(): Promise<Identity> {
  return fromKeyPair((await subtle().generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair);
}

/**
 * This browser profile's identity, created once and kept in `storage`. The private key stays on
 * this machine: it is only ever used to sign. A stored pair that does not import is replaced.
 */
export async function loadOrCreateIdentity(storage: KeyValueStorage | undefined): Promise<Identity> {
  const saved = storage?.getItem(IDENTITY_STORAGE_KEY);
  if (saved) {
    try {
      const { privateJwk, publicJwk } = JSON.parse(saved) as { privateJwk: Jwk; publicJwk: Jwk };
      const privateKey = await subtle().importKey('jwk', privateJwk, ALGORITHM, true, ['sign']);
      const publicKey = await subtle().importKey('jwk', publicJwk, ALGORITHM, true, ['verify']);
      return await fromKeyPair({ privateKey, publicKey });
    } catch {
      // Fall through: a damaged entry gets a fresh identity (the person then joins as new).
    }
  }
  const pair = (await subtle().generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
  const [privateJwk, publicJwk] = await Promise.all([subtle().exportKey('jwk', pair.privateKey), subtle().exportKey('jwk', pair.publicKey)]);
  storage?.setItem(IDENTITY_STORAGE_KEY, JSON.stringify({ privateJwk, publicJwk }));
  return fromKeyPair(pair);
}

async function sign(identity: Identity, text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().sign(SIGN, identity.privateKey, utf8(text))));
}

/** False for any key or signature that does not parse: a hostile peer's bytes are never trusted. */
async function verify(publicKey: string, signature: string, text: string): Promise<boolean> {
  try {
    const key = await subtle().importKey('raw', fromBase64Url(publicKey), ALGORITHM, false, ['verify']);
    return await subtle().verify(SIGN, key, fromBase64Url(signature), utf8(text));
  } catch {
    return false;
  }
}

const identityText = (room: string, peerId: string) => `${IDENTITY_CONTEXT}\n${room}\n${peerId}`;
// The signer and the verifier serialize the same parsed object: JSON keeps key order.
const stateText = (state: InterviewState) => `${STATE_CONTEXT}\n${JSON.stringify(state)}`;

export async function signIdentity(identity: Identity, room: string, peerId: string): Promise<IdentityMessage> {
  return { room, peerId, publicKey: identity.publicKey, signature: await sign(identity, identityText(room, peerId)) };
}

/**
 * The participant id proven by an identity message on the link to `linkPeerId` in `room`, or
 * null when the signature does not check or it names another room or link (a replay).
 */
export async function verifyIdentity(message: IdentityMessage, room: string, linkPeerId: string): Promise<string | null> {
  if (message.room !== room || message.peerId !== linkPeerId) return null;
  if (!(await verify(message.publicKey, message.signature, identityText(room, linkPeerId)))) return null;
  return participantIdOf(message.publicKey);
}

export async function signState(identity: Identity, state: InterviewState): Promise<SignedInterviewState> {
  return { state, publicKey: identity.publicKey, signature: await sign(identity, stateText(state)) };
}

/** True when the state is signed by the key of its `issuer`. */
export async function verifySignedState(signed: SignedInterviewState): Promise<boolean> {
  if ((await participantIdOf(signed.publicKey)) !== signed.state.issuer) return false;
  return verify(signed.publicKey, signed.signature, stateText(signed.state));
}
