/**
 * The embedded judge: a gateway whose jobs run in this same process (the in-process queue) in a
 * sandbox of this machine, with no broker and no cloud. The command line's `--local`, the LAN
 * host and `npm start` without AMQP_URL stand on it. The verdicts are the cloud's: the same
 * judge core decides them.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Sandbox } from '../judge-core/sandbox.js';
import { runJob } from '../judge-core/run-job.js';
import { compileLimitsFor } from './config/compile-settings.js';
import { readGatewayConfig, type GatewayConfig } from './gateway/config.js';
import { startGateway } from './gateway/server.js';
import { InProcessJobQueue } from './queue/in-process-job-queue.js';
import { chooseSandbox, type ChosenSandbox, type SandboxKind } from './sandbox/choose-sandbox.js';
import { readWorkerConfig, type WorkerConfig } from './worker/config.js';
import { runLimits } from './worker/worker.js';

export type { SandboxKind } from './sandbox/choose-sandbox.js';

/** What the sandbox choice says: only warnings matter to a person (the process sandbox's weakness). */
export interface SandboxChoiceLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The sandbox of this machine for the embedded judge, the command line's --local and the LAN
 * host: Docker when its engine answers and the sandbox image is there, else the process sandbox
 * (chooseSandbox says which and why). Every result then says which kind judged it.
 */
export function chooseEmbeddedSandbox(workerConfig: WorkerConfig, logger?: SandboxChoiceLogger): Promise<ChosenSandbox> {
  return chooseSandbox({
    image: workerConfig.sandboxImage,
    tmpfsBytes: workerConfig.tmpfsMb * 1024 * 1024,
    ...(workerConfig.sandboxRuntime ? { runtime: workerConfig.sandboxRuntime } : {}),
    ...(logger ? { logger } : {}),
  });
}

export interface StartEmbeddedJudgeOptions {
  env?: NodeJS.ProcessEnv;
  /** The sandbox to run jobs in; chooseEmbeddedSandbox's when absent. */
  sandbox?: Sandbox;
  logLevel?: string;
  /** Submissions that may wait for a free runner before new ones are refused (429). */
  maxQueued?: number;
}

export interface RunningEmbeddedJudge {
  url: string;
  app: FastifyInstance;
  sandbox: Sandbox;
  sandboxKind: SandboxKind;
  gatewayConfig: GatewayConfig;
  workerConfig: WorkerConfig;
  close(): Promise<void>;
}

export async function startEmbeddedJudge(options: StartEmbeddedJudgeOptions = {}): Promise<RunningEmbeddedJudge> {
  const env = options.env ?? process.env;
  const gatewayConfig = readGatewayConfig(env);
  const workerConfig = readWorkerConfig(env);
  const level = options.logLevel ?? gatewayConfig.logLevel;
  const logger = pino({ name: 'embedded-judge', level });
  const chosen = options.sandbox
    ? { sandbox: options.sandbox, kind: options.sandbox.kind ?? 'docker' }
    : await chooseEmbeddedSandbox(workerConfig, { info: (m) => logger.info(m), warn: (m) => logger.warn(m) });
  const sandbox = chosen.sandbox;
  await sandbox.ready();
  const limits = runLimits(workerConfig);
  let queue: InProcessJobQueue | undefined;
  let gateway: { app: FastifyInstance; url: string };
  try {
    gateway = await startGateway({
      config: gatewayConfig,
      logger: { level, name: 'gateway' },
      queue: ({ onReply }) =>
        (queue = new InProcessJobQueue({
          concurrency: workerConfig.concurrency,
          maxQueued: options.maxQueued ?? 200,
          run: (job) => runJob(job, sandbox, limits, { compileLimits: compileLimitsFor(workerConfig, job.language) }),
          onReply,
          logger,
        })),
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: gateway.url,
    app: gateway.app,
    sandbox,
    sandboxKind: chosen.kind,
    gatewayConfig,
    workerConfig,
    close() {
      closing ??= (async () => {
        // The queue lets running jobs finish before the gateway's onClose closes it again.
        await queue?.close();
        await gateway.app.close();
        await sandbox.close();
      })();
      return closing;
    },
  };
}
