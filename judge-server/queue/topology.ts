/**
 * Broker topology. Names share a prefix so that tests can run on fresh, throw-away queues.
 *
 * - `<prefix>.jobs`: durable quorum queue of jobs. Quorum queues count deliveries, so a job that
 *   keeps killing its worker (or keeps failing for infrastructure reasons) is dead-lettered after
 *   `deliveryLimit` attempts instead of looping forever.
 * - `<prefix>.dead` exchange → `<prefix>.jobs.dead` queue: where such jobs end; a worker turns
 *   each into an `internal_error` result so that no client waits forever.
 * - `<prefix>.results`: durable quorum queue of replies (a "running" notice, then the result),
 *   shared by every gateway: whichever gateway takes a result writes it to the shared store, and
 *   a result published while every gateway is away waits here. Gateways keep no queue of their own.
 * - `<prefix>.workers`: a queue that never holds a message; each worker consumes from it while its
 *   sandbox can run jobs, so its consumer count is the number of workers ready to judge (what
 *   /readyz reports). The jobs queue's own count cannot say it: a quorum queue keeps counting a
 *   worker that stopped taking jobs until the jobs it still holds are settled.
 */
import type { Channel } from 'amqplib';

export interface TopologyNames {
  jobs: string;
  deadExchange: string;
  deadJobs: string;
  results: string;
  workers: string;
}

export function topologyNames(prefix: string): TopologyNames {
  return { jobs: `${prefix}.jobs`, deadExchange: `${prefix}.dead`, deadJobs: `${prefix}.jobs.dead`, results: `${prefix}.results`, workers: `${prefix}.workers` };
}

export const DEFAULT_DELIVERY_LIMIT = 3;

export async function assertTopology(channel: Channel, names: TopologyNames, deliveryLimit = DEFAULT_DELIVERY_LIMIT): Promise<void> {
  await channel.assertExchange(names.deadExchange, 'fanout', { durable: true });
  await channel.assertQueue(names.deadJobs, { durable: true });
  await channel.bindQueue(names.deadJobs, names.deadExchange, '');
  await channel.assertQueue(names.jobs, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': names.deadExchange,
    },
  });
  await channel.assertQueue(names.results, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.assertQueue(names.workers, { durable: true });
}
