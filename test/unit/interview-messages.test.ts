import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  MESSAGE_IDENTITY,
  MESSAGE_INTERVIEW,
  MESSAGE_NOTES,
  PairingMessageError,
  applySyncMessage,
  readMessage,
  syncKindOf,
  writeIdentity,
  writeInterviewChain,
  writeNotesSyncStep1,
  writeSyncStep1,
  writeSyncUpdate,
} from '../../protocol/pairing-messages.js';
import { createIdentity, signIdentity, signState } from '../../desktop/renderer/pairing/interview/identity.js';
import { foundingState } from '../../desktop/renderer/pairing/interview/roles.js';
import { newTimer } from '../../desktop/renderer/pairing/interview/timer.js';

const ROOM = 'ABCD-EFGH-JKMN';

function jsonMessage(type: number, body: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

describe('interview messages on the data channel', () => {
  it('round-trips an identity proof (type 6) and an interview chain (type 7)', async () => {
    const identity = await createIdentity();
    const proof = await signIdentity(identity, ROOM, 'peer-1');
    expect(readMessage(writeIdentity(proof))).toEqual({ type: 'identity', identity: proof });
    const chain = { chain: [await signState(identity, foundingState(ROOM, identity.id, 1, 'two-sum', newTimer(60_000)))] };
    expect(readMessage(writeInterviewChain(chain))).toEqual({ type: 'interview', chain });
  });

  it('fails loudly on a malformed identity or chain, naming the field', async () => {
    expect(() => readMessage(jsonMessage(MESSAGE_IDENTITY, { room: ROOM, peerId: 'p', publicKey: 'short', signature: 'x' }))).toThrow(/message 6: \/publicKey/);
    const identity = await createIdentity();
    const state = foundingState(ROOM, identity.id, 1, 'two-sum', newTimer(60_000));
    const signed = await signState(identity, state);
    const badRole = { chain: [{ ...signed, state: { ...state, roles: { [identity.id]: 'boss' } } }] };
    expect(() => readMessage(jsonMessage(MESSAGE_INTERVIEW, badRole))).toThrow(PairingMessageError);
    const longTimer = { chain: [{ ...signed, state: { ...state, timer: { durationMs: 1e12, startedAt: null, elapsedMs: 0 } } }] };
    expect(() => readMessage(jsonMessage(MESSAGE_INTERVIEW, longTimer))).toThrow(/durationMs/);
    expect(() => readMessage(jsonMessage(MESSAGE_INTERVIEW, { chain: [] }))).toThrow(/message 7/);
  });

  it('carries the private-notes document as its own sync (type 8), answered as type 8', () => {
    const notes = new Y.Doc();
    notes.getArray('notes').push(['n']);
    const message = readMessage(writeNotesSyncStep1(new Y.Doc()));
    expect(message.type).toBe('notes');
    const body = (message as { body: Uint8Array }).body;
    const { reply, kind } = applySyncMessage(notes, body, 'remote', MESSAGE_NOTES);
    expect(kind).toBe('step1');
    expect(reply![0]).toBe(MESSAGE_NOTES);
  });

  it('tells sync step 1 from changes without applying them, and rejects unknown kinds', () => {
    const doc = new Y.Doc();
    const step1 = readMessage(writeSyncStep1(doc)) as { body: Uint8Array };
    expect(syncKindOf(step1.body)).toBe('step1');
    const update = readMessage(writeSyncUpdate(Y.encodeStateAsUpdate(doc))) as { body: Uint8Array };
    expect(syncKindOf(update.body)).toBe('update');
    expect(() => syncKindOf(new Uint8Array([9]))).toThrow(/unknown sync message kind 9/);
  });

  it('still refuses an unknown message type', () => {
    expect(() => readMessage(new Uint8Array([42]))).toThrow(/unknown pairing message type 42/);
  });
});
