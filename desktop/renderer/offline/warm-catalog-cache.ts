/**
 * On a guest's first visit the page loads the catalog before its service worker controls it, so
 * nothing the person saw is in the worker's catalog cache yet: the judge going away right then
 * would leave an empty list offline. When the worker takes control, the catalog answers are asked
 * for once more, through it, so they are kept (vite.web.config.ts: network first, cached).
 */
const CHALLENGE_ROUTE = /^#\/challenge\/([a-z0-9-]+)$/;

/** The catalog paths worth keeping now: the list, the languages and the challenge on screen. */
export function catalogPathsToWarm(hash: string): string[] {
  const paths = ['/v1/challenges', '/v1/languages'];
  const open = CHALLENGE_ROUTE.exec(hash);
  if (open) paths.push(`/v1/challenges/${open[1]}`);
  return paths;
}

/** The part of `navigator.serviceWorker` used here. */
export interface WorkerContainer {
  readonly controller: unknown;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export function warmCatalogCacheOnControl(container: WorkerContainer, origin: string, currentHash: () => string): void {
  const hadController = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    // A new version taking over from an old one finds the cache filled already.
    if (hadController) return;
    for (const path of catalogPathsToWarm(currentHash())) {
      void fetch(new URL(path, origin), { credentials: 'omit' }).catch(() => undefined);
    }
  });
}
