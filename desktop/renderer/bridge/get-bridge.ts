/**
 * Picks the bridge: the desktop preload's `window.pairjudge` when present, otherwise the
 * browser guest's web implementation talking to the gateway that served the page.
 */
import type { PairJudgeBridge } from './bridge-api.js';
import { createWebBridge } from './web-bridge.js';

declare global {
  interface Window {
    /** Exposed by the desktop preload through contextBridge. */
    pairjudge?: PairJudgeBridge;
  }
}

let cached: PairJudgeBridge | undefined;

export function getBridge(): PairJudgeBridge {
  cached ??=
    window.pairjudge ??
    createWebBridge({
      origin: window.location.origin,
      storage: window.localStorage,
      openTab: (url) => {
        window.open(url, '_blank', 'noopener,noreferrer');
      },
    });
  return cached;
}
