/**
 * The runs of the session on screen: the room's while a pairing room is active, else the solo
 * session's; only those of the open challenge (a room's history spans every challenge it had).
 */
import { useSyncExternalStore } from 'react';
import { pairingSession } from '../pairing/pairing-instance.js';
import type { RunRecord } from '../pairing/room-doc.js';
import { soloSessions } from './session-instance.js';

export function useSessionRuns(challengeId: string): RunRecord[] {
  const pairing = useSyncExternalStore(pairingSession.subscribe, pairingSession.getSnapshot);
  const solo = useSyncExternalStore(soloSessions.subscribe, soloSessions.getSnapshot);
  const runs = pairing.active ? pairing.runs : solo.challengeId === challengeId ? solo.runs : [];
  return runs.filter((run) => run.challengeId === undefined || run.challengeId === challengeId);
}
