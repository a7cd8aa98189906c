import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LOCAL_ORIGIN,
  MAX_RUNS,
  createLocalUndoManager,
  getCode,
  getRuns,
  getMeta,
  getSelection,
  readRuns,
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
    const runs = readRuns(doc);
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]?.id).toBe('r5');
    expect(runs.at(-1)?.id).toBe(`r${MAX_RUNS + 4}`);
  });

  it('drops poisoned runs a partner pushed and keeps the valid ones', () => {
    const doc = new Y.Doc();
    const partner = new Y.Doc();
    recordRun(doc, { id: 'good', name: 'Ada', mode: 'submit', language: 'python', challengeId: 'two-sum', verdict: 'wrong_answer', passed: 2, total: 5, at: 1 });
    sync(doc, partner);
    const poisoned: unknown[] = [
      null,
      42,
      'text',
      { id: 'v', name: 'Eve', mode: 'run', language: 'javascript', verdict: { toString: 'x' }, passed: 1, total: 1, at: 2 },
      { id: 'n', name: { $$typeof: 'react' }, mode: 'run', language: 'javascript', verdict: 'accepted', passed: 1, total: 1, at: 2 },
      { id: 'c', name: 'Eve', mode: 'run', language: 'javascript', challengeId: { nested: true }, verdict: 'accepted', passed: 1, total: 1, at: 2 },
      { id: 'l', name: 'Eve', mode: 'run', language: 'cobol', verdict: 'accepted', passed: 1, total: 1, at: 2 },
      { id: 'p', name: 'Eve', mode: 'run', language: 'javascript', verdict: 'accepted', passed: -1, total: 1, at: 2 },
      new Y.Map(),
    ];
    partner.transact(() => getRuns(partner).push(poisoned), 'remote');
    sync(partner, doc);
    expect(getRuns(doc).length).toBe(1 + poisoned.length);
    expect(() => readRuns(doc)).not.toThrow();
    expect(readRuns(doc).map((run) => run.id)).toEqual(['good']);
  });

  it('reads only the last MAX_RUNS items however many a partner pushed', () => {
    const doc = new Y.Doc();
    const partner = new Y.Doc();
    const flood = Array.from({ length: MAX_RUNS * 20 }, (_, i) => ({ id: `f${i}`, name: 'Eve', mode: 'run', language: 'javascript', verdict: 'accepted', passed: 1, total: 1, at: i }));
    partner.transact(() => getRuns(partner).push(flood), 'remote');
    sync(partner, doc);
    const runs = readRuns(doc);
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs.at(-1)?.id).toBe(`f${MAX_RUNS * 20 - 1}`);
  });

  it('ignores a selection that is not a well-formed challenge id or a known language', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('challengeId', { evil: true });
    getMeta(doc).set('language', 'cobol');
    expect(getSelection(doc)).toEqual({});
    getMeta(doc).set('challengeId', '../../etc/passwd');
    getMeta(doc).set('language', 42);
    expect(getSelection(doc)).toEqual({});
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
