/**
 * What the gateway needs of a job queue, whichever carries the jobs: RabbitMQ for the cloud
 * (rabbitmq-job-queue.ts, many gateways and workers on many hosts) or the in-process queue of
 * the embedded judge and the LAN host (in-process-job-queue.ts, one machine, no broker).
 * Replies (a "running" notice, then the result) reach the gateway through `onReply`, given when
 * the queue is made.
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

/** Makes a queue for a gateway: where its replies go and what it logs with. */
export type JobQueueFactory = (options: { onReply: (reply: Reply) => void; logger: QueueLogger }) => JobQueue;
