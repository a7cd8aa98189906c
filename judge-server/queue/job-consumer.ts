/**
 * The worker's side of the RPC. Takes up to `prefetch` jobs at a time, hands each to `handle`,
 * publishes the result to the job's reply queue and waits for the broker's confirm, and only then
 * acks the job: a worker that dies before that point leaves the job to be redelivered.
 *
 * `handle` throwing a RetryableJobError means the sandbox is away (the engine restarting): with a
 * `sandboxHealthy` probe the worker stops taking jobs until the probe answers again, and puts the
 * job back at the tail of the queue as a fresh copy (confirmed before the original is acked), so
 * that no delivery is spent on a fault that is not the job's and a worker whose sandbox answers can
 * take it. Holding it instead would keep the worker counted as a consumer (a quorum queue counts a
 * cancelled consumer until its unacked messages are settled), and /readyz would say ready while
 * nothing can judge. A job put back `MAX_ENGINE_RETURNS` times is returned the ordinary way
 * (spending deliveries). With `healthCheckMs` the probe also runs between jobs, so an idle worker
 * stops taking jobs as soon as its sandbox is away. Other failures put the job back at once; the
 * quorum queue's delivery limit dead-letters a job that keeps failing, and `deadLetter` turns it
 * into a final result so that its client does not wait forever. Results are persistent messages on the shared
 * results queue, confirmed by the broker before the job is acked.
 */
