/**
 * Pairing benchmark over loopback WebRTC (@roamhq/wrtc) through the real signaling server:
 *
 *   - keystroke-to-remote latency: single-character edits on A, timed until B's document has them,
 *     beside the floor: one byte sent over a bare simple-peer data channel on the same loopback
 *   - join-to-synced: from B's provider start (signaling, WebRTC, Yjs sync) to B holding A's
 *     2 000-line document
 *   - Yjs full-state sync of a 10 000-line document: encodeStateAsUpdate + applyUpdate in-process,
 *     and a joiner receiving it over the data channel (fragmented)
 *
 * Run: npm run bench:pairing
 */
import Fastify from 'fastify';
import WebSocket from 'ws';
import wrtc from '@roamhq/wrtc';
import * as Y from 'yjs';
import { signalingPlugin } from '../judge-server/signaling/index.js';
import { PairingProvider } from '../desktop/renderer/pairing/pairing-provider.js';
import { LOCAL_ORIGIN, getCode, seedStarterCode } from '../desktop/renderer/pairing/room-doc.js';
import { createSimplePeer } from '../desktop/renderer/pairing/peer-factory.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 600);
const JOIN_RUNS = Number(process.env.BENCH_JOIN_RUNS ?? 5);

function lines(count: number): string {
  return Array.from({ length: count }, (_, i) => `  const value${i} = compute(${i}, 'line ${i} of the solution');\n`).join('');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

const ms = (n: number): string => `${n.toFixed(2)} ms`;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const app = Fastify();
await app.register(signalingPlugin);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const url = `${address.replace('http', 'ws')}/v1/signal`;
const providers: PairingProvider[] = [];

function provider(doc: Y.Doc, room: { create: true } | { code: string }): PairingProvider {
  const p = new PairingProvider(doc, { signalingUrl: url, room, wrtc, WebSocket });
  providers.push(p);
  return p;
}

/** A room whose creator holds `lineCount` lines of code. */
async function roomWith(lineCount: number): Promise<{ creator: PairingProvider; code: string }> {
  const doc = new Y.Doc();
  const creator = provider(doc, { create: true });
  const [info] = await creator.once('room');
  seedStarterCode(doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: lines(lineCount) } });
  return { creator, code: info.code };
}

/** Starts a joiner and times it until its document equals the creator's. */
async function timeJoin(creator: PairingProvider, code: string): Promise<{ ms: number; joiner: PairingProvider }> {
  const expected = getCode(creator.doc, 'javascript').toString();
  const doc = new Y.Doc();
  const start = performance.now();
  const joiner = provider(doc, { code });
  await joiner.once('synced');
  await waitFor(() => getCode(doc, 'javascript').length === expected.length, 'the joiner’s document');
  const elapsed = performance.now() - start;
  if (getCode(doc, 'javascript').toString() !== expected) throw new Error('joiner document differs');
  return { ms: elapsed, joiner };
}

/** One-byte send → receive times over a bare data channel: what any edit protocol pays at least. */
async function rawChannelLatencies(count: number): Promise<number[]> {
  const sender = createSimplePeer({ initiator: true, config: { iceServers: [] }, wrtc });
  const receiver = createSimplePeer({ initiator: false, config: { iceServers: [] }, wrtc });
  sender.on('signal', (data) => receiver.signal(data));
  receiver.on('signal', (data) => sender.signal(data));
  await Promise.all([new Promise<void>((r) => sender.on('connect', r)), new Promise<void>((r) => receiver.on('connect', r))]);
  let arrived: (() => void) | null = null;
  receiver.on('data', () => arrived?.());
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const landed = new Promise<void>((resolve) => (arrived = resolve));
    const start = performance.now();
    sender.send(new Uint8Array([97 + (i % 26)]));
    await landed;
    times.push(performance.now() - start);
  }
  sender.destroy();
  receiver.destroy();
  return times.sort((x, y) => x - y);
}

const rows: [string, string][] = [];

