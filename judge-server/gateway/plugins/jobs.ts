/**
 * The gateway's link to the judges: a JobQueue (RabbitMQ in the cloud, in-process in the
 * embedded judge) plus the submission store that replies are written into. Decorates `app.jobs`
 * and `app.submissions`.
 */
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Reply } from '../../queue/job.js';
import type { JobQueue, JobQueueFactory } from '../../queue/job-queue.js';
import { RabbitJobQueue } from '../../queue/rabbitmq-job-queue.js';
import type { SubmissionStore } from '../store/submission-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
    submissions: SubmissionStore;
    /** Languages of submissions this gateway accepted and has no result for yet (for metrics). */
    pendingLanguages: Map<string, string>;
  }
}

export interface JobsPluginOptions {
  /** The queue to use; RabbitMQ at `amqpUrl` when absent. */
  queue?: JobQueueFactory;
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
    const logger = app.log.child({ component: 'jobs' });
    const onReply = (reply: Reply) => {
      if (reply.type === 'running') {
        void store.markRunning(reply.id);
        return;
      }
      const { result } = reply;
      const language = pendingLanguages.get(result.id);
      if (pendingLanguages.delete(result.id)) app.metrics.finished(language, result.verdict, reply.timing);
      app.log.info({ submissionId: result.id, verdict: result.verdict, ...reply.timing }, 'submission finished');
      void store.complete(result);
    };
    const queue: JobQueue = options.queue
      ? options.queue({ onReply, logger })
      : new RabbitJobQueue({ url: options.amqpUrl, prefix: options.queuePrefix, gatewayId: randomUUID(), logger, onReply });
    app.decorate('jobs', queue);
    app.decorate('submissions', store);
    app.decorate('pendingLanguages', pendingLanguages);
    await queue.start();
    const connected = await queue.waitUntilConnected(options.connectTimeoutMs ?? 3000);
    if (!connected) app.log.warn('broker not reachable yet; submissions answer 503 until it is');
    app.addHook('onClose', async () => {
      await queue.close();
    });
  },
  { name: 'jobs' },
);
