/**
 * Two gateways and two workers on one broker and one store (the SQLite file of one data folder):
 * a submission made on one gateway is read on the other, and stopping one gateway in the middle of
 * a load of 200 loses nothing (its clients retry on the other with the same Idempotency-Key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import type { SubmissionResult } from '../../protocol/index.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { allIds, collectResults, containersLeft, faultRow, makeLoad, reportFault, sendLoad } from '../support/fault-cluster.js';
import { waitFor } from '../support/free-port.js';
import { AMQP_URL } from '../support/test-judge.js';

const LOAD = Number(process.env.FAULT_LOAD ?? 200);
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ amqpUrl: AMQP_URL, gateways: 2, workers: 2 });
  await waitFor('both gateways ready', 60_000, async () => {
    const statuses = await Promise.all([0, 1].map((i) => fetch(`${cluster.url(i)}/readyz`).then((r) => r.status, () => 0)));
    return statuses.every((s) => s === 200);
  });
});

afterAll(async () => {
  await cluster?.destroy();
});

describe('two gateways sharing one store', () => {
  it('answers on one gateway and reads the result on the other', async () => {
    const [item] = makeLoad(1);
    const posted = await fetch(`${cluster.url(0)}/v1/submissions?wait=60`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(item!.body),
    });
    expect(posted.status).toBe(200);
    const result = (await posted.json()) as SubmissionResult;
    expect(result.verdict).toBe('accepted');
    const read = await fetch(`${cluster.url(1)}/v1/submissions/${result.id}`);
    expect(await read.json()).toEqual(result);
  });

  it('loses nothing when one gateway stops in the middle of a load', async () => {
    const items = makeLoad(LOAD);
    const startedAt = Date.now();
    // Each submission goes to one gateway, its retries to the other in turn.
    const sending = sendLoad(items, (i) => cluster.url(i), { concurrency: 8 });
    await waitFor('a quarter of the load accepted', 120_000, async () => {
      const text = await fetch(`${cluster.url(1)}/metrics`).then((r) => r.text(), () => '');
      const accepted = text
        .split('\n')
        .filter((l) => l.startsWith('pairjudge_submissions_accepted_total{'))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
      return accepted >= LOAD / 8;
    }, 200);
    await cluster.gateways[1]!.stop('SIGTERM');
    const sent = await sending;
    const ids = allIds(sent);
    // Everything is read on the gateway that stayed, whichever gateway took it.
    const states = await collectResults(ids, () => cluster.url(0), Math.max(150_000, LOAD * 3000));
    const row = faultRow('two gateways, one stopped mid-load', items, sent, states, startedAt);
    const left = await containersLeft(new Docker(), new Set(ids));
    reportFault(row, { containersLeft: left, statuses: sent.statuses });
    expect(row.accepted).toBe(LOAD);
    expect(row).toMatchObject({ lost: 0, stuck: 0, duplicated: 0, wrongVerdict: 0 });
    expect(row.answered).toBe(LOAD);
  }, 20 * 60_000);
});
