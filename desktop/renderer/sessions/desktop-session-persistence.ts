/**
 * Sessions of the desktop app: kept by the main process in the user-data folder (an append-only
 * log per session, desktop/main/sessions), reached through the bridge's `sessions` calls.
 *
 * Edits are batched: updates made within `delayMs` are merged into one append, so typing is not
 * one IPC call and one fsync per keystroke; a page hide flushes at once. An update main refuses
 * is reported to save-problems.ts, which the workspace shows.
 */
import * as Y from 'yjs';
import type { SessionsBridge } from '../bridge/bridge-api.js';
import { saveProblems } from './save-problems.js';
import { SESSION_RESTORE_ORIGIN, type SessionPersistence } from './session-persistence.js';

/** The page's events where there is a page (this module is also tested under Node). */
const page = globalThis as { addEventListener?: (type: string, listener: () => void) => void; removeEventListener?: (type: string, listener: () => void) => void };

export function createDesktopSessionPersistence(sessions: SessionsBridge, delayMs = 150): SessionPersistence {
  return {
    async attach(id, doc) {
      const loaded = await sessions.load(id);
      if (!loaded.ok) throw new Error(`could not read session ${id}: ${loaded.error.message}`);
      if (loaded.value) Y.applyUpdate(doc, loaded.value, SESSION_RESTORE_ORIGIN);
      let pending: Uint8Array[] = [];
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (pending.length === 0) return;
        const update = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
        pending = [];
        void sessions.append(id, update).then(
          (answer) => {
            if (answer.ok) saveProblems.clear(id);
            else saveProblems.report(id, answer.error.message);
          },
          (error: unknown) => saveProblems.report(id, error instanceof Error ? error.message : String(error)),
        );
      };
      const onUpdate = (update: Uint8Array, origin: unknown) => {
        if (origin === SESSION_RESTORE_ORIGIN) return;
        pending.push(update);
        timer ??= setTimeout(flush, delayMs);
      };
      // What the document held before it was attached (a new room's seed) is saved too.
      const missing = Y.encodeStateAsUpdate(doc, loaded.value ? Y.encodeStateVectorFromUpdate(loaded.value) : undefined);
      if (Y.decodeUpdate(missing).structs.length > 0 || Y.decodeUpdate(missing).ds.clients.size > 0) pending.push(missing);
      doc.on('update', onUpdate);
      page.addEventListener?.('pagehide', flush);
      flush();
      return () => {
        doc.off('update', onUpdate);
        page.removeEventListener?.('pagehide', flush);
        flush();
      };
    },
    list: () => sessions.list(),
    async describe(summary) {
      const answer = await sessions.describe(summary);
      if (!answer.ok) console.warn(`sessions: could not describe ${summary.id}: ${answer.error.message}`);
    },
  };
}
