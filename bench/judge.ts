/**
 * npm run bench:judge [-- --n 20 --c 1,2,4 --modes cold,warm,process,floor --pool 4 --runtime crun]
 * npm run bench:judge -- --modes languages [--language-n 5] [--languages c,rust]
 *
 * One run, side by side, for JavaScript and Python (the two-sum reference solution, all tests):
 * - cold: the whole judge path (HTTP → queue → worker → sandbox → verdict → HTTP) with a new
 *   container created per submission on the request's path (warm pool off);
 * - warm: the same path with the warm pool on (containers started ahead, one job each);
 * - process: the embedded judge (in-process queue, no broker) with the process sandbox;
 * - floor: a fresh plain `node` / `python3` process on the host running the same solution on the
 *   same tests, with nothing else around it.
 * - languages (not in the default set): every language of the registry, compile and run in the
 *   judge next to the plain host compiler and binary (language-compare.ts); its own table.
 * For the first four: sequential (c=1) p50/p95, throughput at each concurrency, the ratios to the floor, and
 * CPU per submission (cpu-meter.ts). Sequential requests are paced: each waits (untimed) for a full
 * warm pool, so c=1 measures latency while the pool is not drained (its throughput leaves the
 * waits out); c>1 is sustained back-to-back load. Then the breakdown of a sequential request from the judge's
 * own metrics. Starts its own judges (real RabbitMQ and Docker) on random ports and fresh queues.
 */
import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Registry } from 'prom-client';
import { loadCatalog } from '../judge-server/catalog/load-catalog.js';
import { DockerSandbox } from '../judge-server/sandbox/docker-sandbox.js';
import { LANGUAGE_IDS, isIoTest, type LanguageId, type SubmissionResult } from '../protocol/index.js';
import { valuesEqual } from '../judge-core/compare-values.js';
import { startEmbeddedJudge } from '../judge-server/embedded-judge.js';
import { ProcessSandbox } from '../judge-server/sandbox/process-sandbox.js';
import { runPlainProcess } from './plain-floor.js';
import { startTestJudge, type TestJudge } from '../test/support/test-judge.js';
import { cpuSince, sampleCpu, type CpuSample } from './cpu-meter.js';
import { compareLanguages, languageTable, type LanguageRow } from './language-compare.js';

const MODES = ['cold', 'warm', 'process', 'floor', 'languages'] as const;
/** What runs when --modes is not given: `languages` is its own, longer comparison (see below). */
const DEFAULT_MODES = ['cold', 'warm', 'process', 'floor'];
type Mode = (typeof MODES)[number];

const LANGUAGES_DEFAULT = 'javascript,python';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    c: { type: 'string', default: '1,2,4' },
    modes: { type: 'string', default: DEFAULT_MODES.join(',') },
    // Default javascript,python; in the `languages` mode, every language of the registry.
    languages: { type: 'string' },
    // Submissions per row of the `languages` mode (each compiled row is n compiles, n cache hits, n runs).
    'language-n': { type: 'string', default: '5' },
    pool: { type: 'string', default: '2' },
    runtime: { type: 'string', default: '' },
    challenge: { type: 'string', default: 'two-sum' },
    'settle-ms': { type: 'string', default: '500' },
  },
});
const total = Number(values.n);
const concurrencies = values.c!.split(',').map(Number);
const modes = values.modes!.split(',') as Mode[];
const languages = (values.languages ?? LANGUAGES_DEFAULT).split(',') as LanguageId[];
const languageN = Number(values['language-n']);
for (const mode of modes) if (!(MODES as readonly string[]).includes(mode)) throw new Error(`--modes: unknown mode "${mode}" (known: ${MODES.join(', ')})`);
for (const language of languages) if (!(LANGUAGE_IDS as readonly string[]).includes(language)) throw new Error(`--languages: unknown language "${language}"`);
if (!Number.isInteger(languageN) || languageN < 1) throw new Error('--language-n: a whole number of at least 1');
const root = path.resolve(import.meta.dirname, '..');
// Every sandbox of this run lives under one cgroup parent, so their CPU can be read after they
// are gone (cpu-meter.ts).
const cgroupParent = `/pairjudge-bench-${process.pid}`;

