/**
 * Sessions of the browser guest: each session's Yjs document in IndexedDB through y-indexeddb
 * (one database per session, `pairjudge-session:<id>`), and their summaries in localStorage.
 *
 * Retention: sessions not changed for SESSION_RETENTION_MS are deleted (database and summary)
 * when the list is read, so old sessions do not pile up in the browser.
 *
 * Rooms saved by earlier versions (one record per room in the `pairjudge-rooms` database) are
 * read once, when a room with nothing in y-indexeddb is opened.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { Value } from '@sinclair/typebox/value';
import { SessionSummarySchema, type SessionSummary } from '../bridge/session-schema.js';
import { RoomPersistence } from '../pairing/room-persistence.js';
import { SESSION_RESTORE_ORIGIN, type SessionPersistence } from './session-persistence.js';

export const SESSIONS_STORAGE_KEY = 'pairjudge.sessions';
export const SESSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_SUMMARIES = 50;

export interface SummaryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function databaseName(id: string): string {
  return `pairjudge-session:${id}`;
}

export function readSummaries(storage: SummaryStorage): SessionSummary[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SESSIONS_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is SessionSummary => Value.Check(SessionSummarySchema, item)) : [];
  } catch {
    return [];
  }
}

function writeSummaries(storage: SummaryStorage, summaries: SessionSummary[]): void {
  try {
    storage.setItem(SESSIONS_STORAGE_KEY, JSON.stringify(summaries));
  } catch {
    // Storage full or disabled: the list is a convenience, the documents stay in IndexedDB.
  }
}

export function createWebSessionPersistence(storage: SummaryStorage, now: () => number = Date.now): SessionPersistence {
  const legacy = new RoomPersistence();
  return {
    async attach(id, doc) {
      if (!globalThis.indexedDB) return () => undefined;
      const persistence = new IndexeddbPersistence(databaseName(id), doc);
      await persistence.whenSynced;
      const code = /^room-(.+)$/.exec(id)?.[1];
      if (code && doc.store.clients.size === 0 && legacy.available) {
        try {
          const state = await legacy.load(code);
          if (state) Y.applyUpdate(doc, state, SESSION_RESTORE_ORIGIN);
        } catch {
          // An old room that cannot be read is not worth failing the new one for.
        }
      }
      return () => {
        void persistence.destroy();
      };
    },
    async list() {
      const cutoff = now() - SESSION_RETENTION_MS;
      const all = readSummaries(storage);
      const kept = all.filter((summary) => summary.updatedAt >= cutoff);
      // Interview notes and rooms of earlier versions live in the old database: same retention.
      if (legacy.available) void legacy.pruneOlderThan(cutoff).catch(() => undefined);
      if (kept.length !== all.length) {
        writeSummaries(storage, kept);
        for (const old of all) if (old.updatedAt < cutoff && globalThis.indexedDB) void clearDocument(databaseName(old.id)).catch(() => undefined);
      }
      return kept.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async describe(summary) {
      const others = readSummaries(storage).filter((item) => item.id !== summary.id);
      writeSummaries(storage, [summary, ...others].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_SUMMARIES));
    },
  };
}
