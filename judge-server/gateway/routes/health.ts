/**
 * GET /healthz: the process answers. GET /readyz: it can judge — its submission store answers,
 * its queue is connected (the broker, or the in-process queue of the embedded judge) and at least
 * one worker takes jobs (a worker whose sandbox engine is away stops taking jobs, so this shows it).
 * While the broker is down submissions are still accepted (they wait in the store), but /readyz
 * says 503: judging has stopped. Each check is bounded: a store or broker that stops answering
 * (rather than refusing) would otherwise hold the probe until its caller gives up, which says
 * nothing; after `CHECK_MS` it counts as unavailable.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const CHECK_MS = 2000;

function answersWithin<T>(promise: Promise<T>, ms = CHECK_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { summary: 'Readiness: store answering, broker connected and a worker seen', tags: ['health'] } }, async (_request, reply) => {
    try {
      await answersWithin(app.submissions.ping());
    } catch {
      return reply.status(503).send({ status: 'unavailable', store: 'unavailable', queue: app.jobs.kind, broker: app.jobs.connected ? 'connected' : 'disconnected' });
    }
    if (!app.jobs.connected) {
      return reply.status(503).send({ status: 'unavailable', store: 'ok', queue: app.jobs.kind, broker: 'disconnected', workers: 0 });
    }
    try {
      const { consumerCount, messageCount } = await answersWithin(app.jobs.stats());
      const ready = consumerCount > 0;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'no_workers', store: 'ok', queue: app.jobs.kind, broker: 'connected', workers: consumerCount, queued: messageCount });
    } catch {
      return reply.status(503).send({ status: 'unavailable', store: 'ok', broker: 'error', workers: 0 });
    }
  });
};
