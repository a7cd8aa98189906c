import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness } from 'y-protocols/awareness';
import {
  FragmentAssembler,
  MAX_DATA_CHANNEL_MESSAGE_BYTES,
  MESSAGE_CHAT,
  PairingMessageError,
  applyAwarenessMessage,
  applySyncMessage,
  fragmentMessage,
  readMessage,
  writeAwareness,
  writeChat,
  writeRunResult,
  writeSwitch,
  writeSyncStep1,
  writeSyncUpdate,
  type RunResultMessage,
} from '../../protocol/pairing-messages.js';

const run: RunResultMessage = {
  id: 'r1',
  name: 'Ada',
  mode: 'submit',
  language: 'javascript',
  challengeId: 'two-sum',
  result: { id: 's1', status: 'done', verdict: 'accepted', tests: [{ name: 't1', passed: true, hidden: false }], stdout: '', durationMs: 12 },
  sentAt: 1,
};

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('code:javascript').insert(0, text);
  return doc;
}

describe('sync messages', () => {
  it('bring two documents to the same text with step 1 / step 2 in both directions', () => {
    const a = docWith('left ');
    const b = docWith('right');
    const fromA = applySyncMessage(b, (readMessage(writeSyncStep1(a)) as { body: Uint8Array }).body, 'remote');
    const fromB = applySyncMessage(a, (readMessage(writeSyncStep1(b)) as { body: Uint8Array }).body, 'remote');
    expect(fromA.kind).toBe('step1');
    // Each step 1 is answered by a step 2; applying the answers syncs both ways.
    const toA = applySyncMessage(a, (readMessage(fromA.reply!) as { body: Uint8Array }).body, 'remote');
    const toB = applySyncMessage(b, (readMessage(fromB.reply!) as { body: Uint8Array }).body, 'remote');
    expect(toA).toEqual({ reply: null, kind: 'step2' });
    expect(toB.kind).toBe('step2');
    expect(a.getText('code:javascript').toString()).toBe(b.getText('code:javascript').toString());
    expect(a.getText('code:javascript').length).toBe(10);
  });

  it('carry live updates with the given origin', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const origins: unknown[] = [];
    b.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    a.on('update', (update: Uint8Array) => {
      const message = readMessage(writeSyncUpdate(update));
      expect(message.type).toBe('sync');
      expect(applySyncMessage(b, (message as { body: Uint8Array }).body, 'peer-x')).toEqual({ reply: null, kind: 'update' });
    });
    a.getText('t').insert(0, 'hello');
    expect(b.getText('t').toString()).toBe('hello');
    expect(origins).toEqual(['peer-x']);
  });

  it('throws on a corrupt update instead of logging it', () => {
    const doc = new Y.Doc();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2); // y-protocols "update"
    encoding.writeVarUint8Array(encoder, Uint8Array.from([255, 255, 255, 1, 2, 3]));
    expect(() => applySyncMessage(doc, encoding.toUint8Array(encoder), 'x')).toThrow(PairingMessageError);
  });

  it('throws on an unknown sync sub-type', () => {
    expect(() => applySyncMessage(new Y.Doc(), Uint8Array.from([9]), 'x')).toThrow(PairingMessageError);
  });
});

describe('awareness messages', () => {
  it('carry a name and a cursor to the other side', () => {
    const a = new Awareness(new Y.Doc());
    const b = new Awareness(new Y.Doc());
    a.setLocalStateField('user', { name: 'Ada', color: '#f80' });
    a.setLocalStateField('cursor', { anchor: 3, head: 5 });
    const message = readMessage(writeAwareness(a, [a.clientID]));
    expect(message.type).toBe('awareness');
    applyAwarenessMessage(b, (message as { update: Uint8Array }).update, 'link');
    expect(b.getStates().get(a.clientID)).toEqual({ user: { name: 'Ada', color: '#f80' }, cursor: { anchor: 3, head: 5 } });
    // An empty state map announces that the client went away, without clearing it locally.
    applyAwarenessMessage(b, (readMessage(writeAwareness(a, [a.clientID], new Map())) as { update: Uint8Array }).update, 'link');
    expect(b.getStates().has(a.clientID)).toBe(false);
    expect(a.getLocalState()).not.toBeNull();
    a.destroy();
    b.destroy();
  });
});

