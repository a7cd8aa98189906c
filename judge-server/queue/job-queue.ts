/**
 * What the gateway needs of a job queue, whichever carries the jobs: RabbitMQ for the cloud
 * (rabbitmq-job-queue.ts, many gateways and workers on many hosts) or the in-process queue of
 * the embedded judge and the LAN host (in-process-job-queue.ts, one machine, no broker).
 * Replies (a "running" notice, then the result) reach the gateway through `onReply`, given when
 * the queue is made. A job may be published more than once (the outbox cannot make a publish and
 * its record one act); the store keeps the first result.
 */
import type { JudgeJob } from '../../judge-core/job.js';
import type { QueueLogger } from './logger.js';
import type { Reply } from './job.js';

export interface JobQueueStats {
  /** Jobs waiting for a worker. */
  messageCount: number;
  /** Workers (or in-process runners) taking jobs. */
  consumerCount: number;
}

export interface JobQueue {
  /** Which kind of queue this is, for logs, /readyz and metrics. */
  readonly kind: 'rabbitmq' | 'in-process';
  /** True when `publish` can succeed now. */
  readonly connected: boolean;
  start(): Promise<void>;
  waitUntilConnected(timeoutMs: number): Promise<boolean>;
  /** Resolves once the queue safely holds the job; throws BrokerUnavailableError otherwise. */
  publish(job: JudgeJob): Promise<void>;
  stats(): Promise<JobQueueStats>;
  /** Stops taking jobs and releases resources; idempotent. */
  close(): Promise<void>;
}

export interface JobQueueHandlers {
  /**
   * Takes a reply. A returned promise is awaited before the reply is acknowledged: a reply whose
   * handling fails (the store away) stays on the broker and comes again.
   */
  onReply: (reply: Reply) => unknown;
  /** A reply that failed the contract's schema; `id` is its submission when it could be told. */
  onMalformedReply?: (id: string | undefined, problem: string) => void | Promise<void>;
  /** The queue (re)connected: a good moment to publish what waited. */
  onConnected?: () => void;
  logger: QueueLogger;
}

/** Makes a queue for a gateway: where its replies go and what it logs with. */
export type JobQueueFactory = (options: JobQueueHandlers) => JobQueue;
