/**
 * A judge worker: consumes jobs (up to `concurrency` at once), runs each in a fresh sandbox and
 * publishes the result. Sweeps containers orphaned by crashed workers at start and every minute.
 */
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { JobConsumer, RetryableJobError } from '../queue/job-consumer.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { SandboxUnavailableError, type Sandbox } from '../../judge-core/sandbox.js';
import { compileLimitsFor } from '../config/compile-settings.js';
import { sweepOrphanContainers } from '../sandbox/sweeper.js';
import { guardEngineFaults } from './engine-guard.js';
import type { WorkerConfig } from './config.js';
import { internalErrorResult, runJob, type RunLimits } from '../../judge-core/run-job.js';

/** How often an idle worker checks its sandbox engine. */
const HEALTH_CHECK_MS = 2000;

export interface RunningWorker {
  consumer: JobConsumer;
  sandbox: Sandbox;
  /** Sandbox metrics (warm pool, container start, job time); empty with an injected sandbox. */
  metrics: Registry;
  /** Stops taking jobs, finishes or returns the running ones, removes containers. Idempotent. */
  close(graceMs?: number): Promise<void>;
}

export function runLimits(config: WorkerConfig): RunLimits {
  const memoryBytes = config.memoryMb * 1024 * 1024;
  return {
    wallTimeMs: config.wallTimeMs,
    memoryBytes,
    cpus: config.cpus,
    pids: config.pids,
    testTimeoutMs: Math.min(config.testTimeoutMs, config.wallTimeMs),
    outputBytes: config.outputBytes,
    valueBytes: config.valueBytes,
    // Room for the report frame: captured output and values, base64-encoded, plus slack.
    rawOutputBytes: Math.ceil((config.outputBytes + config.valueBytes * 8) * 1.4) + 64 * 1024,
  };
}

/** The Docker sandbox as the settings describe it, warm pool included. */
export function dockerSandbox(config: WorkerConfig): DockerSandbox {
  return new DockerSandbox({
    image: config.sandboxImage,
    tmpfsBytes: config.tmpfsMb * 1024 * 1024,
    ...(config.sandboxRuntime ? { runtime: config.sandboxRuntime } : {}),
    ...(config.cgroupParent ? { cgroupParent: config.cgroupParent } : {}),
    pool: {
      sizes: { javascript: config.poolJavascript, typescript: config.poolTypescript, python: config.poolPython },
      ttlMs: config.poolTtlMs,
      limits: runLimits(config),
      // Refilling the pool yields to any running job while the pool still has a warm container.
      busyRuns: 1,
    },
  });
}

export async function startWorker(config: WorkerConfig, logger: Logger, sandbox?: Sandbox): Promise<RunningWorker> {
  const limits = runLimits(config);
  // An injected sandbox (tests, a future local judge) replaces Docker entirely.
  const docker = sandbox ? undefined : dockerSandbox(config);
  const activeSandbox: Sandbox = guardEngineFaults(sandbox ?? docker!, docker?.docker);
  // Fail fast: a worker that cannot run sandboxes must not take jobs from the queue.
  await activeSandbox.ready();

  const sweep = async () => {
    if (!docker) return;
    try {
      const removed = await sweepOrphanContainers(docker.docker, {
        maxAgeMs: limits.wallTimeMs + 60_000,
        // A pooled container may wait up to its time-to-live before its job starts.
        poolMaxAgeMs: config.poolTtlMs + limits.wallTimeMs + 60_000,
      });
      if (removed.length > 0) logger.warn({ removed: removed.length }, 'removed orphaned sandbox containers');
    } catch (error) {
      logger.warn({ err: error }, 'sandbox sweep failed');
    }
  };
  await sweep();
  const sweepTimer = setInterval(() => void sweep(), 60_000);
  sweepTimer.unref();

  const consumer = new JobConsumer({
    url: config.amqpUrl,
    prefix: config.queuePrefix,
    prefetch: config.concurrency,
    logger,
    handle: async (job) => {
      try {
        return await runJob(job, activeSandbox, limits, { compileLimits: compileLimitsFor(config, job.language) });
      } catch (error) {
        if (error instanceof SandboxUnavailableError && error.retryable) {
          throw new RetryableJobError(error.message, { cause: error });
        }
        throw error;
      }
    },
    // Checked between jobs too: an idle worker whose engine is away stops taking jobs at once,
    // so /readyz (which counts the workers taking jobs) tells the truth.
    healthCheckMs: HEALTH_CHECK_MS,
    sandboxHealthy: async () => {
      try {
        await activeSandbox.ready();
        return true;
      } catch {
        return false;
      }
    },
    deadLetter: (job, correlationId) =>
      internalErrorResult(
        job?.id ?? correlationId,
        'The judge could not run this submission after several attempts; please try again later',
      ),
  });
  await consumer.start();

  let closing: Promise<void> | undefined;
  return {
    consumer,
    sandbox: activeSandbox,
    metrics: docker?.metrics.registry ?? new Registry(),
    close(graceMs) {
      closing ??= (async () => {
        clearInterval(sweepTimer);
        await consumer.close(graceMs);
        await activeSandbox.close();
      })();
      return closing;
    },
  };
}