interface Row {
  language: LanguageId;
  mode: Mode;
  c: number;
  latencies: number[];
  wallMs: number;
  failures: number;
  cpu: CpuSample;
}

interface Breakdown {
  language: LanguageId;
  mode: Mode;
  totalMs: number;
  queueWaitMs: number;
  workerRunMs: number;
  containerStartMs: number | undefined;
  jobMs: number;
}

/** `prepare` runs before each task, outside its timing and outside the wall time (use it at c=1 only). */
async function runConcurrently(
  count: number,
  parallel: number,
  task: () => Promise<boolean>,
  prepare?: () => Promise<void>,
): Promise<Omit<Row, 'language' | 'mode' | 'c' | 'cpu'>> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  let preparing = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        if (prepare) {
          const p = performance.now();
          await prepare();
          preparing += performance.now() - p;
        }
        const t = performance.now();
        if (!(await task())) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started - preparing, failures };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
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

/** A judge for one mode: gateway + worker on a fresh queue, sandboxes under our cgroup parent. */
async function startModeJudge(mode: Exclude<Mode, 'floor'>): Promise<{ judge: TestJudge; close(): Promise<void> } | undefined> {
  const pool = mode === 'warm' ? values.pool! : '0';
  const env = {
    LOG_LEVEL: 'error',
    RATE_LIMIT_MAX: '100000',
    SANDBOX_POOL_JAVASCRIPT: pool,
    SANDBOX_POOL_PYTHON: pool,
    SANDBOX_POOL_TYPESCRIPT: pool,
    SANDBOX_CGROUP_PARENT: cgroupParent,
    // The worker's own default (one job per core) unless the caller sets it.
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '',
    ...(values.runtime ? { SANDBOX_RUNTIME: values.runtime } : {}),
  };
  if (mode !== 'process') {
    const judge = await startTestJudge(env);
    return { judge, close: () => judge.stop() };
  }
  // The embedded judge: gateway + in-process queue + process sandbox, no broker, no Docker.
  const embedded = await startEmbeddedJudge({
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', AMQP_URL: 'amqp://127.0.0.1:1' },
    sandbox: new ProcessSandbox({ tmpfsBytes: 16 * 1024 * 1024 }),
    logLevel: 'error',
  });
  return { judge: embedded as unknown as TestJudge, close: () => embedded.close() };
}

