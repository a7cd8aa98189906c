/** React view of a pairing session's snapshot. */
import { useSyncExternalStore } from 'react';
import type { PairingSession, PairingSnapshot } from './pairing-session.js';

export function usePairing(session: PairingSession): PairingSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}
