/**
 * The sessions kept on this machine by the desktop main process, in `<userData>/sessions/`:
 *
 *   <id>.ylog   the session's Yjs updates, an append-only log (update-log.ts)
 *   <id>.json   its summary for the Recent sessions list (challenge, language, partners, last change)
 *
 * Loading merges the log's updates into one (Y.mergeUpdates: no document is built here). A log
 * grown past `compactAfter` records is compacted to its merged state, on open and after appends,
 * so a long session neither grows the file forever nor slows every open.
 *
 * Ids and summaries are validated here too: the IPC handlers check them, but this module is the
 * one that turns an id into a file name.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import * as Y from 'yjs';
import { SessionSummarySchema, isSessionId, type SessionSummary } from '../../renderer/bridge/session-schema.js';
import { assertValid, ValidationError } from '../../renderer/bridge/validate.js';
import { UpdateLog, writeFileAtomically } from './update-log.js';

export const SESSIONS_FOLDER = 'sessions';
/** Records after which a log is compacted: a typing session appends one per debounced edit. */
export const DEFAULT_COMPACT_AFTER = 500;
/**
 * Bytes one session may keep, merged: code and its history are far below this; a renderer or a
 * partner's updates past it are refused rather than filling the disk. Kept under the log's
 * largest record (MAX_RECORD_BYTES), so a compacted state always reads back.
 */
export const DEFAULT_MAX_SESSION_BYTES = 48 * 1024 * 1024;
/** Session logs kept on disk at most; a new session past this is refused (Recent sessions lists 50). */
export const DEFAULT_MAX_SESSIONS = 1000;
/** Sessions listed as recent, newest first. */
export const MAX_RECENT_SESSIONS = 50;

export interface SessionStore {
  readonly dir: string;
  /** The session's state as one Yjs update, or null when nothing is stored for it. */
  load(id: string): Promise<Uint8Array | null>;
  /** Appends one Yjs update; resolves once it is on disk. */
  append(id: string, update: Uint8Array): Promise<void>;
  /** Saves the session's summary (replacing the previous one). */
  describe(summary: SessionSummary): void;
  /** Summaries, newest change first. */
  list(): SessionSummary[];
  remove(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionStoreOptions {
  compactAfter?: number;
  maxSessionBytes?: number;
  maxSessions?: number;
}

function byteSize(records: Uint8Array[]): number {
  return records.reduce((sum, record) => sum + record.byteLength, 0);
}

function checkId(id: unknown): asserts id is string {
  if (!isSessionId(id)) throw new ValidationError({ field: 'id', message: 'id: not a session id (solo-<challenge> or room-<CODE>)' });
}

export function createSessionStore(userDataDir: string, options: SessionStoreOptions = {}): SessionStore {
  const dir = join(userDataDir, SESSIONS_FOLDER);
  const compactAfter = options.compactAfter ?? DEFAULT_COMPACT_AFTER;
  const maxSessionBytes = options.maxSessionBytes ?? DEFAULT_MAX_SESSION_BYTES;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const logs = new Map<string, { log: UpdateLog; pending: Uint8Array[] }>();

  /** Opens the session's log once, keeping its records in memory for merges. */
  function openLog(id: string): { log: UpdateLog; pending: Uint8Array[] } {
    let entry = logs.get(id);
    if (!entry) {
      const opened = UpdateLog.open(join(dir, `${id}.ylog`));
      entry = { log: opened.log, pending: opened.records };
      logs.set(id, entry);
    }
    return entry;
  }

  function merged(records: Uint8Array[]): Uint8Array {
    return records.length === 1 ? records[0]! : Y.mergeUpdates(records);
  }

  function countFiles(extension: string): number {
    try {
      return readdirSync(dir).filter((name) => name.endsWith(extension)).length;
    } catch {
      return 0;
    }
  }

  async function compactIfLong(entry: { log: UpdateLog; pending: Uint8Array[] }): Promise<void> {
    if (entry.pending.length <= compactAfter) return;
    const state = merged(entry.pending);
    entry.pending = [state];
    await entry.log.compact(state);
  }

  return {
    dir,
    async load(id) {
      checkId(id);
      const entry = openLog(id);
      if (entry.pending.length === 0) return null;
      await compactIfLong(entry);
      return merged(entry.pending);
    },
    async append(id, update) {
      checkId(id);
      if (!(update instanceof Uint8Array) || update.byteLength === 0) {
        throw new ValidationError({ field: 'update', message: 'update: expected a non-empty Yjs update (bytes)' });
      }
      // A garbled update would make every later load fail: check it decodes before keeping it.
      try {
        Y.decodeUpdate(update);
      } catch {
        throw new ValidationError({ field: 'update', message: 'update: not a Yjs update' });
      }
      if (!logs.has(id) && !existsSync(join(dir, `${id}.ylog`)) && countFiles('.ylog') >= maxSessions) {
        throw new ValidationError({ field: 'id', message: `id: this machine already keeps ${maxSessions} sessions; remove some first` });
      }
      const entry = openLog(id);
      if (byteSize(entry.pending) + update.byteLength > maxSessionBytes && entry.pending.length > 1) {
        // Merging may bring it back under the bound (many small records).
        const state = merged(entry.pending);
        entry.pending = [state];
        await entry.log.compact(state);
      }
      if (byteSize(entry.pending) + update.byteLength > maxSessionBytes) {
        throw new ValidationError({ field: 'update', message: `update: the session would exceed ${maxSessionBytes} bytes on disk` });
      }
      const copy = update.slice();
      await entry.log.append(copy);
      entry.pending.push(copy);
      await compactIfLong(entry);
    },
    describe(summary) {
      assertValid(SessionSummarySchema, summary, 'summary');
      if (!existsSync(join(dir, `${summary.id}.json`)) && countFiles('.json') >= maxSessions) {
        throw new ValidationError({ field: 'summary.id', message: `summary.id: this machine already keeps ${maxSessions} sessions; remove some first` });
      }
      mkdirSync(dir, { recursive: true });
      writeFileAtomically(join(dir, `${summary.id}.json`), new TextEncoder().encode(`${JSON.stringify(summary)}\n`));
    },
    list() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      const summaries: SessionSummary[] = [];
      for (const name of names) {
        if (!name.endsWith('.json') || !isSessionId(name.slice(0, -5))) continue;
        const summary = readSummary(join(dir, name));
        if (summary && summary.id === name.slice(0, -5)) summaries.push(summary);
      }
      return summaries.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_RECENT_SESSIONS);
    },
    async remove(id) {
      checkId(id);
      const entry = logs.get(id);
      logs.delete(id);
      await entry?.log.close();
      rmSync(join(dir, `${id}.ylog`), { force: true });
      rmSync(join(dir, `${id}.json`), { force: true });
    },
    async close() {
      const open = [...logs.values()];
      logs.clear();
      await Promise.all(open.map((entry) => entry.log.close()));
    },
  };
}

/** A summary file is JSON; a damaged or hand-edited one is skipped, never fatal. */
function readSummary(file: string): SessionSummary | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Value.Check(SessionSummarySchema, parsed) ? parsed : null;
  } catch {
    return null;
  }
}