/** Waits (up to a minute) until the warm pool is full again and every container in it is warm. */
async function waitForWarmPool(judge: TestJudge): Promise<void> {
  const sandbox = judge.worker?.sandbox;
  if (!(sandbox instanceof DockerSandbox) || !sandbox.pool) return;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && languages.some((l) => sandbox.pool!.warmCount(l) < sandbox.pool!.targetSize(l))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A full, warm pool, then a little more for the engine to finish removals. */
async function settle(judge: TestJudge): Promise<void> {
  await waitForWarmPool(judge);
  await new Promise((resolve) => setTimeout(resolve, Number(values['settle-ms'])));
}

/** Sum and count of a histogram in `registry`, over the series whose labels match. */
async function histogram(registry: Registry | undefined, name: string, labels: Record<string, string> = {}): Promise<{ sum: number; count: number }> {
  const metric = (await registry?.getMetricsAsJSON())?.find((m) => m.name === name);
  let sum = 0;
  let count = 0;
  for (const value of (metric?.values ?? []) as { metricName?: string; labels: Record<string, string | number>; value: number }[]) {
    if (!Object.entries(labels).every(([k, v]) => value.labels[k] === v)) continue;
    if (value.metricName === `${name}_sum`) sum += value.value;
    if (value.metricName === `${name}_count`) count += value.value;
  }
  return { sum, count };
}

async function judgeMetrics(judge: TestJudge, language: LanguageId) {
  const worker = judge.worker?.metrics;
  return {
    queueWait: await histogram(judge.app.metrics.registry, 'pairjudge_queue_wait_seconds'),
    run: await histogram(judge.app.metrics.registry, 'pairjudge_run_seconds'),
    start: await histogram(worker, 'pairjudge_sandbox_container_start_seconds', { language, source: 'cold' }),
    job: await histogram(worker, 'pairjudge_sandbox_job_seconds', { language }),
  };
}

function meanMs(after: { sum: number; count: number }, before: { sum: number; count: number }): number {
  const count = after.count - before.count;
  return count > 0 ? ((after.sum - before.sum) / count) * 1000 : NaN;
}

async function main(): Promise<void> {
  const catalog = await loadCatalog(path.join(root, 'challenges'));
  const challenge = catalog.get(values.challenge!);
  if (!challenge) throw new Error(`unknown challenge ${values.challenge}`);
  const rows: Row[] = [];
  const breakdowns: Breakdown[] = [];
  const missing: string[] = [];
  let languageRows: LanguageRow[] = [];
  let languageLoad = '';
  const solution = (language: LanguageId) => path.join(root, 'challenges', challenge.id, 'solutions', `reference.${language === 'python' ? 'py' : 'js'}`);

  try {
    for (const mode of modes) {
      if (mode === 'languages') {
        const loadBefore = os.loadavg()[0]!;
        languageRows = await compareLanguages({
          catalog,
          challengeId: challenge.id,
          repoRoot: root,
          n: languageN,
          ...(values.languages ? { languages } : {}),
          log: (line) => console.error(line),
        });
        // Other work on the machine moves every figure: the table says how busy it was.
        languageLoad = `1-min load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, ${os.cpus().length} cores`;
        continue;
      }
      if (mode === 'floor') {
        for (const language of languages) {
          const entry = challenge.entry[language]!;
          // The plain floor calls a function: a stdin/stdout challenge's cases have none to call.
          const tests = challenge.tests.flatMap((test) => (isIoTest(test) ? [] : [test]));
          if (tests.length === 0) throw new Error(`${challenge.id} has no function cases for the floor mode`);
          const argLists = tests.map((test) => test.args);
          const task = async () => {
            const values = await runPlainProcess(language, solution(language), entry, argLists);
            return values.length === argLists.length && values.every((value, i) => valuesEqual(value, tests[i]!.expected));
          };
          await task();
          for (const c of concurrencies) {
            const before = sampleCpu(cgroupParent);
            const run = await runConcurrently(total, c, task);
            rows.push({ language, mode, c, ...run, cpu: cpuSince(before, cgroupParent) });
          }
        }
        continue;
      }
      const started = await startModeJudge(mode);
      if (!started) {
        missing.push(`${mode}: judge-server/sandbox/process-sandbox.ts is not there yet (slot in bench/judge.ts)`);
        continue;
      }
      const { judge } = started;
      try {
        for (const language of languages) {
          const code = readFileSync(solution(language), 'utf8');
          const task = async () => (await submit(judge.url, language, code, challenge.id)) === 'accepted';
          // Warm-up: the first submission pays for caches (image layers, the broker channel).
          await task();
          for (const c of concurrencies) {
            await settle(judge);
            const metricsBefore = await judgeMetrics(judge, language);
            const before = sampleCpu(cgroupParent);
            // Sequential latency is measured "while the pool is not drained" (issue 13): each
            // request waits, outside its own timing, until the pool is warm again. At c > 1 the
            // requests come back to back: sustained load, where throughput is what counts.
            const run = await runConcurrently(total, c, task, c === 1 ? () => waitForWarmPool(judge) : undefined);
            // Work the row caused after its last answer (removals, refills) is its cost too.
            await settle(judge);
            rows.push({ language, mode, c, ...run, cpu: cpuSince(before, cgroupParent) });
            if (c === 1) {
              const after = await judgeMetrics(judge, language);
              breakdowns.push({
                language,
                mode,
                totalMs: percentile(run.latencies, 50),
                queueWaitMs: meanMs(after.queueWait, metricsBefore.queueWait),
                workerRunMs: meanMs(after.run, metricsBefore.run),
                containerStartMs: mode === 'cold' ? meanMs(after.start, metricsBefore.start) : undefined,
                jobMs: meanMs(after.job, metricsBefore.job),
              });
            }
          }
        }
      } finally {
        await started.close();
      }
    }
  } finally {
    try {
      // Our cgroup parent, empty once the judges removed their containers.
      for (const controller of ['cpu', 'cpuacct', 'memory', 'pids', 'blkio', 'devices', 'freezer', 'cpuset', 'systemd']) {
        if (existsSync(`/sys/fs/cgroup/${controller}${cgroupParent}`)) rmdirSync(`/sys/fs/cgroup/${controller}${cgroupParent}`);
      }
    } catch {
      // Left for the operator; harmless and empty.
    }
  }
  if (rows.length > 0) printTable(rows);
  printBreakdown(breakdowns);
  if (languageRows.length > 0) {
    console.log(`\nEvery language, ${challenge.id} reference solution, p50 of n=${languageN} (ms):`);
    console.log(languageTable(languageRows));
    console.log(languageLoad);
  }
  for (const line of missing) console.log(`not measured: ${line}`);
}

function printTable(rows: Row[]): void {
  const header = ['language', 'sandbox', 'c', 'n', 'p50 ms', 'p95 ms', 'max ms', 'thr/s', 'p50 ×floor', 'p95 ×floor', 'thr ÷floor', 'cpu ms/sub', '(box+judge+engine)', 'fail'];
  const floorOf = (row: Row) => rows.find((r) => r.mode === 'floor' && r.language === row.language && r.c === row.c);
  const lines = rows.map((row) => {
    const floor = floorOf(row);
    const n = row.latencies.length;
    const thr = (n / row.wallMs) * 1000;
    const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '–');
    const cpu = row.cpu.sandboxMs + row.cpu.judgeMs + row.cpu.engineMs;
    return [
      row.language,
      row.mode,
      String(row.c),
      String(n),
      percentile(row.latencies, 50).toFixed(0),
      percentile(row.latencies, 95).toFixed(0),
      Math.max(...row.latencies).toFixed(0),
      thr.toFixed(2),
      ratio(percentile(row.latencies, 50), floor && percentile(floor.latencies, 50)),
      ratio(percentile(row.latencies, 95), floor && percentile(floor.latencies, 95)),
      ratio(floor ? (floor.latencies.length / floor.wallMs) * 1000 : 0, thr),
      (cpu / n).toFixed(0),
      `${(row.cpu.sandboxMs / n).toFixed(0)}+${(row.cpu.judgeMs / n).toFixed(0)}+${(row.cpu.engineMs / n).toFixed(0)}`,
      String(row.failures),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach((line) => console.log(format(line)));
  console.log(
    'thr ÷floor: how many times the floor\'s throughput is higher. cpu: sandboxes (their cgroup) + this process and its children + dockerd/containerd (shared: an upper bound).',
  );
}

function printBreakdown(breakdowns: Breakdown[]): void {
  if (breakdowns.length === 0) return;
  console.log('\nWhere a sequential request goes (means over the c=1 row, ms):');
  for (const b of breakdowns) {
    const broker = b.queueWaitMs;
    const outsideWorker = b.totalMs - b.workerRunMs - broker;
    const start = b.containerStartMs !== undefined ? ` container create+start ${b.containerStartMs.toFixed(0)},` : '';
    console.log(
      `  ${b.language} ${b.mode}: p50 total ${b.totalMs.toFixed(0)} = HTTP+gateway+result return ${outsideWorker.toFixed(0)}` +
        ` + queue wait ${broker.toFixed(0)} + worker ${b.workerRunMs.toFixed(0)} (${start} job written → report read ${b.jobMs.toFixed(0)})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
