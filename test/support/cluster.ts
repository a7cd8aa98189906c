/**
 * A judge made of real processes for the fault tests: gateways sharing one data folder (one
 * SQLite store), workers on one broker, all on a fresh queue prefix; torn down afterwards.
 */
import { rmSync } from 'node:fs';
import { connect } from 'amqplib';
import { topologyNames } from '../../judge-server/queue/topology.js';
import { startGatewayProcess, startWorkerProcess, type GatewayProc, type Proc } from './fault-cluster.js';
import { freePort } from './free-port.js';
import { freshDataDir, freshPrefix } from './test-judge.js';

export interface ClusterOptions {
  amqpUrl: string;
  gateways?: number;
  workers?: number;
  /** DOCKER_HOST for the workers (their own engine). */
  dockerHost?: string;
  /** More settings for the gateways (e.g. DATABASE_URL for a PostgreSQL store). */
  gatewayEnv?: Record<string, string>;
  /** More settings for the workers. */
  workerEnv?: Record<string, string>;
}

export interface Cluster {
  prefix: string;
  dataDir: string;
  gateways: GatewayProc[];
  workers: Proc[];
  ports: number[];
  /** Starts gateway `i` again on its port (after it was stopped). */
  startGateway(i: number): Promise<GatewayProc>;
  startWorker(): Proc;
  url(i: number): string;
  destroy(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const prefix = freshPrefix();
  const dataDir = freshDataDir();
  const common: Record<string, string> = { AMQP_URL: options.amqpUrl, QUEUE_PREFIX: prefix };
  // Generous time limits: these tests judge durability, not speed, on machines that may be busy
  // (a shared 2-core machine has run them at a load average above 20).
  const workerEnv = {
    ...common,
    SANDBOX_TEST_TIMEOUT_MS: '30000',
    SANDBOX_WALL_TIME_MS: '30000',
    ...(options.dockerHost ? { DOCKER_HOST: options.dockerHost } : {}),
    ...options.workerEnv,
  };
  const gatewayEnv = { ...common, DATA_DIR: dataDir, ...options.gatewayEnv };
  const ports = await Promise.all(Array.from({ length: options.gateways ?? 1 }, () => freePort()));
  const cluster: Cluster = {
    prefix,
    dataDir,
    gateways: [],
    workers: [],
    ports,
    async startGateway(i) {
      const gateway = await startGatewayProcess(ports[i]!, gatewayEnv);
      cluster.gateways[i] = gateway;
      return gateway;
    },
    startWorker() {
      const worker = startWorkerProcess(workerEnv);
      cluster.workers.push(worker);
      return worker;
    },
    url: (i) => `http://127.0.0.1:${ports[i % ports.length]}`,
    async destroy() {
      await Promise.all([...cluster.gateways, ...cluster.workers].map((p) => p?.stop('SIGTERM')));
      const connection = await connect(options.amqpUrl).catch(() => undefined);
      if (connection) {
        const channel = await connection.createChannel();
        channel.on('error', () => undefined);
        const names = topologyNames(prefix);
        for (const queue of [names.jobs, names.deadJobs, names.results, names.workers]) await channel.deleteQueue(queue).catch(() => undefined);
        await channel.deleteExchange(names.deadExchange).catch(() => undefined);
        await connection.close().catch(() => undefined);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < ports.length; i++) await cluster.startGateway(i);
    for (let i = 0; i < (options.workers ?? 2); i++) cluster.startWorker();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
