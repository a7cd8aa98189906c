/**
 * A broker connection that comes back by itself. amqplib's recovery reconnects with exponential
 * backoff and jitter; `setup` runs on every new connection to recreate channels, topology and
 * consumers (channels do not survive their connection). Reports its state for readiness checks.
 */
import { connect, type Channel, type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import type { QueueLogger } from './logger.js';

export interface ManagedConnectionOptions {
  url: string;
  logger: QueueLogger;
  /** Runs after each (re)connection; throwing makes recovery try again later. */
  setup: (model: ChannelModel) => Promise<void>;
  /** Shown by the broker (`rabbitmqctl list_connections client_properties`), for operators. */
  name?: string;
  /** Called when the connection is lost, before recovery starts. */
  onDisconnect?: () => void;
  maxDelayMs?: number;
}

export class ManagedConnection {
  private model: RecoveringChannelModel | undefined;
  private current: ChannelModel | undefined;
  private closing = false;

  constructor(private readonly options: ManagedConnectionOptions) {}

  get connected(): boolean {
    return this.current !== undefined;
  }

  /** Starts connecting; resolves at once, the connection arrives in the background. */
  async start(): Promise<void> {
    const { logger } = this.options;
    this.model = await connect(withHeartbeat(this.options.url), {
      timeout: 5000,
      ...(this.options.name ? { clientProperties: { connection_name: this.options.name } } : {}),
      recovery: {
        initialDelay: 200,
        maxDelay: this.options.maxDelayMs ?? 5000,
        waitForConnect: false,
        setup: async (model: ChannelModel) => {
          model.on('error', () => undefined);
          await this.options.setup(model);
        },
      },
    });
    this.model.on('connect', (model: ChannelModel) => {
      this.current = model;
      logger.info('broker connected');
    });
    this.model.on('disconnect', (error: Error) => {
      this.current = undefined;
      if (!this.closing) logger.warn({ err: error.message }, 'broker connection lost; reconnecting');
      this.options.onDisconnect?.();
    });
    this.model.on('connect-failed', (error: Error) => {
      logger.warn({ err: error.message }, 'broker connection failed; retrying');
    });
    this.model.on('error', () => undefined);
  }

  /** Waits for the connection, up to `timeoutMs`; false if it did not come. */
  async waitUntilConnected(timeoutMs: number): Promise<boolean> {
    if (this.connected) return true;
    const deadline = Date.now() + timeoutMs;
    while (!this.connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return this.connected;
  }

  /**
   * Watches a channel made in `setup`. A channel that dies on its own (a channel error does not
   * close the connection) would leave its owner deaf, so the connection is recycled and `setup`
   * builds everything again.
   */
  adopt<C extends Channel>(channel: C, name: string, onLost: () => void): C {
    let lost = false;
    channel.on('close', () => {
      if (lost) return;
      lost = true;
      onLost();
      void this.recycle();
    });
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error.message }, `${name} channel error`));
    return channel;
  }

  /**
   * Drops the current connection so recovery builds a fresh one. Used when a channel dies on its
   * own (a channel error does not close the connection, and would otherwise leave us deaf).
   */
  async recycle(): Promise<void> {
    const model = this.current;
    if (!model || this.closing) return;
    this.current = undefined;
    await model.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.current = undefined;
    await this.model?.close().catch(() => undefined);
  }
}

/** Detect a dead broker within seconds rather than waiting for TCP to notice. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', '5');
  return parsed.toString();
}
