/**
 * The desktop session store under Node: append-only logs with checksummed records, compaction,
 * a garbled tail, and a writer killed with SIGKILL mid-append (a real child process, looped).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../desktop/main/sessions/session-store.js';
import { UpdateLog, encodeRecord, parseRecords } from '../../desktop/main/sessions/update-log.js';
import type { SessionSummary } from '../../desktop/renderer/bridge/session-schema.js';

const WRITER = fileURLToPath(new URL('../support/session-writer.ts', import.meta.url));

/** Edits a doc and returns the update of each edit. */
function edits(doc: Y.Doc, lines: string[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  for (const line of lines) doc.getText('code:javascript').insert(doc.getText('code:javascript').length, line);
  doc.off('update', capture);
  return updates;
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('code:javascript').toString();
}

describe('desktop session store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(os.tmpdir(), 'pairjudge-sessions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps appended updates across a reopen', async () => {
    const store = createSessionStore(dir);
    for (const update of edits(new Y.Doc(), ['a\n', 'b\n', 'c\n'])) await store.append('solo-two-sum', update);
    await store.close();
    const again = createSessionStore(dir);
    expect(textOf(await again.load('solo-two-sum'))).toBe('a\nb\nc\n');
    expect(await again.load('room-ABCD-EFGH-JKLM')).toBeNull();
    await again.close();
  });

  it('compacts a long log to one record holding the same document', async () => {
    const store = createSessionStore(dir, { compactAfter: 10 });
    const lines = Array.from({ length: 25 }, (_, n) => `line ${n}\n`);
    for (const update of edits(new Y.Doc(), lines)) await store.append('solo-two-sum', update);
    await store.close();
    const file = join(dir, 'sessions', 'solo-two-sum.ylog');
    const records = parseRecords(readFileSync(file)).records;
    // 25 appends with compaction past 10: never more than 11 records on disk.
    expect(records.length).toBeLessThanOrEqual(11);
    expect(records.length).toBeGreaterThan(0);
    const again = createSessionStore(dir);
    expect(textOf(await again.load('solo-two-sum'))).toBe(lines.join(''));
    await again.close();
  });

  it('drops a torn or garbled tail record on open, keeps every record before it, and appends after it', async () => {
    const store = createSessionStore(dir);
    const doc = new Y.Doc();
    for (const update of edits(doc, ['one\n', 'two\n'])) await store.append('solo-two-sum', update);
    await store.close();
    const file = join(dir, 'sessions', 'solo-two-sum.ylog');
    const goodSize = statSync(file).size;
    // A record whose checksum does not match, then half a header: what a crash mid-write leaves.
    const garbled = encodeRecord(edits(doc, ['three\n'])[0]!);
    garbled[garbled.length - 1]! ^= 0xff;
    appendFileSync(file, garbled);
    appendFileSync(file, Buffer.from([7, 0, 0]));
    const again = createSessionStore(dir);
    const loaded = await again.load('solo-two-sum');
    expect(textOf(loaded)).toBe('one\ntwo\n');
    // The tail was cut from the file, so the next append lands on a record boundary.
    expect(statSync(file).size).toBe(goodSize);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, loaded!);
    for (const update of edits(reopened, ['four\n'])) await again.append('solo-two-sum', update);
    await again.close();
    const last = createSessionStore(dir);
    expect(textOf(await last.load('solo-two-sum'))).toBe('one\ntwo\nfour\n');
    await last.close();
  });

  it('treats a header announcing a huge record as a garbled tail', () => {
    const file = join(dir, 'huge.ylog');
    writeFileSync(file, Buffer.concat([encodeRecord(new Uint8Array([1, 2, 3])), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 1])]));
    const opened = UpdateLog.open(file);
    expect(opened.records).toEqual([new Uint8Array([1, 2, 3])]);
    expect(opened.droppedBytes).toBe(9);
  });

  it('refuses a bad id, a non-update and a bad summary, naming the field, and stores nothing', async () => {
    const store = createSessionStore(dir);
    await expect(store.append('../escape', new Uint8Array([0]))).rejects.toThrow(/^id: /);
    await expect(store.append('solo-two-sum', new Uint8Array([1, 2, 3, 4, 5]))).rejects.toThrow(/^update: not a Yjs update/);
    await expect(store.load('solo-Two.Sum')).rejects.toThrow(/^id: /);
    expect(() => store.describe({ id: 'solo-two-sum', kind: 'solo', partners: [], updatedAt: -1 })).toThrow(/^summary\.updatedAt/);
    expect(store.list()).toEqual([]);
    expect(await store.load('solo-two-sum')).toBeNull();
    await store.close();
  });

  it('lists summaries newest first and skips damaged files', async () => {
    const store = createSessionStore(dir);
    const older: SessionSummary = { id: 'solo-two-sum', kind: 'solo', challengeId: 'two-sum', challengeTitle: 'Two Sum', language: 'javascript', partners: [], updatedAt: 1000 };
    const newer: SessionSummary = { id: 'room-ABCD-EFGH-JKLM', kind: 'room', challengeId: 'fizz-buzz', language: 'python', partners: ['Bob'], roomCode: 'ABCD-EFGH-JKLM', updatedAt: 2000 };
    store.describe(older);
    store.describe(newer);
    writeFileSync(join(store.dir, 'solo-broken.json'), '{ not json');
    expect(store.list()).toEqual([newer, older]);
    await store.remove('room-ABCD-EFGH-JKLM');
    expect(store.list()).toEqual([older]);
    await store.close();
  });

  it('loses no acknowledged update when the writing process is killed with SIGKILL mid-write, again and again', async () => {
    const acknowledged = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, 'room-ABCD-EFGH-JKLM'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Kill at a different point each round, after some acknowledged appends (and compactions).
      const killAfter = 20 + round * 23;
      let buffered = '';
      let acksThisRound = 0;
      await new Promise<void>((resolve, reject) => {
        child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            const match = /^ack (\d+)$/.exec(line);
            if (!match) continue;
            acknowledged.add(Number(match[1]));
            if (++acksThisRound === killAfter) child.kill('SIGKILL');
          }
        });
      });
      expect(acksThisRound).toBeGreaterThanOrEqual(killAfter);
      // Every acknowledged edit is there, and the file opens.
      const store = createSessionStore(dir);
      const text = textOf(await store.load('room-ABCD-EFGH-JKLM'));
      await store.close();
      const present = new Set((text.match(/edit (\d+)/g) ?? []).map((line) => Number(line.slice(5))));
      for (const n of acknowledged) expect(present.has(n), `edit ${n} was acknowledged`).toBe(true);
    }
    expect(acknowledged.size).toBeGreaterThan(60);
  });
});