import type { ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { QueueLogger } from './logger.js';
import type { SubmissionResult } from '../../protocol/index.js';
import { ManagedConnection } from './connection.js';
import { decodeJob, encodeMessage, MalformedMessageError, type JudgeJob, type Reply } from './job.js';
import { assertTopology, topologyNames } from './topology.js';

import type { HandledJob } from '../../judge-core/job.js';

export type { HandledJob };

export interface JobConsumerOptions {
  url: string;
  prefix: string;
  prefetch: number;
  logger: QueueLogger;
  handle: (job: JudgeJob, delivery: { redelivered: boolean }) => Promise<HandledJob>;
  /** Final result for a job that was dead-lettered (`job` is undefined if it could not be read). */
  deadLetter: (job: JudgeJob | undefined, correlationId: string) => SubmissionResult;
  /** Pause before putting back a job whose failure may be temporary. */
  retryDelayMs?: number;
  /** True when the sandbox can run jobs again; enables holding jobs through a sandbox outage. */
  sandboxHealthy?: () => Promise<boolean>;
  /** When set, the sandbox is also checked this often between jobs, so an outage stops consumption before a job hits it. */
  healthCheckMs?: number;
}

/** The job could not run for a reason that may pass (engine restarting, broker hiccup). */
export class RetryableJobError extends Error {
  override name = 'RetryableJobError';
}

export class JobConsumer {
  private readonly connection: ManagedConnection;
  private channel: ConfirmChannel | undefined;
  private readonly names;
  private readonly inFlight = new Set<Promise<void>>();
  private consumerTags: string[] = [];
  private stopping = false;
  /** Set while the sandbox is away: consumption is paused until the probe answers. */
  private outage: Promise<OutageEnd> | undefined;
  /** Resolves once the current outage has cancelled this worker's consumers. */
  private paused: Promise<unknown> = Promise.resolve();
  private healthTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JobConsumerOptions) {
    this.names = topologyNames(options.prefix);
    this.connection = new ManagedConnection({
      url: options.url,
      name: `pairjudge worker ${options.prefix}`,
      logger: options.logger,
      setup: (model) => this.setup(model),
      onDisconnect: () => {
        this.channel = undefined;
        this.consumerTags = [];
      },
    });
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  get activeJobs(): number {
    return this.inFlight.size;
  }

  async start(): Promise<void> {
    await this.connection.start();
    const probe = this.options.sandboxHealthy;
    if (probe && this.options.healthCheckMs) {
      // A worker whose sandbox is away must not look like a worker to /readyz (consumer count),
      // even before one of its jobs fails: check between jobs too.
      let probing = false;
      this.healthTimer = setInterval(() => {
        if (this.outage || this.stopping || probing) return;
        probing = true;
        void probe()
          .catch(() => false)
          .then((healthy) => {
            probing = false;
            if (!healthy && !this.outage && !this.stopping) void this.waitForSandbox(probe);
          });
      }, this.options.healthCheckMs);
      this.healthTimer.unref();
    }
  }

  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    return this.connection.waitUntilConnected(timeoutMs);
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    await channel.prefetch(this.options.prefetch);
    await assertTopology(channel, this.names);
    this.channel = this.connection.adopt(channel, 'consumer', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    if (this.stopping || this.outage) return;
    await this.consume(channel);
  }

  private async consume(channel: ConfirmChannel): Promise<void> {
    const jobs = await channel.consume(this.names.jobs, (message) => message && this.track(this.onJob(channel, message)));
    const dead = await channel.consume(this.names.deadJobs, (message) => message && this.track(this.onDead(channel, message)));
    // Presence: counted as a worker ready to judge while this consumer exists (topology.ts).
    const present = await channel.consume(this.names.workers, () => undefined, { noAck: true });
    this.consumerTags = [jobs.consumerTag, dead.consumerTag, present.consumerTag];
    // An outage that began while these consumers were being set up found no tags to cancel.
    if (this.outage || this.stopping) {
      const tags = this.consumerTags;
      this.consumerTags = [];
      this.paused = Promise.all(tags.map((tag) => channel.cancel(tag).catch(() => undefined)));
      await this.paused;
    }
  }

  /**
   * Pauses consumption until the sandbox answers again (shared by every job that hit the outage),
   * however long that takes: a worker without a sandbox must take no job. Resolves with the
   * number of probes that failed before it answered (0: it answered at once).
   */
  private waitForSandbox(probe: () => Promise<boolean>): Promise<OutageEnd> {
    this.outage ??= (async () => {
      const { logger } = this.options;
      const channel = this.channel;
      const tags = this.consumerTags;
      this.consumerTags = [];
      this.paused = channel ? Promise.all(tags.map((tag) => channel.cancel(tag).catch(() => undefined))) : Promise.resolve();
      await this.paused;
      logger.warn('sandbox unavailable: stopped taking jobs until it is back');
      let failedProbes = 0;
      while (!this.stopping) {
        await sleep(this.options.retryDelayMs ?? 1000);
        if (await probe().catch(() => false)) break;
        failedProbes++;
      }
      this.outage = undefined;
      const current = this.channel;
      if (!this.stopping && current && this.consumerTags.length === 0) {
        await this.consume(current).catch((error: unknown) => logger.warn({ err: error }, 'could not resume taking jobs'));
      }
      if (!this.stopping) logger.info({ failedProbes }, 'sandbox answers: taking jobs again');
      return { failedProbes, stopping: this.stopping };
    })();
    return this.outage;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onJob(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const { logger } = this.options;
    let job: JudgeJob;
    try {
      job = decodeJob(message.content);
    } catch (error) {
      // Retrying cannot fix a malformed job: dead-letter it now.
      logger.error({ err: error, correlationId: message.properties.correlationId }, 'malformed job');
      channel.nack(message, false, false);
      return;
    }
    const log = logger.child({ submissionId: job.id });
    const replyTo = message.properties.replyTo as string | undefined;
    try {
      if (replyTo) this.send(channel, replyTo, job.id, { type: 'running', id: job.id }, false);
      log.info({ redelivered: message.fields.redelivered }, 'job started');
      const { result, timing } = await this.options.handle(job, { redelivered: message.fields.redelivered });
      if (replyTo) {
        this.send(channel, replyTo, job.id, { type: 'result', result, timing }, true);
        await channel.waitForConfirms();
      }
      channel.ack(message);
      log.info({ verdict: result.verdict, ...timing }, 'job done');
    } catch (error) {
      if (this.channel !== channel) return; // channel gone: the broker redelivers the job anyway
      const retryable = error instanceof RetryableJobError;
      const probe = this.options.sandboxHealthy;
      const returns = engineReturns(message);
      if (retryable && probe && !this.stopping && returns < MAX_ENGINE_RETURNS) {
        log.warn({ err: (error as Error).message, returns }, 'sandbox unavailable; the job goes back to the queue, this worker stops taking jobs until it is back');
        void this.waitForSandbox(probe);
        await this.paused;
        try {
          channel.sendToQueue(this.names.jobs, message.content, returnedCopy(message, returns + 1));
          await channel.waitForConfirms();
          channel.ack(message);
        } catch {
          // Channel gone before the copy was confirmed or the original acked: the broker redelivers
          // the original (at worst both run; the first result stored wins).
        }
        return;
      }
      log.warn({ err: error, retryable }, 'job failed; returning it to the queue');
      if (retryable) await sleep(this.options.retryDelayMs ?? 1000);
      try {
        // Requeue either way; the delivery limit decides when to give up.
        channel.nack(message, false, true);
      } catch {
        // Channel closed meanwhile: redelivery happens without us.
      }
    }
  }

  private async onDead(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const correlationId = String(message.properties.correlationId ?? '');
    let job: JudgeJob | undefined;
    try {
      job = decodeJob(message.content);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
    }
    const result = this.options.deadLetter(job, correlationId);
    this.options.logger.error({ submissionId: correlationId }, 'job dead-lettered after repeated failures');
    const replyTo = message.properties.replyTo as string | undefined;
    try {
      if (replyTo && correlationId) {
        this.send(channel, replyTo, correlationId, { type: 'result', result }, true);
        await channel.waitForConfirms();
      }
      channel.ack(message);
    } catch {
      // Channel gone: the dead job is redelivered to this handler later.
    }
  }

  /** Results are persistent (they must survive a broker restart); "running" notices need not. */
  private send(channel: ConfirmChannel, replyTo: string, correlationId: string, reply: Reply, persistent: boolean): void {
    channel.sendToQueue(replyTo, encodeMessage(reply), {
      correlationId,
      contentType: 'application/json',
      persistent,
    });
  }

  /**
   * Stops taking jobs, lets the ones in progress finish (up to `graceMs`), then disconnects.
   * Jobs still running when the grace runs out are not acked and go back to the queue.
   * Safe to call more than once.
   */
  async close(graceMs = 10_000): Promise<void> {
    clearInterval(this.healthTimer);
    if (!this.stopping) {
      this.stopping = true;
      const channel = this.channel;
      if (channel) {
        await Promise.all(this.consumerTags.map((tag) => channel.cancel(tag).catch(() => undefined)));
      }
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep(graceMs)]);
    }
    this.channel = undefined;
    await this.connection.close();
  }
}

/** Times one job is put back for a sandbox outage without spending a delivery. */
const MAX_ENGINE_RETURNS = 5;
const ENGINE_RETURNS_HEADER = 'x-pairjudge-engine-returns';

function engineReturns(message: ConsumeMessage): number {
  const value = Number((message.properties.headers as Record<string, unknown> | undefined)?.[ENGINE_RETURNS_HEADER] ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : MAX_ENGINE_RETURNS;
}

/** The job's message as published, counting one more return (the broker's own counts are left out). */
function returnedCopy(message: ConsumeMessage, returns: number): Options.Publish {
  const { contentType, messageId, correlationId, replyTo, timestamp } = message.properties;
  return {
    persistent: true,
    contentType,
    messageId,
    correlationId,
    replyTo,
    timestamp,
    headers: { [ENGINE_RETURNS_HEADER]: returns },
  };
}

interface OutageEnd {
  /** Health checks that failed before the sandbox answered (0: it answered at once). */
  failedProbes: number;
  stopping: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
