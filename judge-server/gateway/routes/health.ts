/**
 * GET /healthz: the process answers. GET /readyz: it can judge — its queue connected (the broker,
 * or the in-process queue of the embedded judge) and at least one worker taking jobs.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { summary: 'Readiness: broker connected and a worker seen', tags: ['health'] } }, async (_request, reply) => {
    if (!app.jobs.connected) {
      return reply.status(503).send({ status: 'unavailable', queue: app.jobs.kind, broker: 'disconnected', workers: 0 });
    }
    try {
      const { consumerCount, messageCount } = await app.jobs.stats();
      const ready = consumerCount > 0;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'no_workers', queue: app.jobs.kind, broker: 'connected', workers: consumerCount, queued: messageCount });
    } catch {
      return reply.status(503).send({ status: 'unavailable', broker: 'error', workers: 0 });
    }
  });
};
