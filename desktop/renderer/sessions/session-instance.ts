/**
 * The window's solo sessions, beside the workspace store and the pairing session they follow.
 */
import { pairingSession } from '../pairing/pairing-instance.js';
import type { RunRecord } from '../pairing/room-doc.js';
import { workspaceStore } from '../state/workspace-instance.js';
import { sessionPersistence } from './persistence-instance.js';
import { SoloSessions } from './solo-sessions.js';

export { sessionPersistence };

/** Read by the solo session when it names this person's runs. */
let displayName = '';
export function setDisplayName(name: string): void {
  displayName = name;
}

export const soloSessions = new SoloSessions({
  store: workspaceStore,
  persistence: sessionPersistence,
  paired: () => pairingSession.getSnapshot().active,
  drafts: window.localStorage,
  name: () => displayName.trim() || 'You',
});

/**
 * Records a run in the session on screen: the room while one is active, else the solo session.
 * Runs this person finishes through the workspace (runFinished) are recorded already, as official;
 * a run judged elsewhere (a local judge, the outbox) comes here with its own origin.
 */
export function recordInSession(run: RunRecord): boolean {
  return pairingSession.getSnapshot().active ? pairingSession.recordRun(run) : soloSessions.record(run);
}
