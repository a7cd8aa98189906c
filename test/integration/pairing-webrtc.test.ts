/**
 * Pairing over real WebRTC (@roamhq/wrtc) through the real signaling server (Fastify +
 * @fastify/websocket on a random loopback port): convergence, awareness, app messages, and
 * resync after dropped links.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import wrtc from '@roamhq/wrtc';
import * as Y from 'yjs';
import { signalingPlugin } from '../../judge-server/signaling/index.js';
import { PairingProvider, type PairingProviderOptions, type PairingError } from '../../desktop/renderer/pairing/pairing-provider.js';
import { createSimplePeer } from '../../desktop/renderer/pairing/peer-factory.js';
import { LOCAL_ORIGIN, getCode, getSelection, seedStarterCode } from '../../desktop/renderer/pairing/room-doc.js';
import type { ChatMessage, RunResultMessage } from '../../protocol/pairing-messages.js';

let app: FastifyInstance | null = null;
let url = '';
const providers: PairingProvider[] = [];

beforeEach(async () => {
  app = Fastify();
  await app.register(signalingPlugin);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  url = `${address.replace('http', 'ws')}/v1/signal`;
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.close();
  app = null;
});

function provider(room: PairingProviderOptions['room'], doc = new Y.Doc()): PairingProvider {
  const p = new PairingProvider(doc, {
    signalingUrl: url,
    room,
    wrtc,
    WebSocket,
    linkBackoff: { initialMs: 50, maxMs: 500 },
    signalingBackoff: { initialMs: 50, maxMs: 500 },
  });
  providers.push(p);
  return p;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const text = (p: PairingProvider): string => getCode(p.doc, 'javascript').toString();
const STARTER = 'function twoSum(nums, target) {\n}\n';

/** A creates a room and seeds it, as the UI's Create room does; the others join by code. */
/** A room of `size` (≥ 2) connected, synced peers; the first one created it. */
async function room(size: number): Promise<[PairingProvider, PairingProvider, ...PairingProvider[]]> {
  const a = provider({ create: true });
  const [info] = await a.once('room');
  expect(info.created).toBe(true);
  expect(seedStarterCode(a.doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: STARTER, python: 'def two_sum(nums, target):\n    pass\n' } })).toBe(true);
  const all = [a];
  for (let i = 1; i < size; i++) all.push(provider({ code: info.code.toLowerCase().replace(/-/g, ' ') }));
  await waitFor(() => all.every((p) => p.status === 'connected' && p.peers.length === size - 1 && p.peers.every((peer) => peer.synced)), 'the mesh to connect and sync');
  return all as [PairingProvider, PairingProvider, ...PairingProvider[]];
}

function type(p: PairingProvider, at: (t: Y.Text) => number, chars: string): void {
  const t = getCode(p.doc, 'javascript');
  const start = at(t);
  // One transaction per character, as keystrokes arrive.
  [...chars].forEach((ch, i) => p.doc.transact(() => t.insert(start + i, ch), LOCAL_ORIGIN));
}

