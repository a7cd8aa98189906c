/**
 * Interview mode on the pairing data channel: the JSON bodies of message types 6 (identity) and
 * 7 (interview chain) of protocol/pairing-messages.ts. Message type 8 (private notes) carries a
 * y-protocols sync body and needs no schema here.
 *
 * identity   A peer proves, once per link, that it holds the private key of its participant id:
 *            it signs `pairjudge-identity-v1\n<room>\n<its signaling peer id>`. The signaling
 *            server assigns peer ids and stamps `from` on every relayed signal, so a signature
 *            cannot be replayed on another link (the receiver checks the peer id is the link's).
 * interview  The room's interview state as a chain of states, each signed by an interviewer of
 *            the state before it (the first by the room's founder). Any peer may relay the chain:
 *            the signatures, not the sender, make it trustworthy.
 *
 * Keys are ECDSA P-256 (WebCrypto): a public key is its raw form (65 bytes) in base64url, a
 * signature the raw r||s form (64 bytes) in base64url, a participant id the first 16 bytes of
 * SHA-256(raw public key) in base64url.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CHALLENGE_ID_PATTERN } from './submission.js';
import { ROOM_CODE_PATTERN } from './signaling.js';

/** People in one room are at most 4 (signaling MAX_ROOM_PEERS); a role map outlives reloads and departures. */
export const MAX_ROLE_ENTRIES = 32;
/**
 * State changes (role, timer, challenge) a room keeps. Each is ~0.5 KiB, so the whole chain stays
 * under 256 KiB and a hostile relay cannot make us verify more than this many signatures.
 */
export const MAX_INTERVIEW_CHAIN = 500;
/** A timer longer than a working day is a typo or an attack on the arithmetic. */
export const MAX_TIMER_MS = 12 * 60 * 60 * 1000;

export const ROLES = ['interviewer', 'candidate', 'observer'] as const;
export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
export type Role = Static<typeof RoleSchema>;

const Base64UrlSchema = (bytes: number) => Type.String({ pattern: `^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$` });
export const PublicKeySchema = Base64UrlSchema(65);
export const SignatureSchema = Base64UrlSchema(64);
export const ParticipantIdSchema = Base64UrlSchema(16);

export const IdentityMessageSchema = Type.Object(
  {
    room: Type.String({ pattern: ROOM_CODE_PATTERN }),
    peerId: Type.String({ minLength: 1, maxLength: 64 }),
    publicKey: PublicKeySchema,
    signature: SignatureSchema,
  },
  { additionalProperties: false },
);
export type IdentityMessage = Static<typeof IdentityMessageSchema>;

/**
 * The timer as a start time plus what had elapsed before it, never as ticks: any peer, joining
 * late or after a reload, computes the same remaining time from it.
 */
export const TimerStateSchema = Type.Object(
  {
    durationMs: Type.Integer({ minimum: 0, maximum: MAX_TIMER_MS }),
    /** Issuer's clock (ms since the epoch) when the timer last started; null while paused or reset. */
    startedAt: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    /** Running time accumulated before `startedAt`. */
    elapsedMs: Type.Integer({ minimum: 0, maximum: MAX_TIMER_MS }),
  },
  { additionalProperties: false },
);
export type TimerState = Static<typeof TimerStateSchema>;

export const InterviewStateSchema = Type.Object(
  {
    room: Type.String({ pattern: ROOM_CODE_PATTERN }),
    /** 1 for the founding state, then +1 per change. */
    seq: Type.Integer({ minimum: 1, maximum: MAX_INTERVIEW_CHAIN }),
    founder: ParticipantIdSchema,
    issuer: ParticipantIdSchema,
    /** Issuer's clock, ms since the epoch. */
    at: Type.Number({ minimum: 0 }),
    /** Participants not listed are candidates. */
    roles: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }), RoleSchema, { maxProperties: MAX_ROLE_ENTRIES }),
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    timer: TimerStateSchema,
  },
  { additionalProperties: false },
);
export type InterviewState = Static<typeof InterviewStateSchema>;

export const SignedInterviewStateSchema = Type.Object(
  { state: InterviewStateSchema, publicKey: PublicKeySchema, signature: SignatureSchema },
  { additionalProperties: false },
);
export type SignedInterviewState = Static<typeof SignedInterviewStateSchema>;

export const InterviewChainMessageSchema = Type.Object(
  { chain: Type.Array(SignedInterviewStateSchema, { minItems: 1, maxItems: MAX_INTERVIEW_CHAIN }) },
  { additionalProperties: false },
);
export type InterviewChainMessage = Static<typeof InterviewChainMessageSchema>;
