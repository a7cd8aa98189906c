/**
 * The gateway's link to the workers: a JobPublisher on the broker plus the submission store that
 * replies are written into. Decorates `app.jobs` and `app.submissions`.
 */
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { JobPublisher } from '../../queue/job-publisher.js';
import type { SubmissionStore } from '../store/submission-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobPublisher;
    submissions: SubmissionStore;
    /** Languages of submissions this gateway accepted and has no result for yet (for metrics). */
    pendingLanguages: Map<string, string>;
  }
}

export interface JobsPluginOptions {
  amqpUrl: string;
  queuePrefix: string;
  store: SubmissionStore;
  /** How long start-up waits for the broker before serving anyway (and answering 503). */
  connectTimeoutMs?: number;
}

export const jobsPlugin = fp<JobsPluginOptions>(
  async (app, options) => {
    const pendingLanguages = new Map<string, string>();
    const store = options.store;
    const publisher = new JobPublisher({
      url: options.amqpUrl,
      prefix: options.queuePrefix,
      gatewayId: randomUUID(),
      logger: app.log.child({ component: 'jobs' }),
      onReply: (reply) => {
        if (reply.type === 'running') {
          void store.markRunning(reply.id);
          return;
        }
        const { result } = reply;
        const language = pendingLanguages.get(result.id);
        if (pendingLanguages.delete(result.id)) app.metrics.finished(language, result.verdict, reply.timing);
        app.log.info({ submissionId: result.id, verdict: result.verdict, ...reply.timing }, 'submission finished');
        void store.complete(result);
      },
    });
    app.decorate('jobs', publisher);
    app.decorate('submissions', store);
    app.decorate('pendingLanguages', pendingLanguages);
    await publisher.start();
    const connected = await publisher.waitUntilConnected(options.connectTimeoutMs ?? 3000);
    if (!connected) app.log.warn('broker not reachable yet; submissions answer 503 until it is');
    app.addHook('onClose', async () => {
      await publisher.close();
    });
  },
  { name: 'jobs' },
);
