/**
 * Faults under load, each with real processes, a real broker, real Docker and the real store:
 * 200 small submissions with known verdicts, and in the middle of them a worker killed, the
 * broker stopped and started, the gateway killed and started, the Docker engine restarted, the
 * store (PostgreSQL) unreachable for a while, or one of two gateways and one of two workers killed.
 * Afterwards every accepted submission has exactly one result with the right verdict, none is
 * stuck, no container is left, and /readyz said the truth while the part was down.
 *
 * The machine is shared: the broker fault runs on a RabbitMQ node of its own, the engine fault
 * on a Docker engine of its own (test/support/own-*.ts), and the store fault cuts a relay between
 * the gateway and PostgreSQL (test/support/tcp-proxy.ts); the shared servers are never stopped.
 */
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { OWNER_LABEL, SANDBOX_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { acceptedCounter, allIds, collectResults, containersLeft, faultRow, makeLoad, ReadyWatcher, reportFault, sendLoad, type LoadItem, type SendStats } from '../support/fault-cluster.js';
import { waitFor } from '../support/free-port.js';
import { startOwnDockerd } from '../support/own-dockerd.js';
import { startOwnRabbit } from '../support/own-rabbitmq.js';
import { AMQP_URL } from '../support/test-judge.js';
import { createTestSchema } from '../support/postgres-schema.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const LOAD = Number(process.env.FAULT_LOAD ?? 200);
/** Each fault test runs for about a minute on an idle 2-core machine; a busy one needs far longer. */
const FAULT_TIMEOUT_MS = 20 * 60_000;
// Counted from the end of sending; a run cut off by an engine restart can take its wall time plus
// the engine guard's grace (60 s in these tests) before it is run again.
const COLLECT_MS = Math.max(240_000, LOAD * 3000);
/** Submissions spread over about 15 s (two at a time), so that sending spans the fault. */
const PACE_MS = Math.max(20, Math.round(30_000 / LOAD));
const SANDBOX_IMAGE = process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest';
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error('cleanup failed', error));
});

async function finish(
  name: string,
  cluster: Cluster,
  items: LoadItem[],
  sent: SendStats,
  startedAt: number,
  docker: Docker,
  extra: Record<string, unknown> = {},
  readUrl: (i: number) => string = (i) => cluster.url(i),
) {
  const ids = allIds(sent);
  const states = await collectResults(ids, readUrl, COLLECT_MS);
  const row = faultRow(name, items, sent, states, startedAt);
  const left = await waitFor('no sandbox container left', 90_000, async () => (await containersLeft(docker, new Set(ids))) === 0, 1000).then(
    () => 0,
    async () => containersLeft(docker, new Set(ids)),
  );
  reportFault(row, { containersLeft: left, statuses: sent.statuses, ...extra });
  expect(row.accepted).toBe(LOAD);
  expect(row).toMatchObject({ lost: 0, stuck: 0, duplicated: 0, wrongVerdict: 0 });
  expect(row.answered).toBe(row.accepted);
  expect(left).toBe(0);
  // Only 200/202 (accepted), 429 (backpressure) or a retryable 503/dropped connection were seen.
  for (const status of Object.keys(sent.statuses)) expect(['200', '202', '429', '503', 'network error']).toContain(status);
  return row;
}

/** True when every sample in the window is `status` (and there are enough of them to say so). */
function allSamples(watcher: ReadyWatcher, from: number, to: number, status: number): boolean {
  const during = watcher.between(from, to);
  return during.length >= Math.floor((to - from) / 1000) && during.every((s) => s === status);
}

