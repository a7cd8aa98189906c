/**
 * Options of the signaling plugin: each limit with its default (from protocol/signaling.ts) and
 * the range the plugin accepts, checked when the plugin registers so a bad value fails at start-up
 * with its name.
 */
import {
  DEFAULT_ROOM_PEERS,
  EXPIRED_CODE_MEMORY_MS,
  MAX_ROOM_PEERS,
  MAX_ROOMS,
  MAX_SIGNAL_MESSAGE_BYTES,
  ROOM_IDLE_TTL_MS,
  SIGNAL_MESSAGE_BURST,
  SIGNAL_MESSAGES_PER_SECOND,
  SIGNAL_PATH,
  MAX_ICE_SERVERS,
  SignalIceServerSchema,
  type RandomBytes,
  type SignalIceServer,
} from '../../protocol/signaling.js';
import { Value } from '@sinclair/typebox/value';

export interface SignalingOptions {
  /** Route of the WebSocket. Default `/v1/signal`. */
  path?: string;
  /** Peers per room when create-room does not say (2..8, default 4). */
  defaultMaxPeers?: number;
  /** Largest text frame accepted, in bytes (1 KiB..1 MiB, default 64 KiB). */
  maxMessageBytes?: number;
  /** Steady frames per second per socket (default 20). */
  messagesPerSecond?: number;
  /** Frames a socket may send at once before the steady rate applies (default 60). */
  messageBurst?: number;
  /** An empty room expires after this many ms (default 10 min). */
  roomIdleTtlMs?: number;
  /** Expired codes are remembered this long (default 1 h). */
  expiredCodeMemoryMs?: number;
  /** Rooms this server holds at most (default 10 000). */
  maxRooms?: number;
  /** Ping interval; a socket that missed the previous pong is dropped (default 30 s, 0 = off). */
  heartbeatIntervalMs?: number;
  /** How often empty rooms are swept (default 60 s). */
  sweepIntervalMs?: number;
  /** Open sockets one client address may hold (default 64: an office behind one NAT shares it). */
  maxConnectionsPerIp?: number;
  /** Rooms one socket may create or join per minute (default 30). */
  roomsPerMinute?: number;
  /** Bytes queued towards a socket that does not read, before it is dropped (default 1 MiB). */
  maxBufferedBytes?: number;
  /** STUN/TURN servers handed to every peer that joins (default none: one network needs none). */
  iceServers?: SignalIceServer[];
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  randomBytes?: RandomBytes;
}

export type ResolvedSignalingOptions = Required<Omit<SignalingOptions, 'randomBytes'>> & Pick<SignalingOptions, 'randomBytes'>;

function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`signaling option ${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

export function resolveSignalingOptions(options: SignalingOptions = {}): ResolvedSignalingOptions {
  const path = options.path ?? SIGNAL_PATH;
  if (!path.startsWith('/')) throw new RangeError(`signaling option path must start with "/", got ${path}`);
  return {
    path,
    defaultMaxPeers: checkRange('defaultMaxPeers', options.defaultMaxPeers ?? DEFAULT_ROOM_PEERS, 2, MAX_ROOM_PEERS),
    maxMessageBytes: checkRange('maxMessageBytes', options.maxMessageBytes ?? MAX_SIGNAL_MESSAGE_BYTES, 1024, 1024 * 1024),
    messagesPerSecond: checkRange('messagesPerSecond', options.messagesPerSecond ?? SIGNAL_MESSAGES_PER_SECOND, 1, 10_000),
    messageBurst: checkRange('messageBurst', options.messageBurst ?? SIGNAL_MESSAGE_BURST, 1, 10_000),
    roomIdleTtlMs: checkRange('roomIdleTtlMs', options.roomIdleTtlMs ?? ROOM_IDLE_TTL_MS, 0, 7 * 24 * 3600_000),
    expiredCodeMemoryMs: checkRange('expiredCodeMemoryMs', options.expiredCodeMemoryMs ?? EXPIRED_CODE_MEMORY_MS, 0, 7 * 24 * 3600_000),
    maxRooms: checkRange('maxRooms', options.maxRooms ?? MAX_ROOMS, 1, 10_000_000),
    heartbeatIntervalMs: checkRange('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 30_000, 0, 3600_000),
    sweepIntervalMs: checkRange('sweepIntervalMs', options.sweepIntervalMs ?? 60_000, 10, 3600_000),
    maxConnectionsPerIp: checkRange('maxConnectionsPerIp', options.maxConnectionsPerIp ?? 64, 1, 100_000),
    roomsPerMinute: checkRange('roomsPerMinute', options.roomsPerMinute ?? 30, 1, 100_000),
    maxBufferedBytes: checkRange('maxBufferedBytes', options.maxBufferedBytes ?? 1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
    iceServers: checkIceServers(options.iceServers ?? []),
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes,
  };
}

function checkIceServers(servers: SignalIceServer[]): SignalIceServer[] {
  if (servers.length > MAX_ICE_SERVERS) throw new RangeError(`signaling option iceServers holds at most ${MAX_ICE_SERVERS} servers`);
  servers.forEach((server, index) => {
    if (!Value.Check(SignalIceServerSchema, server)) {
      throw new RangeError(`signaling option iceServers[${index}] must be { urls: "stun:…" | "turn:…", username?, credential? }`);
    }
  });
  return servers;
}
