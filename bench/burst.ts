/**
 * npm run bench:burst [-- --n 1000]
 *
 * A burst of N submissions at once (each on its own connection, wait=0) at a gateway running as
 * its own process on the real RabbitMQ with a fresh queue and data folder, and no workers (so
 * nothing drains the queue). Run twice: with room for every submission, and with a queue limit
 * below N (backpressure: 429 with Retry-After). Prints the answers by status, latency, and the
 * gateway's resident memory before the burst and at its peak (VmHWM from /proc).
 */
import { readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startGatewayProcess } from '../test/support/fault-cluster.js';
import { burst, burstBody, percentile } from '../test/support/burst.js';
import { freePort } from '../test/support/free-port.js';
import { AMQP_URL, deleteTopology, freshDataDir, freshPrefix } from '../test/support/test-judge.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' } } });
const count = Number(values.n);

/** kB → MiB of a /proc/<pid>/status field (VmRSS now, VmHWM the peak so far). */
function memoryMib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

interface Row {
  limit: number;
  statuses: Record<string, number>;
  wallMs: number;
  p50: number;
  p99: number;
  rssBefore: number;
  peak: number;
  rssAfter: number;
}

async function runOnce(limit: number): Promise<Row> {
  const prefix = freshPrefix();
  const dataDir = freshDataDir();
  const gateway = await startGatewayProcess(await freePort(), {
    AMQP_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    MAX_QUEUED_SUBMISSIONS: String(limit),
    LOG_LEVEL: 'warn',
  });
  try {
    const pid = gateway.child.pid!;
    // Warm up (routes compiled, store open) so the peak is the burst's.
    await fetch(`${gateway.url}/readyz`);
    const rssBefore = memoryMib(pid, 'VmRSS');
    const outcome = await burst(gateway.url, count, burstBody);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return {
      limit,
      statuses: outcome.statuses,
      wallMs: Math.round(outcome.wallMs),
      p50: Math.round(percentile(outcome.latenciesMs, 50)),
      p99: Math.round(percentile(outcome.latenciesMs, 99)),
      rssBefore,
      peak: memoryMib(pid, 'VmHWM'),
      rssAfter: memoryMib(pid, 'VmRSS'),
    };
  } finally {
    await gateway.stop('SIGTERM');
    await deleteTopology(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [await runOnce(count * 2), await runOnce(Math.floor(count * 0.3))];
const show = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .sort()
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
console.log(`\nburst of ${count} submissions at once (wait=0), gateway on RabbitMQ, no workers\n`);
console.log('| MAX_QUEUED_SUBMISSIONS | answers | 5xx | wall ms | p50 ms | p99 ms | RSS before MiB | peak RSS MiB | RSS after MiB |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  const fivexx = Object.entries(row.statuses).filter(([s]) => s.startsWith('5') || s.startsWith('error')).reduce((n, [, v]) => n + v, 0);
  console.log(`| ${row.limit} | ${show(row.statuses)} | ${fivexx} | ${row.wallMs} | ${row.p50} | ${row.p99} | ${row.rssBefore} | ${row.peak} | ${row.rssAfter} |`);
}
