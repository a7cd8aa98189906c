import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { signalingPlugin, type SignalingOptions } from '../../judge-server/signaling/index.js';
import { SIGNAL_CLOSE_CODES, parseServerMessage, type ServerMessage } from '../../protocol/signaling.js';

/** A `ws` client that queues server messages and records how the socket closed. */
class TestSocket {
  private readonly queue: ServerMessage[] = [];
  private readonly waiters: ((m: ServerMessage) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const message = parseServerMessage(raw.toString());
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  next(timeoutMs = 3000): Promise<ServerMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within timeout')), timeoutMs);
      this.waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  async create(extra: object = {}): Promise<{ code: string; peerId: string }> {
    this.send({ type: 'create-room', ...extra });
    const m = await this.next();
    if (m.type !== 'room-created') throw new Error(`expected room-created, got ${JSON.stringify(m)}`);
    return m;
  }

  async join(code: string): Promise<{ peerId: string; peers: string[] }> {
    this.send({ type: 'join-room', code });
    const m = await this.next();
    if (m.type !== 'joined') throw new Error(`expected joined, got ${JSON.stringify(m)}`);
    return m;
  }

  close(): void {
    this.ws.close();
  }
}

let app: FastifyInstance | null = null;
const sockets: TestSocket[] = [];

async function start(options: SignalingOptions = {}): Promise<string> {
  app = Fastify();
  await app.register(signalingPlugin, options);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return `${address.replace('http', 'ws')}/v1/signal`;
}

async function connect(url: string): Promise<TestSocket> {
  const socket = await TestSocket.open(url);
  sockets.push(socket);
  return socket;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await app?.close();
  app = null;
});

