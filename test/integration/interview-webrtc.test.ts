/**
 * Interview rules over real WebRTC (@roamhq/wrtc) and the real signaling server: an interviewer,
 * a tampered candidate and an observer. The candidate's client is "tampered" by calling the
 * provider directly, the way a modified app would: it signs its own interview states (a role
 * change, a timer change, a challenge switch) and sends a challenge switch message. The other
 * peers must refuse all of it; they must also refuse the observer's edits, and the interviewer's
 * private notes must never reach the candidate's data channel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import wrtc from '@roamhq/wrtc';
import * as Y from 'yjs';
import { signalingPlugin } from '../../judge-server/signaling/index.js';
import { PairingProvider } from '../../desktop/renderer/pairing/pairing-provider.js';
import { createSimplePeer, type PeerOptions } from '../../desktop/renderer/pairing/peer-factory.js';
import { LOCAL_ORIGIN, getCode, seedStarterCode } from '../../desktop/renderer/pairing/room-doc.js';
import { createIdentity, signState, type Identity } from '../../desktop/renderer/pairing/interview/identity.js';
import { InterviewRoom } from '../../desktop/renderer/pairing/interview/interview-room.js';
import { foundingState, mayAcceptSwitch } from '../../desktop/renderer/pairing/interview/roles.js';
import { newTimer, remainingMs, startTimer } from '../../desktop/renderer/pairing/interview/timer.js';
import { MESSAGE_NOTES, writeNotesUpdate, writeSwitch } from '../../protocol/pairing-messages.js';
import type { SwitchMessage } from '../../protocol/pairing-messages.js';

let app: FastifyInstance | null = null;
let url = '';
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  app = Fastify();
  await app.register(signalingPlugin);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  url = `${address.replace('http', 'ws')}/v1/signal`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  await app?.close();
  app = null;
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Person {
  name: string;
  identity: Identity;
  provider: PairingProvider;
  room: InterviewRoom;
  /** Type of every data-channel message this person received (first byte: all types are < 128). */
  received: number[];
  refused: string[];
}

async function person(name: string, roomOption: { create: true } | { code: string }, reuse?: Identity): Promise<Person> {
  const identity = reuse ?? (await createIdentity());
  const received: number[] = [];
  const refused: string[] = [];
  // Record what arrives on the wire, before the provider decides anything.
  const createPeer = (options: PeerOptions) => {
    const peer = createSimplePeer(options);
    peer.on('data', (data: Uint8Array) => received.push(data[0]!));
    return peer;
  };
  const provider = new PairingProvider(new Y.Doc(), {
    signalingUrl: url,
    room: roomOption,
    wrtc,
    WebSocket,
    identity,
    createPeer,
    linkBackoff: { initialMs: 50, maxMs: 500 },
    signalingBackoff: { initialMs: 50, maxMs: 500 },
  });
  provider.on('refused', (what) => refused.push(what));
  const room = new InterviewRoom({ provider, doc: provider.doc, identity, selfName: name, nameOf: () => 'partner' });
  cleanups.push(() => {
    room.destroy();
    provider.destroy();
  });
  return { name, identity, provider, room, received, refused };
}

const code = (p: Person) => getCode(p.provider.doc, 'javascript').toString();
const STARTER = 'function twoSum(nums, target) {\n}\n';

/** Interviewer founds an interview; candidate and observer join; the observer is made one. */
async function interview(): Promise<[Person, Person, Person]> {
  const interviewer = await person('Iris', { create: true });
  const [info] = await interviewer.provider.once('room');
  seedStarterCode(interviewer.provider.doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: STARTER } });
  await interviewer.room.found('two-sum', newTimer(30 * 60_000));
  const candidate = await person('Cato', { code: info.code });
  const observer = await person('Otto', { code: info.code });
  const all = [interviewer, candidate, observer];
  await waitFor(() => all.every((p) => p.provider.peers.length === 2 && p.provider.peers.every((peer) => peer.participantId !== null) && p.room.state !== null), 'the interview to reach everyone');
  expect(await interviewer.room.change({ kind: 'role', participantId: observer.identity.id, role: 'observer' })).toBeNull();
  await waitFor(() => all.every((p) => p.room.roleOfParticipant(observer.identity.id) === 'observer'), 'everyone to see the observer');
  await waitFor(() => code(candidate) === STARTER && code(observer) === STARTER, 'the starter code');
  return [interviewer, candidate, observer];
}

