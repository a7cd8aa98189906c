/**
 * Signaling protocol v1: the WebSocket at `GET /v1/signal` that introduces the peers of a pairing
 * room to each other. After the WebRTC data channel is up, the server is no longer on the path.
 *
 * Every frame is one UTF-8 JSON text frame of at most MAX_SIGNAL_MESSAGE_BYTES, an object tagged
 * by `type`. Binary frames, unknown types and objects that fail their schema are refused.
 *
 * Client → server
 *   create-room { maxPeers? }   open a new room and join it; the answer is `room-created`.
 *                               `maxPeers` (2..MAX_ROOM_PEERS, default DEFAULT_ROOM_PEERS) caps the mesh.
 *   join-room   { code }        join an existing room by its join code (normalised form, see below);
 *                               the answer is `joined`, and every other peer gets `peer-joined`.
 *   signal      { to, data }    relay an opaque WebRTC signal (SDP offer/answer, ICE candidate) to
 *                               one peer of the same room; `data` is a JSON object.
 *   leave       {}              leave the room; the others get `peer-left`. Closing the socket does
 *                               the same.
 *
 * Server → client
 *   room-created { code, peerId, maxPeers, iceServers? }  the new room's join code and this socket's peer id.
 *   joined       { code, peerId, peers, iceServers? }     this socket's peer id and the ids already in the room.
 *                `iceServers`: STUN/TURN servers the operator of this server offers, used with the
 *                client's own, so a browser guest across a NAT needs no settings.
 *   peer-joined  { peerId }                  another peer entered the room.
 *   peer-left    { peerId }                  another peer left (or its socket closed).
 *   signal       { from, data }              a relayed signal from another peer of the room.
 *   error        { code, message, field? }   what went wrong; see SIGNAL_ERROR_CODES. Errors that
 *                                            make the socket unusable are followed by a close frame
 *                                            with SIGNAL_CLOSE_CODES.
 *
 * A socket is in at most one room. Peer ids are fresh per join: a peer that reconnects gets a new id.
 * In each pair of peers, the one with the lower peer id (string order) initiates the WebRTC link.
 *
 * Join codes: 12 characters from ROOM_CODE_ALPHABET, shown as three dashed groups (`K7QX-M3PD-9TZR`).
 * 31^12 ≈ 2^59.4 codes, drawn with crypto randomness, so a code cannot be guessed within the rate
 * limits while a room lives. The alphabet leaves out 0/O, 1/I/L so a code can be read aloud.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const SIGNAL_PATH = '/v1/signal';

// ---------------------------------------------------------------------------------------------
// Limits. The server enforces them; each has a default here and the plugin may lower or raise it
// within the documented maximum.

/** A full mesh: every peer holds a link to every other, so cost grows with n². */
export const DEFAULT_ROOM_PEERS = 4;
export const MAX_ROOM_PEERS = 8;
/** SDP offers are a few KiB; 64 KiB leaves room for large candidate sets and nothing more. */
export const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;
/**
 * Per socket, token bucket: a link's negotiation is one offer/answer and a burst of trickled ICE
 * candidates, so a burst of 60 with a steady 20/s is ample for a 4-peer mesh and bounds a flood.
 */
export const SIGNAL_MESSAGES_PER_SECOND = 20;
export const SIGNAL_MESSAGE_BURST = 60;
/**
 * A room with no peer connected expires after this long; while anyone is in it, it lives. Ten
 * minutes lets a pair survive a laptop lid closing or a network change and rejoin the same code.
 */
export const ROOM_IDLE_TTL_MS = 10 * 60 * 1000;
/** Expired codes are remembered this long so a late joiner hears "expired", not "unknown". */
export const EXPIRED_CODE_MEMORY_MS = 60 * 60 * 1000;
/** Bounds the server's memory: past this, create-room answers `server_busy`. */
export const MAX_ROOMS = 10_000;

// ---------------------------------------------------------------------------------------------
// Join codes

/** 0/O, 1/I/L are left out: they are confused when read aloud or from a screen. */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_GROUPS = 3;
export const ROOM_CODE_GROUP_LENGTH = 4;
export const ROOM_CODE_LENGTH = ROOM_CODE_GROUPS * ROOM_CODE_GROUP_LENGTH;
export const ROOM_CODE_PATTERN = `^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_GROUP_LENGTH}}(-[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_GROUP_LENGTH}}){${ROOM_CODE_GROUPS - 1}}$`;

/** Bits of entropy in one code (≈ 59.4). */
export const ROOM_CODE_BITS = ROOM_CODE_LENGTH * Math.log2(ROOM_CODE_ALPHABET.length);

export type RandomBytes = (length: number) => Uint8Array;

