/**
 * The cloud's JobQueue, the gateway's side of RabbitMQ: publishes jobs as persistent messages on
 * the durable jobs queue and waits for the broker's confirm. Jobs name the shared results queue
 * as `replyTo`; every gateway consumes it, hands each reply to `onReply` and acknowledges it only
 * once that has finished (the result is in the store), so a result is never lost with a gateway.
 */
import type { ConfirmChannel, ChannelModel, ConsumeMessage } from 'amqplib';
import { ManagedConnection } from './connection.js';
import { BrokerUnavailableError } from './errors.js';
import { decodeReply, encodeMessage, MalformedMessageError, type JudgeJob, type Reply } from './job.js';
import type { JobQueue, JobQueueHandlers, JobQueueStats } from './job-queue.js';
import { assertTopology, topologyNames } from './topology.js';

export interface RabbitJobQueueOptions extends JobQueueHandlers {
  url: string;
  prefix: string;
  /** How long to wait for the broker to confirm a publish before giving up. */
  confirmTimeoutMs?: number;
  /** Replies handled at once by this gateway (store writes in flight). */
  replyPrefetch?: number;
  /** Pause between attempts at a reply whose handling failed (the store away). */
  replyRetryMs?: number;
}

export class RabbitJobQueue implements JobQueue {
  readonly kind = 'rabbitmq' as const;
  private readonly connection: ManagedConnection;
  private channel: ConfirmChannel | undefined;
  private readonly names;

  constructor(private readonly options: RabbitJobQueueOptions) {
    this.names = topologyNames(options.prefix);
    this.connection = new ManagedConnection({
      url: options.url,
      name: `pairjudge gateway ${options.prefix}`,
      logger: options.logger,
      setup: (model) => this.setup(model),
      onDisconnect: () => {
        this.channel = undefined;
      },
    });
  }

  get connected(): boolean {
    return this.connection.connected && this.channel !== undefined;
  }

  async start(): Promise<void> {
    await this.connection.start();
  }

  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    return this.connection.waitUntilConnected(timeoutMs);
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    await assertTopology(channel, this.names);
    await channel.prefetch(this.options.replyPrefetch ?? 50);
    await channel.consume(this.names.results, (message) => {
      if (message) void this.onResultMessage(channel, message);
    });
    this.channel = this.connection.adopt(channel, 'publisher', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    // After this turn: the connection is only "connected" once setup has returned.
    setTimeout(() => this.options.onConnected?.(), 0);
  }

  private async onResultMessage(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const { logger } = this.options;
    try {
      let reply;
      try {
        reply = decodeReply(message.content);
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        const id = replyId(message);
        logger.error({ submissionId: id, err: error.message }, 'a reply failed the contract; its submission ends as internal_error');
        await this.options.onMalformedReply?.(id, error.message);
        channel.ack(message);
        return;
      }
      await this.handleUntilStored(channel, reply);
      channel.ack(message);
    } catch (error) {
      // Only when the channel went away mid-handling: unacknowledged, the broker redelivers it.
      logger.warn({ err: (error as Error).message }, 'a reply could not be handled before its channel closed; the broker delivers it again');
    }
  }

  /**
   * Hands the reply over until that succeeds, keeping it unacknowledged meanwhile. Returning it to
   * the queue instead would spend one of the quorum queue's deliveries per attempt (RabbitMQ drops
   * a message past its delivery limit, 20 by default), so a store outage of a few dozen seconds
   * would lose verdicts; held here, the reply costs nothing while the store is away.
   */
  private async handleUntilStored(channel: ConfirmChannel, reply: Reply): Promise<void> {
    const retryMs = this.options.replyRetryMs ?? 1000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.onReply(reply);
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 30 === 0) this.options.logger.warn({ err: (error as Error).message, attempt }, 'a reply could not be handled (the store away?); trying again');
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        if (this.channel !== channel) throw new Error('the reply channel closed');
      }
    }
  }

  /** Resolves once the broker has safely stored the job; throws BrokerUnavailableError otherwise. */
  async publish(job: JudgeJob): Promise<void> {
    const channel = this.channel;
    if (!channel) throw new BrokerUnavailableError('the job queue is unavailable (broker not connected)');
    const timeoutMs = this.options.confirmTimeoutMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BrokerUnavailableError('the broker did not confirm the job in time')), timeoutMs);
      try {
        channel.publish(
          '',
          this.names.jobs,
          encodeMessage(job),
          {
            persistent: true,
            contentType: 'application/json',
            messageId: job.id,
            correlationId: job.id,
            replyTo: this.names.results,
            timestamp: Math.floor(job.submittedAt / 1000),
          },
          (error) => {
            clearTimeout(timer);
            if (error) reject(new BrokerUnavailableError(`the broker refused the job: ${String(error)}`));
            else resolve();
          },
        );
      } catch (error) {
        clearTimeout(timer);
        reject(new BrokerUnavailableError(`could not publish the job: ${(error as Error).message}`));
      }
    });
  }

  /** Depth and consumers (workers) of the jobs queue, for readiness and metrics. */
  async stats(): Promise<JobQueueStats> {
    const channel = this.channel;
    if (!channel) throw new BrokerUnavailableError('broker not connected');
    const { messageCount } = await channel.checkQueue(this.names.jobs);
    // Workers ready to judge (topology.ts): one that stopped taking jobs leaves at once.
    const { consumerCount } = await channel.checkQueue(this.names.workers);
    return { messageCount, consumerCount };
  }

  async close(): Promise<void> {
    this.channel = undefined;
    await this.connection.close();
  }
}

/** The submission a reply belongs to: its correlation id, else an id found in its JSON. */
function replyId(message: ConsumeMessage): string | undefined {
  const correlationId = message.properties.correlationId as unknown;
  if (typeof correlationId === 'string' && correlationId) return correlationId;
  try {
    const parsed = JSON.parse(message.content.toString('utf8')) as { id?: unknown; result?: { id?: unknown } };
    const id = parsed.result?.id ?? parsed.id;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}
