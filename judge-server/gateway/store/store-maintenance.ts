/**
 * Periodic care of the store, run by every gateway (each step is safe to run on several at once):
 * - the reaper ends any submission not done `deadlineMs` after it was accepted as internal_error,
 *   so nothing stays queued or running for ever (a job lost with its broker, a gateway that kept
 *   a submission unpublished past the deadline, a result that never came);
 * - retention deletes finished submissions `retentionMs` after they finished (their idempotency
 *   keys go with them).
 */
import { internalErrorResult } from '../../../judge-core/run-job.js';
import type { QueueLogger } from '../../queue/logger.js';
import type { SubmissionStore } from './submission-store.js';

export interface StoreMaintenanceOptions {
  store: SubmissionStore;
  logger: QueueLogger;
  deadlineMs: number;
  retentionMs: number;
  intervalMs: number;
  onReaped?: (ids: string[]) => void;
}

export const REAPED_MESSAGE = 'The judge did not finish this submission in time; please submit again';

export class StoreMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: StoreMaintenanceOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async runOnce(now = Date.now()): Promise<{ reaped: string[]; purged: number }> {
    const { store, logger } = this.options;
    let reaped: string[] = [];
    let purged = 0;
    const work = (async () => {
      try {
        reaped = await store.reapStuck(now - this.options.deadlineMs, now, (id) => internalErrorResult(id, REAPED_MESSAGE));
        if (reaped.length > 0) {
          logger.error({ count: reaped.length, ids: reaped.slice(0, 20) }, 'ended submissions stuck past the deadline as internal_error');
          this.options.onReaped?.(reaped);
        }
        purged = await store.purgeFinished(now - this.options.retentionMs);
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'store maintenance failed; retrying later');
      }
    })();
    this.running = work;
    await work;
    return { reaped, purged };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
