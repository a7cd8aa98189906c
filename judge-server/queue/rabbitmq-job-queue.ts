/**
 * The cloud's JobQueue, the gateway's side of the RPC over RabbitMQ: publishes jobs as persistent messages on the durable jobs queue
 * and waits for the broker's confirm, so a job counts as accepted only once the broker has it.
 * Replies (a "running" notice, then the result) come back on this gateway's reply queue with the
 * job id as correlation id, and are handed to `onReply`.
 */
import type { ConfirmChannel, ChannelModel } from 'amqplib';
import type { QueueLogger } from './logger.js';
import { ManagedConnection } from './connection.js';
import { BrokerUnavailableError } from './errors.js';
import { decodeReply, encodeMessage, type JudgeJob, type Reply } from './job.js';
import type { JobQueue, JobQueueStats } from './job-queue.js';
import { assertTopology, replyQueueName, REPLY_QUEUE_EXPIRES_MS, topologyNames } from './topology.js';

export interface RabbitJobQueueOptions {
  url: string;
  prefix: string;
  gatewayId: string;
  logger: QueueLogger;
  onReply: (reply: Reply) => void;
  /** How long to wait for the broker to confirm a publish before giving up with a 503. */
  confirmTimeoutMs?: number;
}

export class RabbitJobQueue implements JobQueue {
  readonly kind = 'rabbitmq' as const;
  private readonly connection: ManagedConnection;
  private channel: ConfirmChannel | undefined;
  private readonly names;
  readonly replyQueue: string;

  constructor(private readonly options: RabbitJobQueueOptions) {
    this.names = topologyNames(options.prefix);
    this.replyQueue = replyQueueName(options.prefix, options.gatewayId);
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
    await channel.assertQueue(this.replyQueue, {
      durable: false,
      autoDelete: false,
      arguments: { 'x-expires': REPLY_QUEUE_EXPIRES_MS },
    });
    await channel.consume(this.replyQueue, (message) => {
      if (!message) return;
      try {
        this.options.onReply(decodeReply(message.content));
      } catch (error) {
        this.options.logger.error({ err: error }, 'dropping a malformed reply');
      }
      channel.ack(message);
    });
    this.channel = this.connection.adopt(channel, 'publisher', () => {
      if (this.channel === channel) this.channel = undefined;
    });
  }

  /** Resolves once the broker has safely stored the job; throws BrokerUnavailableError otherwise. */
  async publish(job: JudgeJob): Promise<void> {
    const channel = this.channel;
    if (!channel) throw new BrokerUnavailableError('the job queue is unavailable (broker not connected)');
    const timeoutMs = this.options.confirmTimeoutMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new BrokerUnavailableError('the broker did not confirm the job in time')),
        timeoutMs,
      );
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
            replyTo: this.replyQueue,
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
    const { messageCount, consumerCount } = await channel.checkQueue(this.names.jobs);
    return { messageCount, consumerCount };
  }

  async close(): Promise<void> {
    this.channel = undefined;
    await this.connection.close();
  }
}
