/**
 * Backpressure for real: a burst of 1 000 submissions at once at a gateway on the real broker
 * (no workers, so nothing drains) gets only 200/202/429, never a 5xx; past MAX_QUEUED_SUBMISSIONS
 * the answer is 429 with Retry-After, and every accepted submission reaches the broker. Memory is
 * measured by `npm run bench:burst`, not here.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'amqplib';
import type { FastifyInstance } from 'fastify';
import { startGateway } from '../../judge-server/gateway/server.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { topologyNames } from '../../judge-server/queue/topology.js';
import { burst, burstBody } from '../support/burst.js';
import { waitFor } from '../support/free-port.js';
import { AMQP_URL, deleteTopology, freshDataDir, freshPrefix } from '../support/test-judge.js';

const LIMIT = 300;
const prefix = freshPrefix();
const dataDir = freshDataDir();
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  const config = readGatewayConfig({
    ...process.env,
    PORT: '0',
    AMQP_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000',
    MAX_QUEUED_SUBMISSIONS: String(LIMIT),
  });
  ({ app, url } = await startGateway({ config, logger: false }));
});

afterAll(async () => {
  await app?.close();
  await deleteTopology(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a burst of 1 000 submissions', () => {
  it('gets only 202 and 429 (never a 5xx), accepts up to the limit and publishes what it accepted', async () => {
    const outcome = await burst(url, 1000, burstBody);
    console.log(`burst: ${JSON.stringify(outcome.statuses)} in ${Math.round(outcome.wallMs)} ms`);
    expect(Object.keys(outcome.statuses).every((status) => ['200', '202', '429'].includes(status))).toBe(true);
    const accepted = (outcome.statuses['202'] ?? 0) + (outcome.statuses['200'] ?? 0);
    // One SQLite transaction checks and inserts: the limit holds exactly on one gateway.
    expect(accepted).toBe(LIMIT);
    expect(outcome.statuses['429']).toBe(1000 - LIMIT);

    const connection = await connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      await waitFor('every accepted submission on the broker', 60_000, async () => (await channel.checkQueue(topologyNames(prefix).jobs)).messageCount === LIMIT);
    } finally {
      await connection.close();
    }
    const refused = await fetch(`${url}/v1/submissions?wait=0`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(burstBody(5000)) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
