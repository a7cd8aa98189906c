/**
 * The judge stack in one process: a gateway and a worker (`npm run judge`). Each can also run on
 * its own (judge-server/gateway/main.ts, judge-server/worker/main.ts) to scale them apart.
 * Ctrl-C stops the gateway from taking submissions, lets running jobs finish, then exits.
 */
import { loadEnvFile } from './config/load-env-file.js';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { ConfigError } from './config/settings.js';
import { readGatewayConfig, type GatewayConfig } from './gateway/config.js';
import { startGateway } from './gateway/server.js';
import { readWorkerConfig, type WorkerConfig } from './worker/config.js';
import { startWorker, type RunningWorker } from './worker/worker.js';

export interface StartJudgeOptions {
  env?: NodeJS.ProcessEnv;
  /** Start the worker too (default true). */
  worker?: boolean;
  logLevel?: string;
}

export interface RunningJudge {
  url: string;
  app: FastifyInstance;
  worker: RunningWorker | undefined;
  gatewayConfig: GatewayConfig;
  workerConfig: WorkerConfig;
  close(): Promise<void>;
}

export async function startJudge(options: StartJudgeOptions = {}): Promise<RunningJudge> {
  const env = options.env ?? process.env;
  const gatewayConfig = readGatewayConfig(env);
  const workerConfig = readWorkerConfig(env);
  const level = options.logLevel ?? gatewayConfig.logLevel;
  const worker =
    options.worker === false ? undefined : await startWorker(workerConfig, pino({ name: 'worker', level }));
  let gateway: { app: FastifyInstance; url: string };
  try {
    gateway = await startGateway({
      config: gatewayConfig,
      logger: { level, name: 'gateway' },
      ...(worker ? { extraMetrics: [worker.metrics] } : {}),
    });
  } catch (error) {
    await worker?.close(0);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: gateway.url,
    app: gateway.app,
    worker,
    gatewayConfig,
    workerConfig,
    close() {
      closing ??= (async () => {
        await gateway.app.close();
        await worker?.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  loadEnvFile();
  const judge = await startJudge();
  console.log(`PairJudge judge listening on ${judge.url} (API docs at ${judge.url}/docs)`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping the judge…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void judge.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
    process.exit(1);
  });
}