describe('pairing over WebRTC', () => {
  it('gives the joiner the creator’s starter code exactly once', async () => {
    const [a, b] = await room(2);
    expect(text(b)).toBe(STARTER);
    expect(getSelection(b.doc)).toEqual({ challengeId: 'two-sum', language: 'javascript' });
    // A second seed (a reconnect, a reload) changes nothing on either side.
    expect(seedStarterCode(a.doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: STARTER } })).toBe(false);
    expect(seedStarterCode(b.doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: STARTER } })).toBe(false);
    expect(text(a)).toBe(STARTER);
  });

  it('converges concurrent edits on both sides to identical text', async () => {
    const [a, b] = await room(2);
    for (let round = 0; round < 20; round++) {
      type(a, () => 0, 'a');
      type(b, (t) => t.length, 'b');
      type(a, (t) => Math.floor(t.length / 2), 'A');
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => text(a) === text(b) && text(a).length === STARTER.length + 60, 'texts to converge');
    expect(text(a).match(/a/g)).toHaveLength(20 + (STARTER.match(/a/g)?.length ?? 0));
    expect(text(b).match(/b/g)).toHaveLength(20);
  });

  it('shows each peer the other’s name and cursor through awareness, and removes it when the peer leaves', async () => {
    const [a, b] = await room(2);
    a.awareness.setLocalStateField('user', { name: 'Ada', color: '#e91e63' });
    a.awareness.setLocalStateField('cursor', { anchor: 4, head: 9 });
    await waitFor(() => (b.awareness.getStates().get(a.awareness.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined, 'A’s cursor at B');
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual({ user: { name: 'Ada', color: '#e91e63' }, cursor: { anchor: 4, head: 9 } });
    expect(b.peers[0]?.awarenessClients).toContain(a.awareness.clientID);
    a.disconnect();
    await waitFor(() => !b.awareness.getStates().has(a.awareness.clientID), 'A’s cursor to go away at B');
    expect(a.status).toBe('offline');
  });

  it('delivers chat, run results and switches to the other peer', async () => {
    const [a, b] = await room(2);
    const chats: [ChatMessage, string][] = [];
    const runs: [RunResultMessage, string][] = [];
    b.on('chat', (...args) => chats.push(args));
    b.on('run-result', (...args) => runs.push(args));
    const switched = b.once('switch');
    const run: RunResultMessage = {
      id: 'run-1',
      name: 'Ada',
      mode: 'submit',
      language: 'javascript',
      challengeId: 'two-sum',
      // A large stdout travels in fragments.
      result: { id: 'sub-1', status: 'done', verdict: 'wrong_answer', tests: [{ name: 'case 1', passed: false, hidden: false, expected: [0, 1], actual: [1, 0] }], stdout: 'log\n'.repeat(20_000), durationMs: 42 },
      sentAt: Date.now(),
    };
    expect(a.sendChat({ id: 'c-1', name: 'Ada', text: 'I take the loop', sentAt: Date.now() })).toBe(1);
    expect(a.sendRunResult(run)).toBe(1);
    expect(a.sendSwitch({ name: 'Ada', language: 'python' })).toBe(1);
    await waitFor(() => chats.length === 1 && runs.length === 1, 'chat and run result');
    expect(chats[0]).toEqual([{ id: 'c-1', name: 'Ada', text: 'I take the loop', sentAt: expect.any(Number) }, a.peerId]);
    expect(runs[0]).toEqual([run, a.peerId]);
    expect(await switched).toEqual([{ name: 'Ada', language: 'python' }, a.peerId]);
  });

  it('resyncs after a dropped link with no lost edit, including edits made while it was down', async () => {
    const [a, b] = await room(2);
    const statuses: string[] = [];
    b.on('status', (s) => statuses.push(s));
    // Cut the data channel under B, as a network failure would.
    b.restartLink(a.peerId!);
    await waitFor(() => a.status !== 'connected' && b.status !== 'connected', 'both sides to notice the drop');
    type(a, () => 0, '// A was here\n');
    type(b, (t) => t.length, '// B too\n');
    await waitFor(() => a.status === 'connected' && b.status === 'connected' && text(a) === text(b) && text(a).length === STARTER.length + 23, 'the link to come back and resync');
    expect(text(a)).toBe(`// A was here\n${STARTER}// B too\n`);
    expect(statuses).toContain('reconnecting');
    expect(statuses.at(-1)).toBe('connected');
  });

  it('resyncs when the initiating side drops the link too', async () => {
    const [a, b] = await room(2);
    const initiator = a.peerId! < b.peerId! ? a : b;
    const other = initiator === a ? b : a;
    initiator.restartLink(other.peerId!);
    type(initiator, () => 0, 'X');
    await waitFor(() => text(a) === text(b) && text(b).startsWith('X') && a.status === 'connected' && b.status === 'connected', 'resync');
  });

  it('rejoins the same room after disconnect and merges edits made while apart', async () => {
    const [a, b] = await room(2);
    const code = b.roomCode;
    b.disconnect();
    expect(b.status).toBe('offline');
    await waitFor(() => a.peers.length === 0, 'A to hear that B left');
    type(a, () => 0, 'alpha\n');
    type(b, (t) => t.length, 'beta\n');
    b.connect();
    await waitFor(() => b.status === 'connected' && a.peers.length === 1 && text(a) === text(b) && text(a).length === STARTER.length + 11, 'rejoin and merge');
    expect(b.roomCode).toBe(code);
    expect(text(a)).toBe(`alpha\n${STARTER}beta\n`);
  });

  it('reconnects on its own when the signaling socket drops, and keeps editing in sync', async () => {
    const [a, b] = await room(2);
    const [idA, idB] = [a.peerId, b.peerId];
    // Drop every server-side socket without a close frame: both peers must reconnect and rejoin
    // (with new peer ids), and rebuild their link.
    for (const client of app!.websocketServer.clients) client.terminate();
    type(a, () => 0, 'after-drop\n');
    await waitFor(() => a.peerId !== idA && b.peerId !== idB, 'both peers to rejoin with new ids');
    await waitFor(() => a.status === 'connected' && b.status === 'connected' && text(b).startsWith('after-drop\n') && text(a) === text(b), 'rejoin and sync');
  });

  it('keeps three peers in a full mesh converged under concurrent edits', async () => {
    const peers = await room(3);
    for (let round = 0; round < 10; round++) {
      peers.forEach((p, i) => type(p, (t) => (i === 0 ? 0 : i === 1 ? t.length : Math.floor(t.length / 2)), String(i)));
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => peers.every((p) => text(p) === text(peers[0]!)) && text(peers[0]!).length === STARTER.length + 30, 'three texts to converge');
    // Drop one link of the triangle and keep editing: all three still converge.
    peers[2]!.restartLink(peers[0]!.peerId!);
    type(peers[2]!, () => 0, 'Z');
    type(peers[0]!, () => 0, 'Y');
    await waitFor(() => peers.every((p) => text(p) === text(peers[0]!) && p.status === 'connected') && text(peers[0]!).length === STARTER.length + 32, 'convergence after a dropped link');
  });

  it('drops the link of a peer that sends an unknown message type, reporting it', async () => {
    const honest = provider({ create: true });
    const [info] = await honest.once('room');
    const errors: PairingError[] = [];
    honest.on('error', (e) => errors.push(e));
    // A peer whose data channel sends a frame of unknown type 42 as soon as it opens.
    const hostile = new PairingProvider(new Y.Doc(), {
      signalingUrl: url,
      room: { code: info.code },
      wrtc,
      WebSocket,
      createPeer: (options) => {
        const peer = createSimplePeer(options);
        peer.on('connect', () => peer.send(Uint8Array.from([42])));
        return peer;
      },
    });
    providers.push(hostile);
    await waitFor(() => errors.some((e) => e.code === 'peer' && /unknown pairing message type 42/.test(e.message)), 'the error report');
    expect(errors[0]).toMatchObject({ fatal: false, peerId: hostile.peerId });
  });

  it('goes offline with a fatal room_not_found for an unknown code', async () => {
    const p = provider({ code: 'K7QX-M3PD-9TZR' });
    const [error] = (await p.once('error')) as [PairingError];
    expect(error).toMatchObject({ code: 'room_not_found', fatal: true });
    await waitFor(() => p.status === 'offline', 'offline');
  });

  it('refuses a fifth peer of a room with room_full', async () => {
    const peers = await room(4);
    const fifth = provider({ code: peers[0]!.roomCode! });
    const [error] = (await fifth.once('error')) as [PairingError];
    expect(error).toMatchObject({ code: 'room_full', fatal: true });
  });
});

