import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LOCAL_ORIGIN,
  MAX_RUNS,
  createLocalUndoManager,
  getCode,
  getRuns,
  getSelection,
  recordRun,
  seedStarterCode,
  setSelection,
} from '../../desktop/renderer/pairing/room-doc.js';

const seed = { challengeId: 'two-sum', language: 'javascript' as const, starterCode: { javascript: 'function twoSum() {}\n', python: 'def two_sum():\n    pass\n' } };

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

describe('room document', () => {
  it('seeds the starter code of every language and the selection once', () => {
    const doc = new Y.Doc();
    expect(seedStarterCode(doc, seed)).toBe(true);
    expect(getCode(doc, 'javascript').toString()).toBe(seed.starterCode.javascript);
    expect(getCode(doc, 'python').toString()).toBe(seed.starterCode.python);
    expect(getSelection(doc)).toEqual({ challengeId: 'two-sum', language: 'javascript' });
    expect(seedStarterCode(doc, seed)).toBe(false);
    expect(getCode(doc, 'javascript').toString()).toBe(seed.starterCode.javascript);
  });

  it('does not seed again in a document that received the creator’s seed', () => {
    const creator = new Y.Doc();
    seedStarterCode(creator, seed);
    const joiner = new Y.Doc();
    sync(creator, joiner);
    expect(seedStarterCode(joiner, seed)).toBe(false);
    sync(joiner, creator);
    expect(getCode(creator, 'javascript').toString()).toBe(seed.starterCode.javascript);
  });

  it('stores the selection in meta', () => {
    const doc = new Y.Doc();
    setSelection(doc, { language: 'python' });
    setSelection(doc, { challengeId: 'fizz-buzz' });
    expect(getSelection(doc)).toEqual({ challengeId: 'fizz-buzz', language: 'python' });
  });

  it('keeps the newest runs only', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_RUNS + 5; i++) {
      recordRun(doc, { id: `r${i}`, name: 'Ada', mode: 'run', language: 'javascript', verdict: 'accepted', passed: 1, total: 1, at: i });
    }
    const runs = getRuns(doc).toArray();
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]?.id).toBe('r5');
    expect(runs.at(-1)?.id).toBe(`r${MAX_RUNS + 4}`);
  });

  it('undoes only this person’s edits, never the partner’s', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    seedStarterCode(mine, seed);
    sync(mine, theirs);
    const undo = createLocalUndoManager(mine, 'javascript');
    mine.transact(() => getCode(mine, 'javascript').insert(0, '// mine\n'), LOCAL_ORIGIN);
    theirs.transact(() => getCode(theirs, 'javascript').insert(getCode(theirs, 'javascript').length, '// theirs\n'), LOCAL_ORIGIN);
    sync(theirs, mine);
    expect(getCode(mine, 'javascript').toString()).toBe(`// mine\n${seed.starterCode.javascript}// theirs\n`);
    undo.undo();
    expect(getCode(mine, 'javascript').toString()).toBe(`${seed.starterCode.javascript}// theirs\n`);
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('tracks an editor binding given as a local origin', () => {
    const doc = new Y.Doc();
    const binding = { name: 'editor binding' };
    const undo = createLocalUndoManager(doc, 'javascript', [binding]);
    doc.transact(() => getCode(doc, 'javascript').insert(0, 'typed'), binding);
    doc.transact(() => getCode(doc, 'javascript').insert(5, '!'), 'remote');
    undo.undo();
    expect(getCode(doc, 'javascript').toString()).toBe('!');
    undo.destroy();
  });
});
