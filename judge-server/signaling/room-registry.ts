/**
 * The rooms of one signaling server, as a plain class: no sockets, an injected clock and random
 * source, so every rule (codes, capacity, expiry, relay) is testable without a network.
 *
 * A member is anything with an id and a `send` for server messages; the WebSocket layer wraps
 * a socket in one.
 */
import {
  DEFAULT_ROOM_PEERS,
  EXPIRED_CODE_MEMORY_MS,
  MAX_ROOMS,
  ROOM_IDLE_TTL_MS,
  cryptoRandomBytes,
  generatePeerId,
  generateRoomCode,
  type RandomBytes,
  type ServerMessage,
  type SignalErrorCode,
  type SignalIceServer,
} from '../../protocol/signaling.js';

export interface RoomMember {
  readonly peerId: string;
  send(message: ServerMessage): void;
}

interface Room {
  readonly code: string;
  readonly maxPeers: number;
  readonly members: Map<string, RoomMember>;
  /** When the last member left; null while anyone is in the room. */
  emptySince: number | null;
  /** Whether anyone but the creator ever joined. */
  joinedOnce: boolean;
}

export interface RoomRegistryOptions {
  now?: () => number;
  randomBytes?: RandomBytes;
  defaultMaxPeers?: number;
  idleTtlMs?: number;
  expiredCodeMemoryMs?: number;
  maxRooms?: number;
  /** Offered to every peer in room-created / joined. */
  iceServers?: SignalIceServer[];
}

/** A refusal the caller turns into an `error` message. */
export class RoomError extends Error {
  constructor(
    readonly code: SignalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoomError';
  }
}

/** How long an empty room that nobody but its creator ever entered is kept. */
export const UNJOINED_ROOM_TTL_MS = 2 * 60 * 1000;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** Where each peer is, so a relay or a leave needs no search. */
  private readonly roomOfPeer = new Map<string, Room>();
  /** Codes of expired rooms and when they expired, so joiners hear "expired" rather than "unknown". */
  private readonly expired = new Map<string, number>();
  private readonly now: () => number;
  private readonly randomBytes: RandomBytes;
  readonly defaultMaxPeers: number;
  private readonly idleTtlMs: number;
  private readonly expiredCodeMemoryMs: number;
  private readonly maxRooms: number;
  private readonly iceServers: SignalIceServer[];

  constructor(options: RoomRegistryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.randomBytes = options.randomBytes ?? cryptoRandomBytes;
    this.defaultMaxPeers = options.defaultMaxPeers ?? DEFAULT_ROOM_PEERS;
    this.idleTtlMs = options.idleTtlMs ?? ROOM_IDLE_TTL_MS;
    this.expiredCodeMemoryMs = options.expiredCodeMemoryMs ?? EXPIRED_CODE_MEMORY_MS;
    this.maxRooms = options.maxRooms ?? MAX_ROOMS;
    this.iceServers = options.iceServers ?? [];
  }

  private offeredIceServers(): { iceServers?: SignalIceServer[] } {
    return this.iceServers.length > 0 ? { iceServers: this.iceServers } : {};
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /** A fresh id for a member about to create or join a room. */
  newPeerId(): string {
    let id = generatePeerId(this.randomBytes);
    while (this.roomOfPeer.has(id)) id = generatePeerId(this.randomBytes);
    return id;
  }

  /** Opens a room with `member` in it and tells the member its code. */
  create(member: RoomMember, maxPeers = this.defaultMaxPeers): string {
    this.assertFree(member);
    this.sweep();
    if (this.rooms.size >= this.maxRooms) throw new RoomError('server_busy', 'this server holds too many rooms; try again later');
    let code = generateRoomCode(this.randomBytes);
    // 2^59 codes make a collision all but impossible; checking costs nothing and rules it out.
    while (this.rooms.has(code) || this.expired.has(code)) code = generateRoomCode(this.randomBytes);
    const room: Room = { code, maxPeers, members: new Map([[member.peerId, member]]), emptySince: null, joinedOnce: false };
    this.rooms.set(code, room);
    this.roomOfPeer.set(member.peerId, room);
    member.send({ type: 'room-created', code, peerId: member.peerId, maxPeers, ...this.offeredIceServers() });
    return code;
  }

  /** Adds `member` to the room with `code` (already normalised); tells it and the others. */
  join(member: RoomMember, code: string): void {
    this.assertFree(member);
    this.sweep();
    const room = this.rooms.get(code);
    if (!room) {
      if (this.expired.has(code)) throw new RoomError('room_expired', `room ${code} expired after staying empty; create a new room`);
      throw new RoomError('room_not_found', `no room has the code ${code}; check the code`);
    }
    if (room.members.size >= room.maxPeers) throw new RoomError('room_full', `room ${code} is full (${room.maxPeers} peers)`);
    const peers = [...room.members.keys()];
    room.members.set(member.peerId, member);
    room.emptySince = null;
    room.joinedOnce = true;
    this.roomOfPeer.set(member.peerId, room);
    member.send({ type: 'joined', code, peerId: member.peerId, peers, ...this.offeredIceServers() });
    for (const other of room.members.values()) {
      if (other !== member) other.send({ type: 'peer-joined', peerId: member.peerId });
    }
  }

  /** Passes a signal from `fromId` to `toId`, both in the same room. */
  relay(fromId: string, toId: string, data: Record<string, unknown>): void {
    const room = this.roomOfPeer.get(fromId);
    if (!room) throw new RoomError('not_in_room', 'create or join a room before sending signals');
    const target = room.members.get(toId);
    if (!target || toId === fromId) throw new RoomError('unknown_peer', `peer ${toId} is not in this room`);
    target.send({ type: 'signal', from: fromId, data });
  }

  /** Removes the peer from its room, if any, and tells the others. Safe to call twice. */
  leave(peerId: string): void {
    const room = this.roomOfPeer.get(peerId);
    if (!room) return;
    this.roomOfPeer.delete(peerId);
    room.members.delete(peerId);
    for (const other of room.members.values()) other.send({ type: 'peer-left', peerId });
    if (room.members.size === 0) room.emptySince = this.now();
  }

  roomOf(peerId: string): string | undefined {
    return this.roomOfPeer.get(peerId)?.code;
  }

  membersOf(code: string): string[] {
    return [...(this.rooms.get(code)?.members.keys() ?? [])];
  }

  /**
   * Expires rooms that have been empty for the idle time and forgets old expired codes. Called on
   * every create/join and by the plugin's timer, so memory is bounded even on a quiet server.
   */
  sweep(): void {
    const now = this.now();
    for (const [code, room] of this.rooms) {
      // A room nobody ever joined is kept only briefly (its creator may be reloading): rooms
      // created and left in a loop must not hold the server's slots for the full idle time.
      const ttl = room.joinedOnce ? this.idleTtlMs : Math.min(this.idleTtlMs, UNJOINED_ROOM_TTL_MS);
      if (room.emptySince !== null && now - room.emptySince >= ttl) {
        this.rooms.delete(code);
        this.expired.set(code, now);
      }
    }
    for (const [code, at] of this.expired) {
      if (now - at >= this.expiredCodeMemoryMs) this.expired.delete(code);
    }
  }

  private assertFree(member: RoomMember): void {
    if (this.roomOfPeer.has(member.peerId)) {
      throw new RoomError('already_in_room', `already in room ${this.roomOfPeer.get(member.peerId)?.code}; send leave first`);
    }
  }
}
