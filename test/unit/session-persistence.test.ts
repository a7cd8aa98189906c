/**
 * The renderer's desktop session persistence against the real main-process store (the bridge's
 * IPC replaced by direct calls), the solo workspace's text edits, run records and the History diff.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LANGUAGE_IDS } from '../../protocol/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore, type SessionStore } from '../../desktop/main/sessions/session-store.js';
import type { SessionsBridge } from '../../desktop/renderer/bridge/bridge-api.js';
import { diffRows } from '../../desktop/renderer/format/code-diff-rows.js';
import { getCode, getRuns, readRuns, recordRun, settleQueuedRun } from '../../desktop/renderer/pairing/room-doc.js';
import { createDesktopSessionPersistence } from '../../desktop/renderer/sessions/desktop-session-persistence.js';
import { saveProblems } from '../../desktop/renderer/sessions/save-problems.js';
import { queuedRecordOf, runRecordOf, settledRecordOf } from '../../desktop/renderer/sessions/run-record.js';
import { setText } from '../../desktop/renderer/sessions/set-text.js';
import { offlineChallenge } from '../../desktop/renderer/sessions/solo-sessions.js';

function bridgeOver(store: SessionStore): SessionsBridge {
  const wrap = async <T>(run: () => Promise<T> | T) => {
    try {
      return { ok: true as const, value: await run() };
    } catch (error) {
      return { ok: false as const, error: { kind: 'invalid' as const, message: (error as Error).message } };
    }
  };
  return {
    list: async () => store.list(),
    load: (id) => wrap(() => store.load(id)),
    append: (id, update) => wrap(async () => (await store.append(id, update), null)),
    describe: (summary) => wrap(() => (store.describe(summary), null)),
    remove: (id) => wrap(async () => (await store.remove(id), null)),
  };
}

describe('desktop session persistence (renderer side, over the main store)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(os.tmpdir(), 'pairjudge-renderer-sessions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves what was in the document before attaching and every edit after, and restores it into a new document', async () => {
    const store = createSessionStore(dir);
    const persistence = createDesktopSessionPersistence(bridgeOver(store), 5);
    const doc = new Y.Doc();
    getCode(doc, 'javascript').insert(0, 'seeded\n');
    const stop = await persistence.attach('room-ABCD-EFGH-JKLM', doc);
    for (const line of ['one\n', 'two\n']) getCode(doc, 'javascript').insert(getCode(doc, 'javascript').length, line);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();

    const again = createSessionStore(dir);
    const restored = new Y.Doc();
    const stopAgain = await createDesktopSessionPersistence(bridgeOver(again), 5).attach('room-ABCD-EFGH-JKLM', restored);
    expect(getCode(restored, 'javascript').toString()).toBe('seeded\none\ntwo\n');
    stopAgain();
    await again.close();
  });

  it('fails to attach, with the reason, when main refuses the id', async () => {
    const store = createSessionStore(dir);
    await expect(createDesktopSessionPersistence(bridgeOver(store)).attach('solo-../x', new Y.Doc())).rejects.toThrow(/could not read session/);
    await store.close();
  });
});

describe('a session main stops saving', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(os.tmpdir(), 'pairjudge-renderer-sessions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is reported with main’s reason once its bound is reached, and cleared when a save succeeds again', async () => {
    const store = createSessionStore(dir, { maxSessionBytes: 4096 });
    const persistence = createDesktopSessionPersistence(bridgeOver(store), 5);
    const doc = new Y.Doc();
    const stop = await persistence.attach('solo-two-sum', doc);
    const text = getCode(doc, 'javascript');
    text.insert(0, 'small\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saveProblems.get()).toEqual([]);
    text.insert(text.length, 'x'.repeat(8192));
    await expect.poll(() => saveProblems.get()).toEqual([{ sessionId: 'solo-two-sum', message: expect.stringContaining('would exceed 4096 bytes') }]);
    stop();
    await store.close();

    // A store with room again: the next save clears the notice.
    const roomy = createSessionStore(dir);
    const doc2 = new Y.Doc();
    const stop2 = await createDesktopSessionPersistence(bridgeOver(roomy), 5).attach('solo-two-sum', doc2);
    getCode(doc2, 'javascript').insert(0, 'fits now\n');
    await expect.poll(() => saveProblems.get()).toEqual([]);
    stop2();
    await roomy.close();
  });
});

describe('solo session pieces', () => {
  it('edits only the changed middle of a text', () => {
    const doc = new Y.Doc();
    const text = getCode(doc, 'javascript');
    text.insert(0, 'function a() {\n  return 1;\n}\n');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    setText(text, 'function a() {\n  return 2;\n}\n');
    expect(text.toString()).toBe('function a() {\n  return 2;\n}\n');
    expect(deltas).toEqual([[{ retain: 24 }, { delete: 1 }, { insert: '2' }]]);
    setText(text, '');
    expect(text.toString()).toBe('');
  });

  it('records a run with its verdict, passed count, code and origin', () => {
    const record = runRecordOf({
      id: 'r1',
      name: 'Alice',
      mode: 'run',
      language: 'javascript',
      challengeId: 'two-sum',
      result: { id: 'sub-1', status: 'done', verdict: 'wrong_answer', tests: [{ name: 'a', passed: true, hidden: false }, { name: 'b', passed: false, hidden: false }], stdout: '', durationMs: 3 },
      code: 'return 1',
      at: 10,
    });
    expect(record).toEqual({ id: 'r1', name: 'Alice', mode: 'run', language: 'javascript', challengeId: 'two-sum', verdict: 'wrong_answer', passed: 1, total: 2, at: 10, origin: 'official', submissionId: 'sub-1', code: 'return 1' });
  });

  it('shows a Submit from the outbox once: queued with its code, then official in its place', () => {
    const doc = new Y.Doc();
    recordRun(doc, queuedRecordOf({ key: 'key-1', name: 'Alice', language: 'python', challengeId: 'two-sum', code: 'def f(): pass', at: 5 }));
    expect(readRuns(doc)).toEqual([
      { id: 'key-1', name: 'Alice', mode: 'submit', language: 'python', challengeId: 'two-sum', passed: 0, total: 0, at: 5, origin: 'queued', code: 'def f(): pass' },
    ]);
    const result = { id: 'sub-9', status: 'done' as const, verdict: 'accepted' as const, tests: [{ name: 'a', passed: true, hidden: false }], stdout: '', durationMs: 3 };
    expect(settleQueuedRun(doc, 'key-1', (queued) => settledRecordOf(queued, result, 9))).toBe(true);
    expect(readRuns(doc)).toEqual([
      { id: 'key-1', name: 'Alice', mode: 'submit', language: 'python', challengeId: 'two-sum', verdict: 'accepted', passed: 1, total: 1, at: 9, origin: 'official', submissionId: 'sub-9', code: 'def f(): pass' },
    ]);
    // Settled once: a second verdict for the same key (a resend) changes nothing.
    expect(settleQueuedRun(doc, 'key-1', (queued) => settledRecordOf(queued, result, 10))).toBe(false);
    expect(readRuns(doc)).toHaveLength(1);
  });

  it('drops a record from a peer that has a verdict and says queued, or says official with none', () => {
    const doc = new Y.Doc();
    getRuns(doc).push([
      { id: 'a', name: 'Mallory', mode: 'submit', language: 'python', passed: 1, total: 1, at: 1, origin: 'queued', verdict: 'accepted' },
      { id: 'b', name: 'Mallory', mode: 'submit', language: 'python', passed: 1, total: 1, at: 1, origin: 'official' },
    ]);
    expect(readRuns(doc)).toEqual([]);
  });

  it('pairs removed and added lines side by side in the History diff', () => {
    const rows = diffRows('a\nold 1\nold 2\nz\n', 'a\nnew 1\nz\nextra\n');
    expect(rows.map((row) => [row.left?.kind ?? null, row.left?.text ?? null, row.right?.kind ?? null, row.right?.text ?? null])).toEqual([
      ['same', 'a', 'same', 'a'],
      ['removed', 'old 1', 'added', 'new 1'],
      ['removed', 'old 2', null, null],
      ['same', 'z', 'same', 'z'],
      [null, null, 'added', 'extra'],
    ]);
  });

  it('builds a stand-in challenge from a session’s code when the statement cannot be fetched', () => {
    const challenge = offlineChallenge('two-sum', 'Two Sum', { python: 'def two_sum(): pass' });
    expect(challenge).toMatchObject({ id: 'two-sum', title: 'Two Sum', difficulty: 'easy', tags: ['offline copy'], languages: ['python'], starter: { python: 'def two_sum(): pass' }, tests: [] });
    // With no code kept, every language the judge knows is offered.
    expect(offlineChallenge('x', undefined, {}).languages).toEqual([...LANGUAGE_IDS]);
  });
});