describe('desktop session store bounds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(os.tmpdir(), 'pairjudge-sessions-bounds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses updates that would grow a session past its byte bound, keeping what it had', async () => {
    const store = createSessionStore(dir, { maxSessionBytes: 4096 });
    const doc = new Y.Doc();
    for (const update of edits(doc, ['a\n', 'b\n'])) await store.append('room-ABCD', update);
    const [big] = edits(doc, ['x'.repeat(8192)]);
    await expect(store.append('room-ABCD', big!)).rejects.toMatchObject({ field: 'update' });
    expect(textOf(await store.load('room-ABCD'))).toBe('a\nb\n');
    expect(statSync(join(dir, 'sessions', 'room-ABCD.ylog')).size).toBeLessThan(4096);
    await store.close();
  });

  it('refuses a new session past the number kept, while existing ones still take updates', async () => {
    const store = createSessionStore(dir, { maxSessions: 2 });
    const [update] = edits(new Y.Doc(), ['a\n']);
    await store.append('solo-one', update!);
    await store.append('solo-two', update!);
    await expect(store.append('solo-three', update!)).rejects.toMatchObject({ field: 'id' });
    await store.append('solo-two', update!);
    const summary = (id: string): SessionSummary => ({ id, kind: 'solo', partners: [], updatedAt: 1 });
    store.describe(summary('solo-one'));
    store.describe(summary('solo-two'));
    expect(() => store.describe(summary('solo-three'))).toThrow(/summary\.id/);
    store.describe(summary('solo-two'));
    await store.close();
  });
});