/** Web Crypto is present in browsers, Electron and Node ≥ 19, so protocol/ needs no node:crypto. */
export function cryptoRandomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** A fresh join code such as `K7QX-M3PD-9TZR`. */
export function generateRoomCode(randomBytes: RandomBytes = cryptoRandomBytes): string {
  const size = ROOM_CODE_ALPHABET.length;
  // Rejection sampling: bytes ≥ the largest multiple of the alphabet size would bias low letters.
  const limit = 256 - (256 % size);
  let chars = '';
  while (chars.length < ROOM_CODE_LENGTH) {
    for (const byte of randomBytes(ROOM_CODE_LENGTH * 2)) {
      if (byte < limit && chars.length < ROOM_CODE_LENGTH) chars += ROOM_CODE_ALPHABET[byte % size];
    }
  }
  return formatRoomCode(chars);
}

function formatRoomCode(chars: string): string {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += ROOM_CODE_GROUP_LENGTH) groups.push(chars.slice(i, i + ROOM_CODE_GROUP_LENGTH));
  return groups.join('-');
}

/**
 * What a person typed or pasted → the canonical code, or null when it cannot be one. Accepts any
 * case, spaces, and missing or extra dashes (`k7qx m3pd9tzr`).
 */
export function normalizeRoomCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (chars.length !== ROOM_CODE_LENGTH) return null;
  for (const ch of chars) if (!ROOM_CODE_ALPHABET.includes(ch)) return null;
  return formatRoomCode(chars);
}

export function isRoomCode(value: string): boolean {
  return new RegExp(ROOM_CODE_PATTERN).test(value);
}

/** Peer ids: 64 random bits as 16 lower-case hex digits, fresh for every join. */
export const PEER_ID_PATTERN = '^[0-9a-f]{16}$';

export function generatePeerId(randomBytes: RandomBytes = cryptoRandomBytes): string {
  return Array.from(randomBytes(8), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Messages

const RoomCodeSchema = Type.String({ pattern: ROOM_CODE_PATTERN, description: 'Join code, e.g. K7QX-M3PD-9TZR' });
const PeerIdSchema = Type.String({ pattern: PEER_ID_PATTERN });
/** Opaque to the server: an SDP description or an ICE candidate, as the client wraps it. */
const SignalDataSchema = Type.Object({}, { additionalProperties: true, description: 'WebRTC signal, relayed as is' });

export const CreateRoomMessageSchema = Type.Object(
  {
    type: Type.Literal('create-room'),
    maxPeers: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_ROOM_PEERS })),
  },
  { additionalProperties: false },
);
export const JoinRoomMessageSchema = Type.Object(
  { type: Type.Literal('join-room'), code: RoomCodeSchema },
  { additionalProperties: false },
);
export const ClientSignalMessageSchema = Type.Object(
  { type: Type.Literal('signal'), to: PeerIdSchema, data: SignalDataSchema },
  { additionalProperties: false },
);
export const LeaveMessageSchema = Type.Object({ type: Type.Literal('leave') }, { additionalProperties: false });

