/** The desktop app's sessions live with main; the browser guest's in IndexedDB. */
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import { createDesktopSessionPersistence } from './desktop-session-persistence.js';
import type { SessionPersistence } from './session-persistence.js';
import { createWebSessionPersistence } from './web-session-persistence.js';

export function choosePersistence(bridge: PairJudgeBridge, storage: Storage): SessionPersistence {
  return bridge.sessions ? createDesktopSessionPersistence(bridge.sessions) : createWebSessionPersistence(storage);
}
