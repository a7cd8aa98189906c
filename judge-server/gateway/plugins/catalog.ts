/** Loads the challenge catalog once at start-up and decorates `app.catalog`. */
import fp from 'fastify-plugin';
import type { Catalog } from '../../../judge-core/catalog.js';
import { loadCatalog } from '../../catalog/load-catalog.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

export const catalogPlugin = fp<{ challengesDir: string }>(
  async (app, options) => {
    const catalog = await loadCatalog(options.challengesDir);
    app.decorate('catalog', catalog);
    app.log.info({ challenges: catalog.list().length }, 'catalog loaded');
  },
  { name: 'catalog' },
);
