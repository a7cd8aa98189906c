/**
 * The transactional outbox's sender. A submission is stored (queued, unpublished) before the
 * client hears 202/200; this publisher then hands it to the job queue and marks it published. It
 * drains when told (a new submission, a result freeing a slot), when the queue (re)connects, and
 * every `intervalMs`, so a submission accepted while the broker was down goes out as soon as the
 * broker is back. A lease on each claimed submission keeps two gateways sharing the store from
 * publishing it twice; should it still happen (a publisher dying between publish and mark), the
 * store keeps the first result only.
 */
import type { JobQueue } from '../../queue/job-queue.js';
import type { QueueLogger } from '../../queue/logger.js';
import type { SubmissionStore } from './submission-store.js';

export interface OutboxPublisherOptions {
  store: SubmissionStore;
  queue: JobQueue;
  logger: QueueLogger;
  intervalMs: number;
  /** How long a claimed submission stays reserved to this publisher. */
  leaseMs?: number;
  batchSize?: number;
  onPublished?: (count: number) => void;
}

export class OutboxPublisher {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(private readonly options: OutboxPublisherOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Drains soon; calls while a drain runs make it go round once more. */
  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.draining;
  }

  private async drain(): Promise<void> {
    const { store, queue, logger } = this.options;
    const batchSize = this.options.batchSize ?? 50;
    try {
      while (!this.closed && queue.connected) {
        const claimed = await store.claimUnpublished(batchSize, Date.now(), this.options.leaseMs ?? 30_000);
        if (claimed.length === 0) return;
        let failed = 0;
        // Published together: the broker's confirms come back pipelined, not one round trip each.
        await Promise.all(
          claimed.map(async ({ id, job }) => {
            try {
              await queue.publish(job);
            } catch (error) {
              failed++;
              logger.warn({ submissionId: id, err: (error as Error).message }, 'publish failed; the submission waits in the store');
              await store.releaseClaim(id).catch(() => undefined);
              return;
            }
            await store.markPublished(id, Date.now());
          }),
        );
        this.options.onPublished?.(claimed.length - failed);
        // The queue refused (broker gone, local queue full): wait for the next kick.
        if (failed > 0) return;
      }
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'the outbox could not be drained; retrying later');
    }
  }
}
