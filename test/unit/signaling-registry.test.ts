import { describe, expect, it } from 'vitest';
import { RoomError, RoomRegistry, type RoomMember } from '../../judge-server/signaling/room-registry.js';
import { TokenBucket } from '../../judge-server/signaling/token-bucket.js';
import { resolveSignalingOptions } from '../../judge-server/signaling/options.js';
import { cryptoRandomBytes, type ServerMessage } from '../../protocol/signaling.js';

class FakeClock {
  t = 1_000_000;
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

function member(registry: RoomRegistry): RoomMember & { inbox: ServerMessage[] } {
  const inbox: ServerMessage[] = [];
  return { peerId: registry.newPeerId(), inbox, send: (m) => inbox.push(m) };
}

function roomError(fn: () => void): RoomError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RoomError);
    return error as RoomError;
  }
  throw new Error('expected a RoomError');
}

describe('RoomRegistry', () => {
  it('creates a room and tells the creator its code and peer id', () => {
    const registry = new RoomRegistry();
    const a = member(registry);
    const code = registry.create(a);
    expect(a.inbox).toEqual([{ type: 'room-created', code, peerId: a.peerId, maxPeers: 4 }]);
    expect(registry.membersOf(code)).toEqual([a.peerId]);
  });

  it('offers the operator\'s ICE servers to the creator and to every joiner', () => {
    const iceServers = [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478', username: 'u', credential: 'p' }];
    const registry = new RoomRegistry({ iceServers });
    const a = member(registry);
    const b = member(registry);
    const code = registry.create(a);
    registry.join(b, code);
    expect(a.inbox[0]).toMatchObject({ type: 'room-created', iceServers });
    expect(b.inbox[0]).toMatchObject({ type: 'joined', iceServers });
    expect(() => resolveSignalingOptions({ iceServers: [{ urls: 'http://x' }] })).toThrow(/iceServers\[0\]/);
  });

  it('keeps a room nobody joined only briefly after its creator leaves, so create-and-leave loops cannot fill the server', () => {
    const clock = new FakeClock();
    const registry = new RoomRegistry({ now: clock.now, idleTtlMs: 10 * 60_000 });
    const a = member(registry);
    const code = registry.create(a);
    registry.leave(a.peerId);
    clock.advance(60_000);
    registry.sweep();
    expect(registry.roomCount).toBe(1); // the creator may be reloading
    clock.advance(61_000);
    registry.sweep();
    expect(registry.roomCount).toBe(0);
    expect(roomError(() => registry.join(member(registry), code)).code).toBe('room_expired');
  });

  it('lets a second peer join, listing the peers already there, and tells them', () => {
    const registry = new RoomRegistry();
    const a = member(registry);
    const b = member(registry);
    const code = registry.create(a);
    registry.join(b, code);
    expect(b.inbox).toEqual([{ type: 'joined', code, peerId: b.peerId, peers: [a.peerId] }]);
    expect(a.inbox.at(-1)).toEqual({ type: 'peer-joined', peerId: b.peerId });
  });

  it('refuses a peer beyond the room size with room_full', () => {
    const registry = new RoomRegistry();
    const peers = Array.from({ length: 5 }, () => member(registry));
    const code = registry.create(peers[0]!);
    for (const p of peers.slice(1, 4)) registry.join(p, code);
    expect(roomError(() => registry.join(peers[4]!, code)).code).toBe('room_full');
    expect(registry.membersOf(code)).toHaveLength(4);
  });

  it('honours a smaller room size chosen by the creator', () => {
    const registry = new RoomRegistry();
    const [a, b, c] = [member(registry), member(registry), member(registry)];
    const code = registry.create(a, 2);
    registry.join(b, code);
    expect(roomError(() => registry.join(c, code)).code).toBe('room_full');
  });

  it('answers room_not_found for a code that never existed', () => {
    const registry = new RoomRegistry();
    expect(roomError(() => registry.join(member(registry), 'K7QX-M3PD-9TZR')).code).toBe('room_not_found');
  });

  it('relays a signal only within the room', () => {
    const registry = new RoomRegistry();
    const [a, b, stranger] = [member(registry), member(registry), member(registry)];
    const code = registry.create(a);
    registry.join(b, code);
    registry.relay(a.peerId, b.peerId, { sdp: 'x' });
    expect(b.inbox.at(-1)).toEqual({ type: 'signal', from: a.peerId, data: { sdp: 'x' } });
    registry.create(stranger);
    expect(roomError(() => registry.relay(stranger.peerId, a.peerId, {})).code).toBe('unknown_peer');
    expect(roomError(() => registry.relay(a.peerId, a.peerId, {})).code).toBe('unknown_peer');
    expect(roomError(() => registry.relay('0000000000000000', a.peerId, {})).code).toBe('not_in_room');
  });

  it('tells the others when a peer leaves, and a second leave changes nothing', () => {
    const registry = new RoomRegistry();
    const [a, b] = [member(registry), member(registry)];
    const code = registry.create(a);
    registry.join(b, code);
    registry.leave(b.peerId);
    registry.leave(b.peerId);
    expect(a.inbox.filter((m) => m.type === 'peer-left')).toEqual([{ type: 'peer-left', peerId: b.peerId }]);
    expect(registry.membersOf(code)).toEqual([a.peerId]);
  });

  it('refuses create or join by a peer already in a room', () => {
    const registry = new RoomRegistry();
    const a = member(registry);
    const code = registry.create(a);
    expect(roomError(() => registry.create(a)).code).toBe('already_in_room');
    expect(roomError(() => registry.join(a, code)).code).toBe('already_in_room');
  });

  it('keeps an occupied room alive however long it is quiet', () => {
    const clock = new FakeClock();
    const registry = new RoomRegistry({ now: clock.now, idleTtlMs: 1000 });
    const [a, b] = [member(registry), member(registry)];
    const code = registry.create(a);
    clock.advance(10_000_000);
    registry.join(b, code);
    expect(registry.membersOf(code)).toHaveLength(2);
  });

  it('lets peers rejoin an empty room within its idle time', () => {
    const clock = new FakeClock();
    const registry = new RoomRegistry({ now: clock.now, idleTtlMs: 1000 });
    const a = member(registry);
    const code = registry.create(a);
    registry.leave(a.peerId);
    clock.advance(999);
    const again = member(registry);
    registry.join(again, code);
    expect(again.inbox[0]).toMatchObject({ type: 'joined', peers: [] });
  });

  it('expires a room left empty for its idle time, and says so to a late joiner', () => {
    const clock = new FakeClock();
    const registry = new RoomRegistry({ now: clock.now, idleTtlMs: 1000, expiredCodeMemoryMs: 5000 });
    const a = member(registry);
    const code = registry.create(a);
    registry.leave(a.peerId);
    clock.advance(1000);
    registry.sweep();
    expect(registry.roomCount).toBe(0);
    const error = roomError(() => registry.join(member(registry), code));
    expect(error.code).toBe('room_expired');
    expect(error.message).toContain(code);
  });

  it('forgets expired codes after a while: they become unknown', () => {
    const clock = new FakeClock();
    const registry = new RoomRegistry({ now: clock.now, idleTtlMs: 1000, expiredCodeMemoryMs: 5000 });
    const a = member(registry);
    const code = registry.create(a);
    registry.leave(a.peerId);
    clock.advance(1000);
    registry.sweep();
    clock.advance(5000);
    expect(roomError(() => registry.join(member(registry), code)).code).toBe('room_not_found');
  });

  it('answers server_busy when it holds its maximum number of rooms', () => {
    const registry = new RoomRegistry({ maxRooms: 2 });
    registry.create(member(registry));
    registry.create(member(registry));
    expect(roomError(() => registry.create(member(registry))).code).toBe('server_busy');
  });

  it('never hands out a code that is live or remembered as expired', () => {
    const clock = new FakeClock();
    // A random source that yields all-zero bytes for the next `zeroDraws` draws, then real ones.
    let zeroDraws = 0;
    const randomBytes = (n: number): Uint8Array => (zeroDraws-- > 0 ? new Uint8Array(n) : cryptoRandomBytes(n));
    const registry = new RoomRegistry({ now: clock.now, randomBytes, idleTtlMs: 1000 });
    const a = member(registry);
    zeroDraws = 1;
    expect(registry.create(a)).toBe('2222-2222-2222');
    const b = member(registry);
    zeroDraws = 1;
    const second = registry.create(b);
    expect(second).not.toBe('2222-2222-2222');
    registry.leave(a.peerId);
    clock.advance(1000);
    registry.sweep();
    const c = member(registry);
    zeroDraws = 1;
    expect(registry.create(c)).not.toBe('2222-2222-2222');
  });
});

describe('TokenBucket', () => {
  it('allows the burst at once, then the steady rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 5, clock.now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(100);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(10_000);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
});

describe('signaling options', () => {
  it('fills in the documented defaults', () => {
    const options = resolveSignalingOptions();
    expect(options).toMatchObject({ path: '/v1/signal', defaultMaxPeers: 4, maxMessageBytes: 65536, messagesPerSecond: 20 });
  });

  it('fails fast naming a bad option', () => {
    expect(() => resolveSignalingOptions({ defaultMaxPeers: 50 })).toThrow(/defaultMaxPeers/);
    expect(() => resolveSignalingOptions({ maxMessageBytes: 10 })).toThrow(/maxMessageBytes/);
    expect(() => resolveSignalingOptions({ messagesPerSecond: Number.NaN })).toThrow(/messagesPerSecond/);
    expect(() => resolveSignalingOptions({ path: 'signal' })).toThrow(/path/);
  });
});