describe('ICE servers', () => {
  it('uses the person\'s own servers and those the signaling server offers', async () => {
    const offered = [{ urls: 'stun:127.0.0.1:3478' }];
    const own = [{ urls: 'stun:127.0.0.1:3479' }];
    const server = Fastify();
    await server.register(signalingPlugin, { iceServers: offered });
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const configs: unknown[] = [];
    const make = (room: PairingProviderOptions['room']) => {
      const p = new PairingProvider(new Y.Doc(), {
        signalingUrl: `${address.replace('http', 'ws')}/v1/signal`,
        room,
        wrtc,
        WebSocket,
        iceServers: own,
        createPeer: (options) => {
          configs.push(options.config.iceServers);
          return createSimplePeer(options);
        },
      });
      providers.push(p);
      return p;
    };
    try {
      const a = make({ create: true });
      const [info] = await a.once('room');
      const b = make({ code: info.code });
      await waitFor(() => a.peers.length === 1 && b.peers.length === 1 && a.peers.every((peer) => peer.synced), 'the link to open');
      expect(configs.length).toBeGreaterThanOrEqual(2);
      for (const config of configs) expect(config).toEqual([...own, ...offered]);
    } finally {
      for (const provider of providers.splice(0)) provider.destroy();
      await server.close();
    }
  });
});
