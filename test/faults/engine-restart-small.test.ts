/**
 * The Docker engine restarting under a small load (the quick check of the engine-restart fault;
 * faults-under-load.test.ts runs it at 200 submissions). It stays in the faults tier: starting an
 * engine and copying the sandbox image into it take most of its 80 s on a busy 2-core machine,
 * beyond what one integration test may cost. A gateway and a worker as real processes, the worker on
 * a Docker engine of the test's own (never the machine's), stopped while jobs run and started
 * again. Every submission gets the verdict its code deserves (never internal_error or a runtime
 * error the engine caused), none is left queued or running, no container is left on the engine,
 * and /readyz says 503 while the engine is away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { allIds, collectResults, containersLeft, faultRow, makeLoad, ReadyWatcher, sendLoad } from '../support/fault-cluster.js';
import { waitFor } from '../support/free-port.js';
import { startOwnDockerd, type OwnDockerd } from '../support/own-dockerd.js';
import { AMQP_URL } from '../support/test-judge.js';

const LOAD = 10;
const SANDBOX_IMAGE = process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest';

let engine: OwnDockerd;
let cluster: Cluster;
let watcher: ReadyWatcher;

beforeAll(async () => {
  if (!/^[a-z0-9./:_-]+$/.test(SANDBOX_IMAGE)) throw new Error(`unexpected SANDBOX_IMAGE ${SANDBOX_IMAGE}`);
  engine = await startOwnDockerd();
  await engine.loadImage(SANDBOX_IMAGE);
  // One warm container per language keeps the engine's shutdown short.
  cluster = await startCluster({
    amqpUrl: AMQP_URL,
    workers: 1,
    dockerHost: engine.host,
    workerEnv: { SANDBOX_POOL_JAVASCRIPT: '1', SANDBOX_POOL_PYTHON: '1' },
  });
  watcher = new ReadyWatcher(() => cluster.url(0));
  await waitFor('ready', 60_000, () => watcher.samples.at(-1)?.status === 200);
});

afterAll(async () => {
  watcher?.stop();
  await cluster?.destroy();
  await engine?.destroy();
});

describe('the Docker engine restarting', () => {
  it('ends every submission with its own verdict, leaves no container, and /readyz says 503 meanwhile', async () => {
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    const sent = await sendLoad(items, (i) => cluster.url(i), { concurrency: LOAD });
    // Jobs are in the worker's hands (two at a time, the rest queued) when the engine stops.
    const stoppingAt = Date.now();
    await engine.stop();
    await waitFor('/readyz to say 503', 10_000, () => watcher.samples.at(-1)?.status === 503, 100);
    const restartingAt = Date.now();
    await engine.start();
    const states = await collectResults(allIds(sent), (i) => cluster.url(i), 40_000);
    const row = faultRow('engine restarted (small load)', items, sent, states, startedAt);
    expect(row).toMatchObject({ accepted: LOAD, answered: LOAD, lost: 0, stuck: 0, duplicated: 0, wrongVerdict: 0 });
    // 503 from shortly after the engine went away (the worker checks it every 2 s) until it was back.
    expect(watcher.between(stoppingAt + 3000, restartingAt).every((s) => s === 503)).toBe(true);
    await waitFor('ready again', 20_000, () => watcher.samples.at(-1)?.status === 200, 100);
    await waitFor('no sandbox container of the load left', 15_000, async () => (await containersLeft(engine.docker, new Set(allIds(sent)))) === 0, 250);
  }, 120_000);
});
