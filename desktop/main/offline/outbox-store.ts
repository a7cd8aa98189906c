/**
 * The desktop outbox on disk: one JSON file per Submit made while the judge was unreachable, in
 * a folder of the user-data directory. Each write goes to a temporary file that is fsync'd, then
 * renamed over the entry, and the folder is fsync'd: after `add` returns, the entry (with its
 * idempotency key) survives a crash or a power cut, and a crash mid-write leaves the old file or
 * the new one, never half of one. An entry is removed only after its verdict is stored in it and
 * the renderer has recorded that verdict (`remove`).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SubmissionRequestSchema, SubmissionResultSchema, type SubmissionRequest, type SubmissionResult } from '../../../protocol/index.js';
import type { JudgeError } from '../../renderer/bridge/bridge-api.js';
import type { OutboxEntry } from '../../renderer/bridge/offline-api.js';

/** Settled entries kept for the renderer to pick up; older ones go first. */
export const MAX_SETTLED = 50;
/** Queued entries at most: a Submit beyond this is refused rather than filling the disk. */
export const MAX_QUEUED = 200;

const KEY_PATTERN = '^[A-Za-z0-9-]{1,64}$';
const EntrySchema = Type.Object({
  key: Type.String({ pattern: KEY_PATTERN }),
  seq: Type.Integer({ minimum: 0 }),
  queuedAt: Type.Number(),
  request: SubmissionRequestSchema,
  state: Type.Union([Type.Literal('queued'), Type.Literal('done'), Type.Literal('failed')]),
  result: Type.Optional(SubmissionResultSchema),
  error: Type.Optional(Type.Object({ kind: Type.String(), message: Type.String() }, { additionalProperties: true })),
  settledAt: Type.Optional(Type.Number()),
});

export class OutboxFullError extends Error {
  constructor() {
    super(`The outbox already holds ${MAX_QUEUED} submissions waiting for the judge.`);
    this.name = 'OutboxFullError';
  }
}

export interface OutboxStore {
  /** Every entry, oldest first. */
  list(): OutboxEntry[];
  /** Stores a new queued entry durably and returns it. */
  add(request: SubmissionRequest, key: string, now?: number): OutboxEntry;
  /** Stores the official verdict in the entry. */
  settle(key: string, outcome: { result: SubmissionResult } | { error: JudgeError }, now?: number): OutboxEntry | undefined;
  remove(key: string): void;
}

function fileName(seq: number): string {
  return `${String(seq).padStart(12, '0')}.json`;
}

function writeDurably(dir: string, name: string, text: string): void {
  const temp = join(dir, `.${name}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, name));
  syncDir(dir);
}

function syncDir(dir: string): void {
  // The rename is durable only once the folder's entry is on disk too.
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function openOutboxStore(dir: string): OutboxStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const entries = new Map<string, { entry: OutboxEntry; file: string }>();
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) {
      // A temporary file from a write that did not finish: its entry file holds the last good state.
      if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
      continue;
    }
    if (!/^\d{12}\.json$/.test(name)) continue;
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (Value.Check(EntrySchema, parsed)) entries.set(parsed.key, { entry: parsed as OutboxEntry, file: name });
    } catch {
      // Unreadable files stay where they are for a person to look at; they never block the rest.
    }
  }
  let nextSeq = Math.max(0, ...[...entries.values()].map(({ entry }) => entry.seq + 1));

  function save(entry: OutboxEntry): void {
    const file = fileName(entry.seq);
    writeDurably(dir, file, JSON.stringify(entry));
    entries.set(entry.key, { entry, file });
  }

  function pruneSettled(): void {
    const settled = [...entries.values()].filter(({ entry }) => entry.state !== 'queued').sort((a, b) => a.entry.seq - b.entry.seq);
    for (const { entry } of settled.slice(0, Math.max(0, settled.length - MAX_SETTLED))) remove(entry.key);
  }

  function remove(key: string): void {
    const found = entries.get(key);
    if (!found) return;
    rmSync(join(dir, found.file), { force: true });
    syncDir(dir);
    entries.delete(key);
  }

  return {
    list: () => [...entries.values()].map(({ entry }) => structuredClone(entry)).sort((a, b) => a.seq - b.seq),
    add(request, key, now = Date.now()) {
      if (!new RegExp(KEY_PATTERN).test(key)) throw new Error('outbox key: 1 to 64 letters, digits or dashes');
      if ([...entries.values()].filter(({ entry }) => entry.state === 'queued').length >= MAX_QUEUED) throw new OutboxFullError();
      const entry: OutboxEntry = { key, seq: nextSeq++, queuedAt: now, request: structuredClone(request), state: 'queued' };
      save(entry);
      return structuredClone(entry);
    },
    settle(key, outcome, now = Date.now()) {
      const found = entries.get(key);
      if (!found || found.entry.state !== 'queued') return found && structuredClone(found.entry);
      const entry: OutboxEntry =
        'result' in outcome
          ? { ...found.entry, state: 'done', result: outcome.result, settledAt: now }
          : { ...found.entry, state: 'failed', error: outcome.error, settledAt: now };
      save(entry);
      pruneSettled();
      return structuredClone(entry);
    },
    remove,
  };
}
