/**
 * The gateway's link to the judges and its memory: the submission store (app.submissions), the
 * job queue (app.jobs; RabbitMQ in the cloud, in-process in the embedded judge), the outbox
 * publisher that sends stored submissions to the queue, the waiters that hold requests open for
 * a result, and the store's maintenance (reaper, retention). Replies from the queue are written
 * to the store, whichever gateway sent the job: the first result of a submission wins.
 */
import fp from 'fastify-plugin';
import { Value } from '@sinclair/typebox/value';
import { SubmissionResultSchema, type SubmissionResult } from '../../../protocol/index.js';
import { internalErrorResult } from '../../../judge-core/run-job.js';
import type { JobTiming, Reply } from '../../queue/job.js';
import type { JobQueue, JobQueueFactory } from '../../queue/job-queue.js';
import { RabbitJobQueue } from '../../queue/rabbitmq-job-queue.js';
import { OutboxPublisher } from '../store/outbox-publisher.js';
import { ResultWaiters } from '../store/result-waiters.js';
import { StoreMaintenance } from '../store/store-maintenance.js';
import type { SubmissionStore } from '../store/submission-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
    submissions: SubmissionStore;
    resultWaiters: ResultWaiters;
    outbox: OutboxPublisher;
    maintenance: StoreMaintenance;
  }
}

export interface JobsPluginOptions {
  /** The queue to use; RabbitMQ at `amqpUrl` when absent. */
  queue?: JobQueueFactory;
  amqpUrl: string;
  queuePrefix: string;
  store: SubmissionStore;
  /** Close the store with the gateway (it was opened for it). */
  ownsStore: boolean;
  /** How long start-up waits for the broker before serving anyway (submissions wait in the store). */
  connectTimeoutMs?: number;
  deadlineMs: number;
  retentionMs: number;
  /** How often waiters look in the store for results stored elsewhere. */
  resultPollMs?: number;
  outboxIntervalMs?: number;
  maintenanceIntervalMs?: number;
}

export const MALFORMED_RESULT_MESSAGE = 'The judge produced a result that could not be read; please submit again';

export const jobsPlugin = fp<JobsPluginOptions>(
  async (app, options) => {
    const { store } = options;
    const logger = app.log.child({ component: 'jobs' });
    const waiters = new ResultWaiters(store, options.resultPollMs ?? 250, (error) =>
      logger.warn({ err: (error as Error).message }, 'could not look for results in the store'),
    );
    // The callbacks below use `outbox`, made once the queue exists; replies and connection
    // events cannot arrive before queue.start().

    const storeResult = async (result: SubmissionResult, timing?: JobTiming) => {
      const outcome = await store.complete(result, Date.now());
      if (outcome.kind === 'stored') {
        app.metrics.finished(outcome.language, result.verdict, timing);
        app.log.info({ submissionId: result.id, verdict: result.verdict, ...timing }, 'submission finished');
        waiters.notify(result);
        // A worker is free again: what waits in the outbox may go now.
        outbox.kick();
      } else {
        // A redelivered or re-published job judged again, or a result after the reaper: the
        // first result stays.
        app.metrics.resultDropped(outcome.kind);
        logger.warn({ submissionId: result.id, why: outcome.kind }, 'dropped a second result for a submission');
      }
    };

    const onMalformedReply = async (id: string | undefined, problem: string) => {
      app.metrics.resultRejected();
      logger.error({ submissionId: id, problem }, 'a result failed the contract schema');
      if (id) await storeResult(internalErrorResult(id, MALFORMED_RESULT_MESSAGE));
    };

    const onReply = async (reply: Reply) => {
      if (reply.type === 'running') {
        await store.markRunning(reply.id, Date.now());
        return;
      }
      // The in-process queue hands results over without a wire to check them on: check here too.
      if (!Value.Check(SubmissionResultSchema, reply.result)) {
        const first = Value.Errors(SubmissionResultSchema, reply.result).First();
        const claimed = (reply.result as { id?: unknown } | undefined)?.id;
        const id = typeof claimed === 'string' ? claimed : undefined;
        await onMalformedReply(id, `${first?.path || '/'}: ${first?.message ?? 'invalid'}`);
        return;
      }
      await storeResult(reply.result, reply.timing);
    };

    const onConnected = () => outbox.kick();
    const queue: JobQueue = options.queue
      ? options.queue({ onReply, onMalformedReply, onConnected, logger })
      : new RabbitJobQueue({ url: options.amqpUrl, prefix: options.queuePrefix, logger, onReply, onMalformedReply, onConnected });
    const outbox = new OutboxPublisher({
      store,
      queue,
      logger,
      intervalMs: options.outboxIntervalMs ?? 1000,
      onPublished: (count) => app.metrics?.published(count),
    });
    const maintenance = new StoreMaintenance({
      store,
      logger,
      deadlineMs: options.deadlineMs,
      retentionMs: options.retentionMs,
      intervalMs: options.maintenanceIntervalMs ?? Math.min(30_000, Math.max(1000, Math.floor(options.deadlineMs / 5))),
      onReaped: (ids) => app.metrics.reaped(ids.length),
    });
    app.decorate('jobs', queue);
    app.decorate('submissions', store);
    app.decorate('resultWaiters', waiters);
    app.decorate('outbox', outbox);
    app.decorate('maintenance', maintenance);

    // Started once every plugin is registered: results waiting on the broker arrive as soon as it
    // connects, and storing them needs the metrics plugin, registered after this one.
    app.addHook('onReady', async () => {
      await queue.start();
      const connected = await queue.waitUntilConnected(options.connectTimeoutMs ?? 3000);
      if (!connected) app.log.warn('broker not reachable yet; submissions are accepted and wait in the store until it is');
      outbox.start();
      maintenance.start();
    });
    app.addHook('onClose', async () => {
      waiters.close();
      await outbox.close();
      await maintenance.close();
      await queue.close();
      if (options.ownsStore) await store.close();
    });
  },
  { name: 'jobs' },
);