try {
  // 1. Join to first synced document, 2 000 lines (fresh joiner each run).
  const small = await roomWith(2000);
  const joinTimes: number[] = [];
  let pair: PairingProvider | null = null;
  for (let i = 0; i < JOIN_RUNS; i++) {
    const { ms: t, joiner } = await timeJoin(small.creator, small.code);
    joinTimes.push(t);
    if (i < JOIN_RUNS - 1) {
      joiner.destroy();
      await waitFor(() => small.creator.peers.length === 0, 'the joiner to leave');
    } else pair = joiner;
  }
  const docBytes = Y.encodeStateAsUpdate(small.creator.doc).byteLength;
  rows.push([`join → first synced doc, 2 000 lines (${(docBytes / 1024).toFixed(0)} KiB), median of ${JOIN_RUNS}`, ms(median(joinTimes))]);
  rows.push(['join → first synced doc, first run (cold)', ms(joinTimes[0]!)]);

  // 2. Keystroke-to-remote latency on the 2 000-line document.
  const a = small.creator;
  const b = pair!;
  const textA = getCode(a.doc, 'javascript');
  let arrived: (() => void) | null = null;
  b.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === b && arrived) arrived();
  });
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const at = Math.floor(Math.random() * textA.length);
    const landed = new Promise<void>((resolve) => (arrived = resolve));
    const start = performance.now();
    a.doc.transact(() => textA.insert(at, String.fromCharCode(97 + (i % 26))), LOCAL_ORIGIN);
    await landed;
    latencies.push(performance.now() - start);
  }
  arrived = null;
  if (getCode(b.doc, 'javascript').toString() !== textA.toString()) throw new Error('documents diverged');
  latencies.sort((x, y) => x - y);
  rows.push([`keystroke → remote, p50 (${EDITS} single-char edits, 2 000 lines)`, ms(percentile(latencies, 50))]);
  rows.push(['keystroke → remote, p95', ms(percentile(latencies, 95))]);
  rows.push(['keystroke → remote, max', ms(latencies.at(-1)!)]);
  const floor = await rawChannelLatencies(EDITS);
  rows.push([`floor: 1 byte over a bare data channel, p50 (${EDITS} sends)`, ms(percentile(floor, 50))]);
  rows.push(['floor: 1 byte over a bare data channel, p95', ms(percentile(floor, 95))]);
  rows.push(['keystroke p50 ÷ floor p50', `${(percentile(latencies, 50) / percentile(floor, 50)).toFixed(1)}×`]);

  // 3. Full-state sync of 10 000 lines.
  const big = new Y.Doc();
  getCode(big, 'javascript').insert(0, lines(10_000));
  const encodeTimes: number[] = [];
  const applyTimes: number[] = [];
  let update: Uint8Array = new Uint8Array();
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    update = Y.encodeStateAsUpdate(big);
    encodeTimes.push(performance.now() - t);
    const copy = new Y.Doc();
    t = performance.now();
    Y.applyUpdate(copy, update);
    applyTimes.push(performance.now() - t);
  }
  rows.push([`Yjs encodeStateAsUpdate, 10 000 lines (${(update.byteLength / 1024).toFixed(0)} KiB), median of 5`, ms(median(encodeTimes))]);
  rows.push(['Yjs applyUpdate, 10 000 lines, median of 5', ms(median(applyTimes))]);

  // The same size built as 10 000 separate line insertions at random places: a document with a
  // long editing history has many more Yjs items than one pasted block.
  const typed = new Y.Doc();
  const typedText = getCode(typed, 'javascript');
  const lineLengths: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const line = `  const value${i} = compute(${i}, 'line ${i} of the solution');\n`;
    const index = Math.floor(Math.random() * (lineLengths.length + 1));
    let offset = 0;
    for (let k = 0; k < index; k++) offset += lineLengths[k]!;
    typedText.insert(offset, line);
    lineLengths.splice(index, 0, line.length);
  }
  let t0 = performance.now();
  const typedUpdate = Y.encodeStateAsUpdate(typed);
  const typedEncode = performance.now() - t0;
  t0 = performance.now();
  Y.applyUpdate(new Y.Doc(), typedUpdate);
  const typedApply = performance.now() - t0;
  rows.push([`Yjs encode + apply, 10 000 lines inserted one by one at random (${(typedUpdate.byteLength / 1024).toFixed(0)} KiB)`, `${ms(typedEncode + typedApply)}`]);

  const large = await roomWith(10_000);
  const bigJoins: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms: t, joiner } = await timeJoin(large.creator, large.code);
    bigJoins.push(t);
    joiner.destroy();
    await waitFor(() => large.creator.peers.length === 0, 'the joiner to leave');
  }
  rows.push(['join → synced over the data channel, 10 000 lines, median of 3', ms(median(bigJoins))]);

  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nPairing benchmark (loopback WebRTC via @roamhq/wrtc, Node ${process.version})\n`);
  console.log(`| ${'measure'.padEnd(width)} | ${'value'.padStart(10)} |`);
  console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(10)} |`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v.padStart(10)} |`);
} finally {
  for (const p of providers) p.destroy();
  await app.close();
}