describe('app messages', () => {
  it('round-trip chat, run-result and switch', () => {
    const chat = { id: 'c1', name: 'Ada', text: 'try a hash map', sentAt: 5 };
    expect(readMessage(writeChat(chat))).toEqual({ type: 'chat', chat });
    expect(readMessage(writeRunResult(run))).toEqual({ type: 'run-result', run });
    const change = { name: 'Ada', language: 'python' as const, challengeId: 'two-sum' };
    expect(readMessage(writeSwitch(change))).toEqual({ type: 'switch', change });
  });

  it('refuse to write a body that breaks its schema', () => {
    expect(() => writeChat({ id: 'c1', name: 'Ada', text: '', sentAt: 1 })).toThrow(/text/);
    expect(() => writeSwitch({ name: 'Ada', language: 'cobol' as never })).toThrow(/language/);
  });

  it('refuse a received body that breaks its schema, naming the field', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_CHAT);
    encoding.writeVarString(encoder, JSON.stringify({ id: 'c', name: 'A', text: 'x'.repeat(5000), sentAt: 1 }));
    expect(() => readMessage(encoding.toUint8Array(encoder))).toThrow(/\/text/);
  });

  it('refuse a run-result whose verdict is not one of the contract', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 3);
    encoding.writeVarString(encoder, JSON.stringify({ ...run, result: { ...run.result, verdict: 'great' } }));
    expect(() => readMessage(encoding.toUint8Array(encoder))).toThrow(PairingMessageError);
  });

  it('refuse a body that is not JSON', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_CHAT);
    encoding.writeVarString(encoder, '{oops');
    expect(() => readMessage(encoding.toUint8Array(encoder))).toThrow(/not JSON/);
  });

  it('fail loudly on an unknown message type', () => {
    expect(() => readMessage(Uint8Array.from([42]))).toThrow(/unknown pairing message type 42/);
  });

  it('fail loudly on an empty or truncated message', () => {
    expect(() => readMessage(new Uint8Array(0))).toThrow(PairingMessageError);
    const chat = writeChat({ id: 'c1', name: 'Ada', text: 'hello', sentAt: 1 });
    expect(() => readMessage(chat.subarray(0, chat.length - 3))).toThrow(PairingMessageError);
  });
});

describe('fragments', () => {
  it('leave a message that fits untouched', () => {
    const small = writeChat({ id: 'c1', name: 'Ada', text: 'hi', sentAt: 1 });
    expect(fragmentMessage(small, 1)).toEqual([small]);
  });

  it('split a large sync message into pieces that fit and reassemble it exactly', () => {
    const doc = docWith('x'.repeat(200_000));
    const big = writeSyncUpdate(Y.encodeStateAsUpdate(doc));
    const pieces = fragmentMessage(big, 7);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(MAX_DATA_CHANNEL_MESSAGE_BYTES);
    const assembler = new FragmentAssembler();
    let whole: Uint8Array | null = null;
    for (const piece of pieces) {
      const message = readMessage(piece);
      expect(message.type).toBe('fragment');
      whole = assembler.add(message as Extract<typeof message, { type: 'fragment' }>);
    }
    expect(whole).toEqual(big);
    const copy = new Y.Doc();
    applySyncMessage(copy, (readMessage(whole!) as { body: Uint8Array }).body, 'x');
    expect(copy.getText('code:javascript').length).toBe(200_000);
  });

  it('refuse pieces out of order', () => {
    const pieces = fragmentMessage(new Uint8Array(50_000), 1).map((p) => readMessage(p) as Extract<ReturnType<typeof readMessage>, { type: 'fragment' }>);
    const assembler = new FragmentAssembler();
    expect(() => assembler.add(pieces[1]!)).toThrow(/before its first piece/);
    assembler.add(pieces[0]!);
    expect(() => assembler.add(pieces[2]!)).toThrow(/out of order/);
  });

  it('refuse a reassembled message beyond the size limit', () => {
    const pieces = fragmentMessage(new Uint8Array(50_000), 1).map((p) => readMessage(p) as Extract<ReturnType<typeof readMessage>, { type: 'fragment' }>);
    const assembler = new FragmentAssembler(20_000);
    expect(() => pieces.forEach((p) => assembler.add(p))).toThrow(/exceeds 20000 bytes/);
  });

  it('refuse too many partial messages at once', () => {
    const assembler = new FragmentAssembler(1_000_000, 2);
    const first = (id: number) => readMessage(fragmentMessage(new Uint8Array(40_000), id)[0]!) as Extract<ReturnType<typeof readMessage>, { type: 'fragment' }>;
    assembler.add(first(1));
    assembler.add(first(2));
    expect(() => assembler.add(first(3))).toThrow(/too many/);
  });

  it('refuse an impossible fragment header', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 5);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 4);
    encoding.writeVarUint(encoder, 3);
    encoding.writeVarUint8Array(encoder, new Uint8Array(3));
    expect(() => readMessage(encoding.toUint8Array(encoder))).toThrow(/impossible/);
  });
});