/** Resolves once `n` of the load's submissions are done (so the fault lands mid-load). */
async function whenDone(cluster: Cluster, n: number): Promise<void> {
  await waitFor(`${n} results`, 120_000, async () => {
    const text = await fetch(`${cluster.url(0)}/metrics`).then((r) => r.text(), () => '');
    const total = text
      .split('\n')
      .filter((line) => line.startsWith('pairjudge_submissions_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    return total >= n;
  }, 300);
}

describe('faults under load', () => {
  it('loses nothing when a worker is killed mid-job', async () => {
    const docker = new Docker();
    const cluster = await startCluster({ amqpUrl: AMQP_URL });
    cleanups.push(() => cluster.destroy());
    const watcher = new ReadyWatcher(() => cluster.url(0));
    cleanups.push(async () => watcher.stop());
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const sending = sendLoad(items, (i) => cluster.url(i));

    const victim = cluster.workers[0]!;
    // Kill it while it has a sandbox running: a job is certainly in its hands.
    await waitFor('a running sandbox of the first worker', 120_000, async () => {
      const mine = await docker.listContainers({ filters: { label: [`${SANDBOX_LABEL}=true`] } });
      return mine.some((c) => c.Labels[OWNER_LABEL]?.startsWith(`${os.hostname()}:${victim.child.pid}:`));
    }, 100);
    const killedAt = Date.now();
    await victim.stop('SIGKILL');
    cluster.startWorker();
    const sent = await sending;
    // The other worker kept consuming: readiness never claimed the judge was down, nor unreachable.
    const readyzTruth = allSamples(watcher, killedAt, Date.now(), 200);
    await finish('worker killed mid-job', cluster, items, sent, startedAt, docker, { readyzTruth });
    expect(readyzTruth).toBe(true);
  }, FAULT_TIMEOUT_MS);

  it('loses nothing when the broker stops and starts under load', async () => {
    const docker = new Docker();
    const rabbit = await startOwnRabbit();
    cleanups.push(() => rabbit.destroy());
    const cluster = await startCluster({ amqpUrl: rabbit.url });
    cleanups.push(() => cluster.destroy());
    const watcher = new ReadyWatcher(() => cluster.url(0));
    cleanups.push(async () => watcher.stop());
    await waitFor('ready', 60_000, () => watcher.samples.at(-1)?.status === 200);
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    // Sent slowly enough that many arrive while the broker is down.
    const quarter = acceptedCounter(LOAD / 4);
    const sending = sendLoad(items, (i) => cluster.url(i), { concurrency: 2, paceMs: PACE_MS, onAccepted: quarter.onAccepted });
    await quarter.reached;
    await rabbit.stop();
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const restartingAt = Date.now();
    await rabbit.start();
    const sent = await sending;
    // /readyz said 503 (broker disconnected) throughout the outage, 200 again after it.
    const readyzTruth = allSamples(watcher, stoppedAt + 1000, restartingAt, 503);
    await waitFor('ready again', 30_000, () => watcher.samples.at(-1)?.status === 200);
    await finish('broker stopped and started', cluster, items, sent, startedAt, docker, { brokerDownMs: restartingAt - stoppedAt, readyzTruth });
    expect(readyzTruth).toBe(true);
    // Submissions were accepted while the broker was down (never refused with 503).
    expect(sent.statuses['503']).toBeUndefined();
    expect(sent.acceptedAt.filter((at) => at > stoppedAt && at < restartingAt).length).toBeGreaterThan(0);
  }, FAULT_TIMEOUT_MS);

  it('loses nothing when the gateway is killed and started again under load', async () => {
    const docker = new Docker();
    const cluster = await startCluster({ amqpUrl: AMQP_URL });
    cleanups.push(() => cluster.destroy());
    const watcher = new ReadyWatcher(() => cluster.url(0));
    cleanups.push(async () => watcher.stop());
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const third = acceptedCounter(LOAD / 3);
    const sending = sendLoad(items, (i) => cluster.url(i), { concurrency: 2, paceMs: PACE_MS, onAccepted: third.onAccepted });
    await third.reached;
    await cluster.gateways[0]!.stop('SIGKILL');
    const killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const restartingAt = Date.now();
    await cluster.startGateway(0);
    const sent = await sending;
    // While it was down nobody answered (the truth); then it was ready again.
    const readyzTruth = allSamples(watcher, killedAt + 300, restartingAt, 0);
    await waitFor('ready again', 30_000, () => watcher.samples.at(-1)?.status === 200);
    await finish('gateway killed and restarted', cluster, items, sent, startedAt, docker, { readyzTruth });
    expect(readyzTruth).toBe(true);
    expect(sent.statuses['network error']).toBeGreaterThan(0);
  }, FAULT_TIMEOUT_MS);

  it('loses nothing when the Docker engine restarts under load', async () => {
    const engine = await startOwnDockerd();
    cleanups.push(() => engine.destroy());
    if (!/^[a-z0-9./:_-]+$/.test(SANDBOX_IMAGE)) throw new Error(`unexpected SANDBOX_IMAGE ${SANDBOX_IMAGE}`);
    await engine.loadImage(SANDBOX_IMAGE);
    const cluster = await startCluster({ amqpUrl: AMQP_URL, dockerHost: engine.host });
    cleanups.push(() => cluster.destroy());
    const watcher = new ReadyWatcher(() => cluster.url(0));
    cleanups.push(async () => watcher.stop());
    await waitFor('ready', 60_000, () => watcher.samples.at(-1)?.status === 200);
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const sending = sendLoad(items, (i) => cluster.url(i));
    // A fifth done: the queue is full and both workers have jobs in their sandboxes.
    await whenDone(cluster, Math.ceil(LOAD / 5));
    const stoppingAt = Date.now();
    await engine.stop();
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const restartingAt = Date.now();
    await engine.start();
    const engineBackAt = Date.now();
    const sent = await sending;
    // Told the truth: 503 from a few seconds after the engine stopped answering (each worker
    // checks it every 2 s, and stops taking jobs) until it was started again...
    const truthFrom = stoppingAt + 4000;
    const readyzTruth = allSamples(watcher, truthFrom, restartingAt, 503);
    await waitFor('ready again', 60_000, () => watcher.samples.at(-1)?.status === 200);
    await finish('Docker engine restarted', cluster, items, sent, startedAt, engine.docker, {
      engineDownMs: engineBackAt - stoppingAt,
      readyzTruth,
      readyzDuring: summarize(watcher.between(stoppingAt, engineBackAt)),
    });
    expect(readyzTruth).toBe(true);
    expect(stoppedAt).toBeGreaterThan(stoppingAt);
    }, FAULT_TIMEOUT_MS);

  it('loses nothing when the store stops answering under load', async () => {
    const docker = new Docker();
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const relay = await startTcpProxy(5432);
    cleanups.push(() => relay.close());
    const cluster = await startCluster({
      amqpUrl: AMQP_URL,
      gatewayEnv: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${relay.port}/test`, DATABASE_SCHEMA: schema.schema },
    });
    cleanups.push(() => cluster.destroy());
    const watcher = new ReadyWatcher(() => cluster.url(0));
    cleanups.push(async () => watcher.stop());
    await waitFor('ready', 60_000, () => watcher.samples.at(-1)?.status === 200);
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const quarter = acceptedCounter(LOAD / 4);
    const sending = sendLoad(items, (i) => cluster.url(i), { concurrency: 2, paceMs: PACE_MS, onAccepted: quarter.onAccepted });
    await quarter.reached;
    await relay.cut();
    const cutAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const restoredAt = Date.now();
    await relay.restore();
    const sent = await sending;
    // 503 while the store was away (its check fails at once, or after 2 s for a hung connection).
    const readyzTruth = allSamples(watcher, cutAt + 2500, restoredAt, 503);
    await waitFor('ready again', 30_000, () => watcher.samples.at(-1)?.status === 200);
    await finish('store (PostgreSQL) unreachable', cluster, items, sent, startedAt, docker, {
      storeDownMs: restoredAt - cutAt,
      readyzTruth,
      readyzDuring: summarize(watcher.between(cutAt, restoredAt)),
    });
    expect(readyzTruth).toBe(true);
    // Nothing was accepted while nothing could be stored: those clients were told 503 and retried.
    expect(sent.statuses['503']).toBeGreaterThan(0);
    expect(sent.acceptedAt.filter((at) => at > cutAt + 500 && at < restoredAt).length).toBe(0);
  }, FAULT_TIMEOUT_MS);

  it('loses nothing when one of two gateways and one of two workers are killed under load', async () => {
    const docker = new Docker();
    const cluster = await startCluster({ amqpUrl: AMQP_URL, gateways: 2, workers: 2 });
    cleanups.push(() => cluster.destroy());
    const survivor = new ReadyWatcher(() => cluster.url(0));
    const victim = new ReadyWatcher(() => cluster.url(1));
    cleanups.push(async () => survivor.stop(), async () => victim.stop());
    await waitFor('both ready', 60_000, () => survivor.samples.at(-1)?.status === 200 && victim.samples.at(-1)?.status === 200);
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const quarter = acceptedCounter(LOAD / 4);
    // Each submission goes to one gateway, its retries to the other in turn.
    const sending = sendLoad(items, (i) => cluster.url(i), { concurrency: 8, onAccepted: quarter.onAccepted });
    await quarter.reached;
    await Promise.all([cluster.gateways[1]!.stop('SIGKILL'), cluster.workers[1]!.stop('SIGKILL')]);
    const killedAt = Date.now();
    const sent = await sending;
    const doneAt = Date.now();
    // The gateway left still judged (one worker took jobs), and said so; the killed one said nothing.
    const readyzTruth = allSamples(survivor, killedAt, doneAt, 200) && victim.between(killedAt + 300, doneAt).every((s) => s === 0);
    await finish('two gateways and two workers, one of each killed', cluster, items, sent, startedAt, docker, { readyzTruth }, () => cluster.url(0));
    expect(readyzTruth).toBe(true);
    expect(sent.statuses['network error']).toBeGreaterThan(0);
  }, FAULT_TIMEOUT_MS);
});

/** Counts of each /readyz status in a window, e.g. { 200: 3, 503: 40 }. */
function summarize(statuses: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