describe('interview rules over WebRTC', () => {
  it('gives everyone the same roles: the creator interviews, joiners are candidates', async () => {
    const [interviewer, candidate, observer] = await interview();
    for (const p of [interviewer, candidate, observer]) {
      expect(p.room.roleOfParticipant(interviewer.identity.id)).toBe('interviewer');
      expect(p.room.roleOfParticipant(candidate.identity.id)).toBe('candidate');
    }
    expect(candidate.room.ownRole).toBe('candidate');
    expect(observer.room.ownRole).toBe('observer');
  });

  it('refuses a tampered candidate’s own signed role, timer and challenge changes', async () => {
    const [interviewer, candidate, observer] = await interview();
    const refusals: string[] = [];
    interviewer.room.on('refused', (reason) => refusals.push(`interviewer: ${reason}`));
    observer.room.on('refused', (reason) => refusals.push(`observer: ${reason}`));
    const chain = candidate.room.chainForTest!;
    const last = chain[chain.length - 1]!.state;
    const forge = async (change: Partial<typeof last>) =>
      signState(candidate.identity, { ...last, seq: last.seq + 1, issuer: candidate.identity.id, at: Date.now(), ...change });
    // Each forged state is signed correctly, by the candidate's own key: the rule, not the signature, fails it.
    const forged = [
      await forge({ roles: { ...last.roles, [candidate.identity.id]: 'interviewer' } }),
      await forge({ timer: startTimer(newTimer(99 * 60_000), Date.now()) }),
      await forge({ challengeId: 'fizz-buzz' }),
    ];
    for (const state of forged) expect(candidate.provider.sendInterviewChain({ chain: [...chain, state] })).toBe(2);
    // And an interview of its own, founded by the candidate: another founder than the room's.
    const fake = await signState(candidate.identity, foundingState(last.room, candidate.identity.id, Date.now(), 'fizz-buzz', newTimer(1)));
    candidate.provider.sendInterviewChain({ chain: [fake] });
    await waitFor(() => refusals.length >= 6, 'both peers to refuse the three changes');
    expect(refusals.filter((r) => r.includes('not an interviewer'))).toHaveLength(6);
    // A round trip later (a chat message sent after the forgeries arrives after them), nothing changed.
    const chats: string[] = [];
    interviewer.provider.on('chat', (chat) => chats.push(chat.text));
    candidate.provider.sendChat({ id: 'c1', name: 'Cato', text: 'done', sentAt: Date.now() });
    await waitFor(() => chats.length === 1, 'the chat after the forgeries');
    for (const p of [interviewer, observer]) {
      expect(p.room.state!.seq).toBe(last.seq);
      expect(p.room.state!.challengeId).toBe('two-sum');
      expect(p.room.state!.timer).toEqual(last.timer);
      expect(p.room.roleOfParticipant(candidate.identity.id)).toBe('candidate');
      expect(p.room.state!.founder).toBe(interviewer.identity.id);
    }
  });

  it('refuses a tampered candidate’s challenge switch message, and accepts the interviewer’s', async () => {
    const [interviewer, candidate, observer] = await interview();
    const decisions: [string, boolean][] = [];
    for (const p of [interviewer, observer]) {
      p.provider.on('switch', (change: SwitchMessage, from: string) => {
        decisions.push([p.name, mayAcceptSwitch(p.room.state, p.provider.participantOf(from), change)]);
      });
    }
    expect(candidate.provider.sendSwitch({ name: 'Iris', challengeId: 'fizz-buzz' })).toBe(2);
    await waitFor(() => decisions.length === 2, 'the switch to arrive');
    expect(decisions).toEqual(expect.arrayContaining([['Iris', false], ['Otto', false]]));
    expect(writeSwitch({ name: 'Iris', challengeId: 'fizz-buzz' })[0]).toBe(4);
    const accepted: boolean[] = [];
    candidate.provider.on('switch', (change: SwitchMessage, from: string) => accepted.push(mayAcceptSwitch(candidate.room.state, candidate.provider.participantOf(from), change)));
    interviewer.provider.sendSwitch({ name: 'Iris', challengeId: 'fizz-buzz' });
    await waitFor(() => accepted.length === 1, 'the interviewer’s switch');
    expect(accepted).toEqual([true]);
  });

  it('applies the candidate’s edits everywhere and refuses the observer’s', async () => {
    const [interviewer, candidate, observer] = await interview();
    const text = getCode(candidate.provider.doc, 'javascript');
    candidate.provider.doc.transact(() => text.insert(text.length, '// candidate\n'), LOCAL_ORIGIN);
    await waitFor(() => code(interviewer).includes('// candidate') && code(observer).includes('// candidate'), 'the candidate’s edit');
    const observed = getCode(observer.provider.doc, 'javascript');
    observer.provider.doc.transact(() => observed.insert(0, '// observer was here\n'), LOCAL_ORIGIN);
    await waitFor(() => interviewer.refused.includes('sync update') && candidate.refused.includes('sync update'), 'the observer’s edit to be refused');
    expect(code(interviewer)).not.toContain('observer was here');
    expect(code(candidate)).not.toContain('observer was here');
    // After a reconnect the observer's copy is offered again in sync step 2: still refused.
    observer.provider.restartLink(interviewer.provider.peerId!);
    await waitFor(() => interviewer.refused.includes('sync step2'), 'the observer’s step 2 to be refused');
    expect(code(interviewer)).not.toContain('observer was here');
  });

  it('shares private notes among interviewers only; the candidate never receives a notes message', async () => {
    const [interviewer, candidate, observer] = await interview();
    // Make the observer a second interviewer: notes flow to them, never to the candidate.
    expect(await interviewer.room.change({ kind: 'role', participantId: observer.identity.id, role: 'interviewer' })).toBeNull();
    await waitFor(() => observer.room.ownRole === 'interviewer', 'the second interviewer');
    interviewer.room.addNote('weak on edge cases');
    await waitFor(() => observer.room.notes.some((n) => n.text === 'weak on edge cases'), 'the note at the second interviewer');
    observer.room.addNote('good naming');
    await waitFor(() => interviewer.room.notes.length === 2, 'the second note back');
    // The candidate adding a note does nothing (not an interviewer); a tampered one that sends a
    // notes update of its own straight to the interviewers is refused by both.
    candidate.room.addNote('I am great');
    const forgedNotes = new Y.Doc();
    forgedNotes.getArray('notes').push([{ id: 'x', at: 1, author: 'Cato', text: 'forged note' }]);
    expect(candidate.provider.sendPrivateNotes(writeNotesUpdate(Y.encodeStateAsUpdate(forgedNotes)))).toBe(2);
    const chats: string[] = [];
    candidate.provider.on('chat', (chat) => chats.push(chat.text));
    interviewer.provider.sendChat({ id: 'c1', name: 'Iris', text: 'later', sentAt: Date.now() });
    await waitFor(() => chats.length === 1, 'a later message');
    expect(candidate.received).not.toContain(MESSAGE_NOTES);
    expect(candidate.room.notes).toEqual([]);
    await waitFor(() => interviewer.refused.includes('private notes') && observer.refused.includes('private notes'), 'the forged notes to be refused');
    expect(interviewer.room.notes.map((n) => n.text)).toEqual(['weak on edge cases', 'good naming']);
    expect(observer.room.notes.map((n) => n.text)).toEqual(['weak on edge cases', 'good naming']);
  });

  it('brings an interviewer’s notes and replay back after a reload, from their machine only', async () => {
    const [interviewer, candidate, observer] = await interview();
    const stores = new Map<Person, Map<string, Uint8Array>>();
    const storeOf = (p: Person) => {
      const map = stores.get(p) ?? new Map<string, Uint8Array>();
      stores.set(p, map);
      return { load: async (key: string) => map.get(key) ?? null, save: async (key: string, value: Uint8Array) => void map.set(key, value) };
    };
    const room = interviewer.provider.roomCode!;
    for (const p of [interviewer, candidate, observer]) await p.room.keepLocally(storeOf(p), room);
    interviewer.room.addNote('before the reload');
    const text = getCode(candidate.provider.doc, 'javascript');
    candidate.provider.doc.transact(() => text.insert(0, '// typed by the candidate\n'), LOCAL_ORIGIN);
    await waitFor(() => code(interviewer).includes('// typed by the candidate'), 'the edit at the interviewer');
    const edits = interviewer.room.replayLog!.edits.length;
    expect(edits).toBeGreaterThan(0);
    // The reload: this window's room goes away (saving), a new one with the same identity rejoins.
    interviewer.room.destroy();
    interviewer.provider.destroy();
    expect([...stores.get(candidate)!.keys()]).toEqual([]);
    expect([...stores.get(observer)!.keys()]).toEqual([]);
    const back = await person('Iris', { code: room }, interviewer.identity);
    await back.room.keepLocally(storeOf(interviewer), room);
    await waitFor(() => back.room.ownRole === 'interviewer', 'the interviewer role again');
    expect(back.room.notes.map((n) => n.text)).toEqual(['before the reload']);
    expect(back.room.replayLog!.edits.length).toBeGreaterThanOrEqual(edits);
  });

  it('shows the same remaining time on every peer, including one that joins after the timer started', async () => {
    const [interviewer, candidate, observer] = await interview();
    const started = startTimer(newTimer(10 * 60_000), Date.now());
    expect(await interviewer.room.change({ kind: 'timer', timer: started })).toBeNull();
    await waitFor(() => [candidate, observer].every((p) => p.room.state!.timer.startedAt !== null), 'the timer to start everywhere');
    const late = await person('Lena', { code: interviewer.provider.roomCode! });
    await waitFor(() => late.room.state?.timer.startedAt !== null && late.room.state !== null, 'the late joiner to get the timer');
    const now = Date.now();
    const remaining = [interviewer, candidate, observer, late].map((p) => remainingMs(p.room.state!.timer, now));
    expect(new Set(remaining).size).toBe(1);
    expect(remaining[0]).toBeGreaterThan(9 * 60_000);
  });
});
