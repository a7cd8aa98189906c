/**
 * The embedded judge's queue: jobs run in this process, at most `concurrency` at once, through
 * `run` (which calls judge-core's runJob with a sandbox). Bounded: past `maxQueued` waiting jobs
 * a publish is refused, so a burst cannot grow memory without limit. There is no broker to lose
 * and no one to redeliver to: a job whose run throws ends as `internal_error` rather than staying
 * `running` for ever.
 */
import type { HandledJob, JudgeJob } from '../../judge-core/job.js';
import { internalErrorResult } from '../../judge-core/run-job.js';
import { BrokerUnavailableError } from './errors.js';
import type { Reply } from './job.js';
import type { JobQueue, JobQueueStats } from './job-queue.js';
import type { QueueLogger } from './logger.js';

export interface InProcessJobQueueOptions {
  concurrency: number;
  maxQueued: number;
  run: (job: JudgeJob) => Promise<HandledJob>;
  onReply: (reply: Reply) => unknown;
  logger: QueueLogger;
}

export class QueueFullError extends BrokerUnavailableError {
  override name = 'QueueFullError';
}

export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly waiting: JudgeJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: InProcessJobQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  }

  get connected(): boolean {
    return !this.closed;
  }

  async start(): Promise<void> {}

  async waitUntilConnected(): Promise<boolean> {
    return !this.closed;
  }

  async publish(job: JudgeJob): Promise<void> {
    if (this.closed) throw new BrokerUnavailableError('the judge is stopping');
    if (this.waiting.length >= this.options.maxQueued) {
      throw new QueueFullError(`the local judge has ${this.waiting.length} submissions waiting; try again shortly`);
    }
    this.waiting.push(job);
    // Started on the next turn: the caller registers the job before any reply can arrive.
    queueMicrotask(() => this.pump());
  }

  async stats(): Promise<JobQueueStats> {
    return { messageCount: this.waiting.length, consumerCount: this.closed ? 0 : this.options.concurrency };
  }

  /**
   * Stops taking jobs and waits up to `graceMs` for the running ones. Jobs that never started
   * end as `internal_error` so that nobody waits for them.
   */
  async close(graceMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      this.reply({ type: 'result', result: internalErrorResult(job.id, 'The judge stopped before running this submission; please submit again') });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.options.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const task = this.runOne(job).finally(() => {
        this.running.delete(task);
        this.pump();
      });
      this.running.add(task);
    }
  }

  private async runOne(job: JudgeJob): Promise<void> {
    const log = this.options.logger.child({ submissionId: job.id });
    this.reply({ type: 'running', id: job.id });
    try {
      const { result, timing } = await this.options.run(job);
      this.reply({ type: 'result', result, timing });
    } catch (error) {
      log.error({ err: error }, 'the job could not be run');
      this.reply({ type: 'result', result: internalErrorResult(job.id, 'The judge could not run this submission; please try again') });
    }
  }

  private reply(reply: Reply): void {
    const failed = (error: unknown) => this.options.logger.error({ err: error }, 'a reply handler failed');
    try {
      void Promise.resolve(this.options.onReply(reply)).catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}