/** A STUN or TURN server, as RTCPeerConnection takes it. */
export const SignalIceServerSchema = Type.Object(
  {
    urls: Type.String({ pattern: '^(stun|stuns|turn|turns):[^\\s]+$', maxLength: 512 }),
    username: Type.Optional(Type.String({ maxLength: 256 })),
    credential: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type SignalIceServer = Static<typeof SignalIceServerSchema>;
export const MAX_ICE_SERVERS = 8;
const IceServersSchema = Type.Array(SignalIceServerSchema, { maxItems: MAX_ICE_SERVERS });

export const RoomCreatedMessageSchema = Type.Object(
  {
    type: Type.Literal('room-created'),
    code: RoomCodeSchema,
    peerId: PeerIdSchema,
    maxPeers: Type.Integer({ minimum: 2, maximum: MAX_ROOM_PEERS }),
    iceServers: Type.Optional(IceServersSchema),
  },
  { additionalProperties: false },
);
export const JoinedMessageSchema = Type.Object(
  {
    type: Type.Literal('joined'),
    code: RoomCodeSchema,
    peerId: PeerIdSchema,
    peers: Type.Array(PeerIdSchema, { maxItems: MAX_ROOM_PEERS }),
    iceServers: Type.Optional(IceServersSchema),
  },
  { additionalProperties: false },
);
export const PeerJoinedMessageSchema = Type.Object(
  { type: Type.Literal('peer-joined'), peerId: PeerIdSchema },
  { additionalProperties: false },
);
export const PeerLeftMessageSchema = Type.Object(
  { type: Type.Literal('peer-left'), peerId: PeerIdSchema },
  { additionalProperties: false },
);
export const ServerSignalMessageSchema = Type.Object(
  { type: Type.Literal('signal'), from: PeerIdSchema, data: SignalDataSchema },
  { additionalProperties: false },
);

export const SIGNAL_ERROR_CODES = [
  /** The frame is not JSON, not an object, of an unknown type, or fails its schema (see `field`). */
  'bad_message',
  /** The frame is larger than the limit; the socket is closed with 1009. */
  'message_too_large',
  /** Too many frames per second; the socket is closed with 1008. */
  'rate_limited',
  /** No room has this code (it never existed, or it was forgotten long ago). */
  'room_not_found',
  /** The room existed but stayed empty past its idle time. */
  'room_expired',
  /** The room already holds its maximum number of peers. */
  'room_full',
  /** create-room or join-room while this socket is already in a room. */
  'already_in_room',
  /** signal or leave before create-room / join-room. */
  'not_in_room',
  /** signal to a peer id that is not in this room (it may just have left). */
  'unknown_peer',
  /** The server holds as many rooms as it may. */
  'server_busy',
] as const;
export type SignalErrorCode = (typeof SIGNAL_ERROR_CODES)[number];

export const SignalErrorMessageSchema = Type.Object(
  {
    type: Type.Literal('error'),
    code: Type.Union(SIGNAL_ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** WebSocket close codes the server uses after a fatal `error` (RFC 6455 §7.4.1). */
export const SIGNAL_CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
} as const;

export type CreateRoomMessage = Static<typeof CreateRoomMessageSchema>;
export type JoinRoomMessage = Static<typeof JoinRoomMessageSchema>;
export type ClientSignalMessage = Static<typeof ClientSignalMessageSchema>;
export type LeaveMessage = Static<typeof LeaveMessageSchema>;
export type ClientMessage = CreateRoomMessage | JoinRoomMessage | ClientSignalMessage | LeaveMessage;

export type RoomCreatedMessage = Static<typeof RoomCreatedMessageSchema>;
export type JoinedMessage = Static<typeof JoinedMessageSchema>;
export type PeerJoinedMessage = Static<typeof PeerJoinedMessageSchema>;
export type PeerLeftMessage = Static<typeof PeerLeftMessageSchema>;
export type ServerSignalMessage = Static<typeof ServerSignalMessageSchema>;
export type SignalErrorMessage = Static<typeof SignalErrorMessageSchema>;
export type ServerMessage =
  | RoomCreatedMessage
  | JoinedMessage
  | PeerJoinedMessage
  | PeerLeftMessage
  | ServerSignalMessage
  | SignalErrorMessage;

export const CLIENT_MESSAGE_SCHEMAS: Record<ClientMessage['type'], TSchema> = {
  'create-room': CreateRoomMessageSchema,
  'join-room': JoinRoomMessageSchema,
  signal: ClientSignalMessageSchema,
  leave: LeaveMessageSchema,
};

export const SERVER_MESSAGE_SCHEMAS: Record<ServerMessage['type'], TSchema> = {
  'room-created': RoomCreatedMessageSchema,
  joined: JoinedMessageSchema,
  'peer-joined': PeerJoinedMessageSchema,
  'peer-left': PeerLeftMessageSchema,
  signal: ServerSignalMessageSchema,
  error: SignalErrorMessageSchema,
};

export const ClientMessageSchema = Type.Union([
  CreateRoomMessageSchema,
  JoinRoomMessageSchema,
  ClientSignalMessageSchema,
  LeaveMessageSchema,
]);
export const ServerMessageSchema = Type.Union([
  RoomCreatedMessageSchema,
  JoinedMessageSchema,
  PeerJoinedMessageSchema,
  PeerLeftMessageSchema,
  ServerSignalMessageSchema,
  SignalErrorMessageSchema,
]);

/** Why a frame was refused: a message for people, and the offending field as a JSON pointer. */
export class SignalMessageError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SignalMessageError';
  }
}

function parseTagged<T extends { type: string }>(text: string, schemas: Record<string, TSchema>, side: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SignalMessageError(`${side} message is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SignalMessageError(`${side} message must be a JSON object`);
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') throw new SignalMessageError(`${side} message has no string "type"`, '/type');
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) throw new SignalMessageError(`unknown ${side} message type "${type}"`, '/type');
  const first = Value.Errors(schema, value).First();
  if (first) {
    const field = first.path || '/';
    throw new SignalMessageError(`${type}: ${field} ${first.message}`, field);
  }
  return value as T;
}

/** Parses and validates a client frame; throws SignalMessageError naming the problem. */
export function parseClientMessage(text: string): ClientMessage {
  return parseTagged<ClientMessage>(text, CLIENT_MESSAGE_SCHEMAS, 'client');
}

/** Parses and validates a server frame; throws SignalMessageError naming the problem. */
export function parseServerMessage(text: string): ServerMessage {
  return parseTagged<ServerMessage>(text, SERVER_MESSAGE_SCHEMAS, 'server');
}

export function encodeSignalMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}

/** UTF-8 size of a text frame, for the size limit (length counts UTF-16 units, not bytes). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
