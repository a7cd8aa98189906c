/**
 * Follows the outbox: the number of Submits waiting, and each official verdict as it arrives.
 * A settled entry is handed to `onVerdict` (which shows it: the results panel when it is the
 * Submit on screen, a notification always) and only then forgotten by the bridge, so a verdict
 * that arrives while the app is closed is shown at the next start.
 */
import { useEffect, useRef, useState } from 'react';
import type { OfflineBridge, OutboxEntry } from '../bridge/offline-api.js';

export function useOutbox(offline: OfflineBridge | undefined, onVerdict: (entry: OutboxEntry) => void): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const onVerdictRef = useRef(onVerdict);
  onVerdictRef.current = onVerdict;

  useEffect(() => {
    if (!offline) return;
    const handled = new Set<string>();
    const apply = (next: OutboxEntry[]) => {
      setEntries(next);
      for (const entry of next) {
        if (entry.state === 'queued' || handled.has(entry.key)) continue;
        handled.add(entry.key);
        onVerdictRef.current(entry);
        void offline.dismiss(entry.key);
      }
    };
    const unsubscribe = offline.onOutboxChange(apply);
    void offline.listOutbox().then(apply);
    return unsubscribe;
  }, [offline]);

  return entries;
}
