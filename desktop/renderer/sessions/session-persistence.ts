/**
 * Where this machine keeps its sessions (each workspace, solo or paired, is a Yjs document, see
 * pairing/room-doc.ts for the layout): the desktop main process's update logs through the bridge,
 * or IndexedDB through y-indexeddb in the browser guest. One interface for both, so the pairing
 * session and the solo workspace never ask which.
 */
import type { SessionSummary } from '../bridge/session-schema.js';

/** Origin of restored state: not an edit of this session, so undo managers and savers ignore it. */
export const SESSION_RESTORE_ORIGIN = 'pairjudge:session-restore';

export interface SessionPersistence {
  /**
   * Restores the stored state of session `id` into `doc`, then keeps saving every change of
   * `doc`. Resolves once restored, with a function that stops saving (flushing what is pending).
   */
  attach(id: string, doc: import('yjs').Doc): Promise<() => void>;
  /** Summaries for Recent sessions, newest change first. */
  list(): Promise<SessionSummary[]>;
  /** Saves a session's summary (challenge, language, partners, last change). */
  describe(summary: SessionSummary): Promise<void>;
}
