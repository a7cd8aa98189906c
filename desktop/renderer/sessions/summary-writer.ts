/**
 * Keeps a session's summary (for Recent sessions) current: `touch()` after a change, and the
 * summary is built and saved once changes settle, not on every keystroke.
 */
import type { SessionSummary } from '../bridge/session-schema.js';
import type { SessionPersistence } from './session-persistence.js';

export interface SummaryWriter {
  touch(): void;
  /** Saves a pending summary now and stops. */
  stop(): void;
}

export function createSummaryWriter(persistence: SessionPersistence, build: () => SessionSummary | null, delayMs = 800): SummaryWriter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const summary = build();
    if (summary) void persistence.describe(summary).catch((error: Error) => console.warn('sessions: could not save the summary', error));
  };
  return {
    touch() {
      timer ??= setTimeout(save, delayMs);
    },
    stop() {
      if (!timer) return;
      clearTimeout(timer);
      save();
    },
  };
}
