/**
 * npm run bench:judge [-- --n 40 --c 4 --url http://127.0.0.1:8080]
 *
 * Sends N submissions (the two-sum reference solution, all tests) at concurrency C to a judge and
 * reports latency percentiles and throughput per language. Side by side, in the same run, it runs
 * the same solution on the same tests through the same harness with plain `node` / `python3` on
 * the host (no sandbox, no queue), at the same N and C: the floor a sandboxed judge is measured against. Without --url it starts its own judge
 * (gateway + worker, real RabbitMQ and Docker) on a random port and a fresh queue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../judge-server/catalog/load-catalog.js';
import type { LanguageId, SubmissionResult } from '../protocol/index.js';
import { valuesEqual } from '../judge-core/compare-values.js';
import { runHarness } from '../test/support/harness-runner.js';
import { startTestJudge } from '../test/support/test-judge.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '40' },
    c: { type: 'string', default: '4' },
    url: { type: 'string' },
    challenge: { type: 'string', default: 'two-sum' },
  },
});
const total = Number(values.n);
const concurrency = Number(values.c);
const root = path.resolve(import.meta.dirname, '..');

interface Row {
  what: string;
  latencies: number[];
  wallMs: number;
  failures: number;
}

async function runConcurrently(count: number, parallel: number, task: () => Promise<boolean>): Promise<Row['latencies'] & { wallMs?: number; failures?: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        if (!(await task())) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return Object.assign(latencies, { wallMs: performance.now() - started, failures });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const catalog = await loadCatalog(path.join(root, 'challenges'));
  const challenge = catalog.get(values.challenge!);
  if (!challenge) throw new Error(`unknown challenge ${values.challenge}`);
  const ownJudge = values.url ? undefined : await startTestJudge({ LOG_LEVEL: 'error', RATE_LIMIT_MAX: '100000' });
  const url = values.url ?? ownJudge!.url;
  const rows: Row[] = [];
  try {
    for (const language of ['javascript', 'python'] as LanguageId[]) {
      const file = path.join(root, 'challenges', challenge.id, 'solutions', `reference.${language === 'python' ? 'py' : 'js'}`);
      const code = readFileSync(file, 'utf8');
      const entry = challenge.entry[language]!;
      const argLists = challenge.tests.map((test) => test.args);

      // Warm-up: the first container start pays for caches.
      await submit(url, language, code, challenge.id);

      const judged = await runConcurrently(total, concurrency, async () => (await submit(url, language, code, challenge.id)) === 'accepted');
      rows.push({ what: `judge ${language}`, latencies: judged, wallMs: judged.wallMs!, failures: judged.failures! });

      const host = await runConcurrently(total, concurrency, async () => {
        const run = await runHarness(language, { code, entry, cases: argLists.map((args, i) => ({ name: `t${i}`, args })) });
        const tests = run.report?.tests ?? [];
        return tests.length === argLists.length && tests.every((test, i) => test.status === 'ok' && valuesEqual(test.value, challenge.tests[i]!.expected));
      });
      rows.push({ what: `host ${language === 'python' ? 'python3' : 'node'} harness, no sandbox (floor)`, latencies: host, wallMs: host.wallMs!, failures: host.failures! });
    }
  } finally {
    await ownJudge?.stop();
  }
  printTable(rows);
}

async function submit(url: string, language: LanguageId, code: string, challengeId: string): Promise<string> {
  const response = await fetch(`${url}/v1/submissions?wait=60`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language, code, challengeId, mode: 'submit' }),
  });
  const body = (await response.json()) as SubmissionResult;
  return response.status === 200 ? body.verdict : `http ${response.status}`;
}

function printTable(rows: Row[]): void {
  const header = ['what', 'n', 'c', 'p50 ms', 'p95 ms', 'max ms', 'throughput/s', 'failures'];
  const lines = rows.map((row) => {
    const sorted = [...row.latencies].sort((a, b) => a - b);
    return [
      row.what,
      String(row.latencies.length),
      String(concurrency),
      percentile(sorted, 50).toFixed(0),
      percentile(sorted, 95).toFixed(0),
      (sorted.at(-1) ?? NaN).toFixed(0),
      ((row.latencies.length / row.wallMs) * 1000).toFixed(2),
      String(row.failures),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach((line) => console.log(format(line)));
  for (let i = 0; i + 1 < rows.length; i += 2) {
    const judged = [...rows[i]!.latencies].sort((a, b) => a - b);
    const host = [...rows[i + 1]!.latencies].sort((a, b) => a - b);
    console.log(
      `${rows[i]!.what}: p50 ${(percentile(judged, 50) / percentile(host, 50)).toFixed(1)}× the host floor, throughput ${(
        (rows[i + 1]!.latencies.length / rows[i + 1]!.wallMs) /
        (rows[i]!.latencies.length / rows[i]!.wallMs)
      ).toFixed(1)}× lower`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
