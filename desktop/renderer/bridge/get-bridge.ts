/**
 * Picks the bridge: the desktop preload's `window.pairjudge` when present, otherwise the
 * browser guest's web implementation talking to the gateway that served the page.
 */
import type { PairJudgeBridge } from './bridge-api.js';
import { createJudgeClient } from '../../../judge-client/index.js';
import { createWebOffline } from '../offline/web-offline.js';
import { createWebBridge } from './web-bridge.js';

declare global {
  interface Window {
    /** Exposed by the desktop preload through contextBridge. */
    pairjudge?: PairJudgeBridge;
  }
}

let cached: PairJudgeBridge | undefined;

export function getBridge(): PairJudgeBridge {
  cached ??= window.pairjudge ?? webBridge();
  return cached;
}

function webBridge(): PairJudgeBridge {
  const bridge = createWebBridge({
    origin: window.location.origin,
    storage: window.localStorage,
    openTab: (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
  });
  // Local Run and the outbox when the gateway is unreachable (offline/web-offline.ts).
  return { ...bridge, offline: createWebOffline(createJudgeClient({ baseUrl: () => window.location.origin, maxRetries: 0 })) };
}
