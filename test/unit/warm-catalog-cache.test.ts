/**
 * What the guest asks for again when its service worker first takes control: the catalog list,
 * the languages, and the challenge on screen (only a well-formed challenge route).
 */
import { describe, expect, it } from 'vitest';
import { catalogPathsToWarm, warmCatalogCacheOnControl } from '../../desktop/renderer/offline/warm-catalog-cache.js';

describe('warming the catalog cache', () => {
  it('asks for the list, the languages and the open challenge', () => {
    expect(catalogPathsToWarm('#/challenge/two-sum')).toEqual(['/v1/challenges', '/v1/languages', '/v1/challenges/two-sum']);
    expect(catalogPathsToWarm('')).toEqual(['/v1/challenges', '/v1/languages']);
    expect(catalogPathsToWarm('#/challenge/../../v1/submissions')).toEqual(['/v1/challenges', '/v1/languages']);
  });

  it('fetches them on the first takeover only, from the page’s origin', async () => {
    const fetched: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: URL) => {
      fetched.push(String(url));
      return new Response('[]');
    }) as typeof fetch;
    try {
      const first = new EventTarget() as EventTarget & { controller: unknown };
      first.controller = null;
      warmCatalogCacheOnControl(first, 'http://127.0.0.1:8080', () => '#/challenge/fizz-buzz');
      first.dispatchEvent(new Event('controllerchange'));
      expect(fetched).toEqual(['http://127.0.0.1:8080/v1/challenges', 'http://127.0.0.1:8080/v1/languages', 'http://127.0.0.1:8080/v1/challenges/fizz-buzz']);

      fetched.length = 0;
      const update = new EventTarget() as EventTarget & { controller: unknown };
      update.controller = {};
      warmCatalogCacheOnControl(update, 'http://127.0.0.1:8080', () => '');
      update.dispatchEvent(new Event('controllerchange'));
      expect(fetched).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });
});
