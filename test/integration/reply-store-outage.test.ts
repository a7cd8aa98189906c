/**
 * A result that arrives while the store is away is held, not returned to the results queue: with
 * RabbitMQ counting returns against the quorum queue's delivery limit (4.x drops a message after
 * 20 by default), returning it once a second would lose verdicts in an outage of ~20 s. Here the
 * operator's policy sets the limit to 3 on this test's results queue and the store refuses 12
 * times: the result must still be stored once, and nothing stays on the queue.
 */
import { execFileSync } from 'node:child_process';
import { connect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { RabbitJobQueue } from '../../judge-server/queue/rabbitmq-job-queue.js';
import { encodeMessage, type Reply } from '../../judge-server/queue/job.js';
import { topologyNames } from '../../judge-server/queue/topology.js';
import { AMQP_URL, deleteTopology, freshPrefix } from '../support/test-judge.js';

const prefix = freshPrefix();
const names = topologyNames(prefix);
const policy = `pairjudge-${prefix}`;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

function rabbitmqctl(...args: string[]): void {
  try {
    execFileSync('rabbitmqctl', args, { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`rabbitmqctl ${args[0]} failed (is RabbitMQ running? \`rabbitmq-server -detached\`): ${(error as Error).message}`);
  }
}

afterAll(async () => {
  try {
    rabbitmqctl('clear_policy', policy);
  } finally {
    await deleteTopology(prefix);
  }
});

describe('a result during a store outage', () => {
  it('is stored once after the store comes back, however long it took, without spending deliveries', async () => {
    rabbitmqctl('set_policy', '--apply-to', 'queues', policy, `^${prefix.replace(/-/g, '\\-')}\\.results$`, '{"delivery-limit":3}');
    const stored: Reply[] = [];
    let refusals = 0;
    const queue = new RabbitJobQueue({
      url: AMQP_URL,
      prefix,
      replyRetryMs: 20,
      logger: silent,
      onReply: (reply: Reply) => {
        if (refusals < 12) {
          refusals += 1;
          throw new Error('store unreachable');
        }
        stored.push(reply);
      },
    });
    await queue.start();
    expect(await queue.waitUntilConnected(10_000), 'RabbitMQ must answer at 127.0.0.1:5672 (`rabbitmq-server -detached`)').toBe(true);
    try {
      const reply: Reply = { type: 'result', result: { id: 'outage-1', status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 1 } };
      const connection = await connect(AMQP_URL);
      try {
        const channel = await connection.createConfirmChannel();
        channel.sendToQueue(names.results, encodeMessage(reply), { persistent: true });
        await channel.waitForConfirms();
      } finally {
        await connection.close();
      }
      await expect.poll(() => stored.length, { timeout: 20_000 }).toBe(1);
      expect(refusals).toBe(12);
      expect(stored[0]).toEqual(reply);
      // Acknowledged once stored: the queue is empty, and no second copy arrives.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const check = await connect(AMQP_URL);
      try {
        const { messageCount } = await (await check.createChannel()).checkQueue(names.results);
        expect(messageCount).toBe(0);
      } finally {
        await check.close();
      }
      expect(stored).toHaveLength(1);
    } finally {
      await queue.close();
    }
  }, 60_000);
});