describe('signaling server', () => {
  it('creates a room, lets a peer join by code and relays signals both ways', async () => {
    const url = await start();
    const [a, b] = [await connect(url), await connect(url)];
    const room = await a.create();
    expect(room.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const joined = await b.join(room.code);
    expect(joined.peers).toEqual([room.peerId]);
    expect(await a.next()).toEqual({ type: 'peer-joined', peerId: joined.peerId });

    a.send({ type: 'signal', to: joined.peerId, data: { type: 'offer', sdp: 'v=0' } });
    expect(await b.next()).toEqual({ type: 'signal', from: room.peerId, data: { type: 'offer', sdp: 'v=0' } });
    b.send({ type: 'signal', to: room.peerId, data: { type: 'answer', sdp: 'v=0' } });
    expect(await a.next()).toEqual({ type: 'signal', from: joined.peerId, data: { type: 'answer', sdp: 'v=0' } });
  });

  it('tells the others peer-left when a socket closes, and when a peer sends leave', async () => {
    const url = await start();
    const [a, b, c] = [await connect(url), await connect(url), await connect(url)];
    const room = await a.create();
    const jb = await b.join(room.code);
    await a.next();
    const jc = await c.join(room.code);
    await a.next();
    await b.next();
    b.close();
    expect(await a.next()).toEqual({ type: 'peer-left', peerId: jb.peerId });
    expect(await c.next()).toEqual({ type: 'peer-left', peerId: jb.peerId });
    c.send({ type: 'leave' });
    expect(await a.next()).toEqual({ type: 'peer-left', peerId: jc.peerId });
  });

  it('gives a fresh peer id to a socket that leaves and joins again', async () => {
    const url = await start();
    const [a, b] = [await connect(url), await connect(url)];
    const room = await a.create();
    const first = await b.join(room.code);
    await a.next();
    b.send({ type: 'leave' });
    await a.next();
    const second = await b.join(room.code);
    expect(second.peerId).not.toBe(first.peerId);
  });

  it('answers room_full to the fifth peer of a default room, keeping its socket open', async () => {
    const url = await start();
    const a = await connect(url);
    const room = await a.create();
    for (let i = 0; i < 3; i++) await (await connect(url)).join(room.code);
    const fifth = await connect(url);
    fifth.send({ type: 'join-room', code: room.code });
    expect(await fifth.next()).toMatchObject({ type: 'error', code: 'room_full' });
    expect(fifth.ws.readyState).toBe(WebSocket.OPEN);
    // The same socket can still create its own room.
    await fifth.create();
  });

  it('answers room_not_found for an unknown code', async () => {
    const url = await start();
    const a = await connect(url);
    a.send({ type: 'join-room', code: 'K7QX-M3PD-9TZR' });
    const error = await a.next();
    expect(error).toMatchObject({ type: 'error', code: 'room_not_found' });
    expect(error.type === 'error' && error.message).toContain('K7QX-M3PD-9TZR');
  });

  it('expires an idle room and answers room_expired for its code', async () => {
    let now = 1_000_000;
    const url = await start({ now: () => now, roomIdleTtlMs: 60_000 });
    const a = await connect(url);
    const room = await a.create();
    a.send({ type: 'leave' });
    // A second leave is answered only after the first was handled: the room is empty from now.
    a.send({ type: 'leave' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'not_in_room' });
    now += 60_000;
    const b = await connect(url);
    b.send({ type: 'join-room', code: room.code });
    expect(await b.next()).toMatchObject({ type: 'error', code: 'room_expired' });
  });

  it('sweeps empty rooms on a timer', async () => {
    let now = 1_000_000;
    const url = await start({ now: () => now, roomIdleTtlMs: 1000, sweepIntervalMs: 20 });
    const a = await connect(url);
    await a.create();
    a.close();
    await a.closed;
    now += 1000;
    await new Promise((r) => setTimeout(r, 100));
    expect(app?.signalingRooms.roomCount).toBe(0);
  });

  it('names the field of a malformed message and keeps the socket open', async () => {
    const url = await start();
    const a = await connect(url);
    a.send({ type: 'join-room', code: 'nope' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'bad_message', field: '/code' });
    a.send('not json');
    expect(await a.next()).toMatchObject({ type: 'error', code: 'bad_message' });
    a.send({ type: 'launch-missiles' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'bad_message', field: '/type' });
    a.send({ type: 'signal', to: '0123456789abcdef', data: 'x' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'bad_message', field: '/data' });
    await a.create();
  });

  it('answers not_in_room, unknown_peer and already_in_room', async () => {
    const url = await start();
    const a = await connect(url);
    a.send({ type: 'signal', to: '0123456789abcdef', data: {} });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'not_in_room' });
    a.send({ type: 'leave' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'not_in_room' });
    const room = await a.create();
    a.send({ type: 'signal', to: '0123456789abcdef', data: {} });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'unknown_peer' });
    a.send({ type: 'create-room' });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'already_in_room' });
    a.send({ type: 'join-room', code: room.code });
    expect(await a.next()).toMatchObject({ type: 'error', code: 'already_in_room' });
  });

  it('refuses an oversized frame with message_too_large and closes with 1009', async () => {
    const url = await start({ maxMessageBytes: 4096 });
    const [a, b] = [await connect(url), await connect(url)];
    const room = await a.create();
    const joined = await b.join(room.code);
    await a.next();
    b.send({ type: 'signal', to: room.peerId, data: { sdp: 'x'.repeat(5000) } });
    expect(await b.next()).toMatchObject({ type: 'error', code: 'message_too_large' });
    expect((await b.closed).code).toBe(SIGNAL_CLOSE_CODES.messageTooBig);
    // The room hears that the peer is gone.
    expect(await a.next()).toEqual({ type: 'peer-left', peerId: joined.peerId });
  });

  it('refuses a flood with rate_limited and closes with 1008', async () => {
    const url = await start({ messagesPerSecond: 5, messageBurst: 10 });
    const a = await connect(url);
    await a.create();
    for (let i = 0; i < 30; i++) a.send({ type: 'signal', to: '0123456789abcdef', data: {} });
    const seen: string[] = [];
    for (;;) {
      const m = await a.next();
      if (m.type !== 'error') continue;
      seen.push(m.code);
      if (m.code === 'rate_limited') break;
    }
    // The burst passes (9 frames after create-room), then the limit bites.
    expect(seen.filter((c) => c === 'unknown_peer')).toHaveLength(9);
    expect((await a.closed).code).toBe(SIGNAL_CLOSE_CODES.policyViolation);
  });

  it('refuses binary frames with bad_message and closes with 1003', async () => {
    const url = await start();
    const a = await connect(url);
    a.send(Buffer.from('{"type":"create-room"}'));
    expect(await a.next()).toMatchObject({ type: 'error', code: 'bad_message' });
    expect((await a.closed).code).toBe(SIGNAL_CLOSE_CODES.unsupportedData);
  });

  it('lets the creator choose a two-peer room', async () => {
    const url = await start();
    const [a, b, c] = [await connect(url), await connect(url), await connect(url)];
    const room = await a.create({ maxPeers: 2 });
    await b.join(room.code);
    c.send({ type: 'join-room', code: room.code });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'room_full' });
  });

  it('closes sockets with 1001 when the server shuts down', async () => {
    const url = await start();
    const a = await connect(url);
    await a.create();
    await app?.close();
    app = null;
    expect((await a.closed).code).toBe(SIGNAL_CLOSE_CODES.goingAway);
  });

  it('drops a socket that stops answering pings, and the room hears peer-left', async () => {
    const url = await start({ heartbeatIntervalMs: 50 });
    const [a, b] = [await connect(url), await connect(url)];
    const room = await a.create();
    const joined = await b.join(room.code);
    await a.next();
    // Silence b's automatic pong (ws answers pings by calling its own pong()), as a peer whose
    // machine went to sleep would.
    (b.ws as unknown as { pong: () => void }).pong = () => {};
    expect(await a.next(2000)).toEqual({ type: 'peer-left', peerId: joined.peerId });
  });
});

describe('signaling server: limits per client address', () => {
  it('refuses a socket beyond the open connections one address may hold', async () => {
    const url = await start({ maxConnectionsPerIp: 2 });
    await connect(url);
    await connect(url);
    const third = await connect(url);
    expect(await third.next()).toMatchObject({ type: 'error', code: 'rate_limited', message: expect.stringMatching(/open connections/) });
    expect((await third.closed).code).toBe(SIGNAL_CLOSE_CODES.policyViolation);
  });

  it('limits the rooms one address may enter, across its sockets, without closing them', async () => {
    const url = await start({ roomsPerMinute: 2 });
    const a = await connect(url);
    await a.create();
    a.send({ type: 'leave' });
    const b = await connect(url);
    await b.create();
    const c = await connect(url);
    c.send({ type: 'create-room' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'rate_limited', message: expect.stringMatching(/rooms per minute/) });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });
});
