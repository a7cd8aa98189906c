/** A JobQueue under the test's control: connect and disconnect it, see what was published, send replies. */
import type { JudgeJob } from '../../judge-core/job.js';
import { BrokerUnavailableError } from '../../judge-server/queue/errors.js';
import type { JobQueue, JobQueueFactory, JobQueueHandlers, JobQueueStats } from '../../judge-server/queue/job-queue.js';

export class FakeJobQueue implements JobQueue {
  readonly kind = 'rabbitmq' as const;
  connected: boolean;
  readonly published: JudgeJob[] = [];
  handlers: JobQueueHandlers | undefined;
  consumers = 1;

  constructor(connected = true) {
    this.connected = connected;
  }

  factory(): JobQueueFactory {
    return (handlers) => {
      this.handlers = handlers;
      return this;
    };
  }

  async start(): Promise<void> {}
  async waitUntilConnected(): Promise<boolean> {
    return this.connected;
  }
  async publish(job: JudgeJob): Promise<void> {
    if (!this.connected) throw new BrokerUnavailableError('broker down (fake)');
    this.published.push(job);
  }
  async stats(): Promise<JobQueueStats> {
    return { messageCount: 0, consumerCount: this.consumers };
  }
  async close(): Promise<void> {
    this.connected = false;
  }

  /** The broker comes back. */
  reconnect(): void {
    this.connected = true;
    this.handlers?.onConnected?.();
  }

  async reply(reply: Parameters<JobQueueHandlers['onReply']>[0]): Promise<void> {
    await this.handlers!.onReply(reply);
  }
}

export async function until<T>(what: string, timeoutMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
