/**
 * Loads the challenge catalog once at start-up and decorates `app.catalog`: the challenges on
 * disk plus the ones coaches wrote (judge-server/authored), behind the one Catalog interface.
 */
import fp from 'fastify-plugin';
import { createAuthoredCatalog, type AuthoredCatalog } from '../../authored/authored-catalog.js';
import type { AuthoredStore } from '../../authored/authored-store.js';
import { loadCatalog } from '../../catalog/load-catalog.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: AuthoredCatalog;
    authoredStore: AuthoredStore;
  }
}

export interface CatalogPluginOptions {
  challengesDir: string;
  authored: AuthoredStore;
}

export const catalogPlugin = fp<CatalogPluginOptions>(
  async (app, options) => {
    const disk = await loadCatalog(options.challengesDir);
    const catalog = createAuthoredCatalog(disk, options.authored);
    await catalog.refresh();
    app.decorate('catalog', catalog);
    app.decorate('authoredStore', options.authored);
    app.log.info({ challenges: disk.list().length, authored: catalog.list().length - disk.list().length }, 'catalog loaded');

    // buildJob reads the catalog synchronously; before a submission naming an authored challenge,
    // read that challenge again, since another gateway sharing the store may have changed or
    // deleted it since this one last looked.
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'POST' || request.routeOptions.url !== '/v1/submissions') return;
      const challengeId = (request.body as { challengeId?: unknown } | undefined)?.challengeId;
      if (typeof challengeId === 'string' && !catalog.isCatalogId(challengeId)) await catalog.refreshOne(challengeId);
    });
  },
  { name: 'catalog' },
);
