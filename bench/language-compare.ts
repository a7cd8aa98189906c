/**
 * Every language of the registry, side by side: compile and run in the judge (judge-core's
 * compileStage and runJob against the Docker sandbox, as the worker calls them, cold containers)
 * next to the plain host compiler and the plain binary / `java` / `node` / `python3` on the host.
 *
 * Compile rows never count a cache hit: each iteration's source differs by a comment, so the key
 * is new and the compiler runs. The cache hit is its own column (the same source again). The
 * judge's run row is runJob on a cached artefact: the visible and hidden runs, each a fresh
 * container, and the verdict; the host's run row runs the same two parts, one process each.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_IDS, LANGUAGES, isIoTest, type LanguageId } from '../protocol/index.js';
import type { Catalog } from '../judge-core/catalog.js';
import { buildJob } from '../judge-core/build-job.js';
import { CompileCache } from '../judge-core/compile-cache.js';
import { compileStage } from '../judge-core/compile-stage.js';
import { valuesEqual } from '../judge-core/compare-values.js';
import { encodeDriverInput } from '../judge-core/drivers/driver-input.js';
import type { JudgeJob } from '../judge-core/job.js';
import { LANGUAGE_RUNTIMES } from '../judge-core/languages.js';
import { parseReportFrame } from '../judge-core/report-frame.js';
import { runJob } from '../judge-core/run-job.js';
import { DockerSandbox } from '../judge-server/sandbox/docker-sandbox.js';
import { readWorkerConfig } from '../judge-server/worker/config.js';
import { runLimits } from '../judge-server/worker/worker.js';
import { compileLimitsFor } from '../judge-server/config/compile-settings.js';
import type { CompileLimits } from '../judge-core/sandbox.js';
import { runPlainProcess } from './plain-floor.js';
import { harnessInput, hostToolchain, type HostToolchain } from './host-toolchain.js';

const EXTENSION: Record<LanguageId, string> = { javascript: 'js', typescript: 'ts', python: 'py', c: 'c', cpp: 'cpp', java: 'java', go: 'go', rust: 'rs' };

export interface LanguageRow {
  language: LanguageId;
  /** Wall times in ms; empty when not measured (an interpreted language, no host toolchain). */
  judgeCompile: number[];
  cacheHit: number[];
  hostCompile: number[];
  judgeRun: number[];
  hostRun: number[];
  /** Why a host column is "n/a". */
  hostNote?: string;
  failures: string[];
}

type FunctionCase = { name: string; args: unknown[]; expected: unknown; hidden: boolean };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function timed<T>(into: number[], task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await task();
  into.push(performance.now() - started);
  return value;
}

/** The source with a comment that makes it a new compile-cache key. */
function varied(language: LanguageId, code: string, i: number): string {
  return `${code}\n${language === 'python' ? '#' : '//'} bench ${i} ${randomBytes(6).toString('hex')}\n`;
}

/** The judge's parts: the visible cases in one run, the hidden ones in a second (run-job.ts). */
function parts(job: JudgeJob): FunctionCase[][] {
  const cases = job.cases.flatMap((c) => (isIoTest(c) ? [] : [c as FunctionCase]));
  return [cases.filter((c) => !c.hidden), cases.filter((c) => c.hidden)].filter((part) => part.length > 0);
}

export async function compareLanguages(options: {
  catalog: Catalog;
  challengeId: string;
  repoRoot: string;
  n: number;
  languages?: LanguageId[];
  log?: (line: string) => void;
}): Promise<LanguageRow[]> {
  const { catalog, challengeId, repoRoot, n } = options;
  const log = options.log ?? (() => undefined);
  const challenge = catalog.get(challengeId);
  if (!challenge) throw new Error(`unknown challenge ${challengeId}`);
  const config = readWorkerConfig(process.env);
  const limits = runLimits(config);
  // Cold containers for every language: the compiled languages have no warm pool, and the
  // interpreted ones are measured the same way here (bench modes cold/warm cover the pool).
  const sandbox = new DockerSandbox({
    image: config.sandboxImage,
    tmpfsBytes: config.tmpfsMb * 1024 * 1024,
    ...(config.sandboxRuntime ? { runtime: config.sandboxRuntime } : {}),
  });
  const host = await hostToolchain(repoRoot);
  const rows: LanguageRow[] = [];
  try {
    for (const language of options.languages ?? [...LANGUAGE_IDS]) {
      if (!challenge.languages.includes(language)) continue;
      log(`${language}…`);
      rows.push(await measureLanguage(language, { catalog, challengeId, n, sandbox, host, limits, compiling: compileLimitsFor(config, language), repoRoot }));
    }
  } finally {
    await sandbox.close();
    rmSync(host.root, { recursive: true, force: true });
  }
  return rows;
}

async function measureLanguage(
  language: LanguageId,
  ctx: {
    catalog: Catalog;
    challengeId: string;
    n: number;
    sandbox: DockerSandbox;
    host: HostToolchain;
    limits: ReturnType<typeof runLimits>;
    compiling: CompileLimits;
    repoRoot: string;
  },
): Promise<LanguageRow> {
  const { catalog, challengeId, n, sandbox, host, limits, compiling } = ctx;
  const file = path.join(ctx.repoRoot, 'challenges', challengeId, 'solutions', `reference.${EXTENSION[language]}`);
  const code = readFileSync(file, 'utf8');
  const row: LanguageRow = { language, judgeCompile: [], cacheHit: [], hostCompile: [], judgeRun: [], hostRun: [], failures: [] };
  const jobOf = (source: string, i: number) => buildJob(`bench-${language}-${i}-${randomBytes(3).toString('hex')}`, { language, code: source, challengeId, mode: 'submit' }, catalog, Date.now());
  const step = LANGUAGE_RUNTIMES[language].compile;
  const cache = new CompileCache();
  let job = jobOf(code, 0);

  if (step) {
    // The first compile pulls the image's layers into the page cache: untimed.
    await compileStage(jobOf(varied(language, code, -1), -1), sandbox, compiling, cache);
    for (let i = 0; i < n; i++) {
      job = jobOf(varied(language, code, i), i);
      const built = await timed(row.judgeCompile, () => compileStage(job, sandbox, compiling, cache));
      if (!built.ok || built.cached) row.failures.push(`judge compile ${i}: ${built.ok ? 'cache hit' : built.error.message.slice(0, 200)}`);
    }
    for (let i = 0; i < n; i++) {
      const hit = await timed(row.cacheHit, () => compileStage(job, sandbox, compiling, cache));
      if (!hit.ok || !hit.cached) row.failures.push(`cache hit ${i}: not a hit`);
    }
  }
  // Run: the last compiled source, its artefact in the cache (interpreted: the source as it is).
  await runJob(job, sandbox, limits, { compileCache: cache });
  for (let i = 0; i < n; i++) {
    const handled = await timed(row.judgeRun, () => runJob({ ...job, id: `${job.id}-run-${i}` }, sandbox, limits, { compileCache: cache }));
    if (handled.result.verdict !== 'accepted') row.failures.push(`judge run ${i}: ${handled.result.verdict}`);
  }

  try {
    await measureHost(language, { job, file, step, n, host, limits, code, row });
  } catch (error) {
    row.failures.push(`host: ${(error as Error).message.slice(0, 300)}`);
  }
  return row;
}

async function measureHost(
  language: LanguageId,
  ctx: { job: JudgeJob; file: string; step: (typeof LANGUAGE_RUNTIMES)[LanguageId]['compile']; n: number; host: HostToolchain; limits: ReturnType<typeof runLimits>; code: string; row: LanguageRow },
): Promise<void> {
  const { job, file, step, n, host, limits, code, row } = ctx;
  const entry = job.entry!;
  if (!step) {
    // Interpreted: the plain interpreter on the reference file, one process per part.
    const task = async () => {
      for (const part of parts(job)) {
        const values = await runPlainProcess(language, file, entry, part.map((c) => c.args));
        if (!part.every((c, i) => valuesEqual(values[i], c.expected))) throw new Error('wrong values');
      }
    };
    await task();
    for (let i = 0; i < n; i++) await timed(row.hostRun, task);
    return;
  }
  const compiler = await host.compiler(language);
  if (!compiler) {
    row.hostNote = `no ${LANGUAGES[language].name} toolchain on the host`;
    return;
  }
  let artefact = await host.compile(language, step.files(varied(language, code, -1), job.signature!, entry));
  for (let i = 0; i < n; i++) {
    artefact = await timed(row.hostCompile, () => host.compile(language, step.files(varied(language, code, i), job.signature!, entry)));
  }
  const task = async () => {
    for (const part of parts(job)) {
      const nonce = randomBytes(18).toString('base64url');
      const input = harnessInput(nonce, entry, part, limits);
      const stdout = await host.runArtefact(language, artefact, encodeDriverInput(input, job.signature!), limits);
      const report = parseReportFrame(stdout, nonce);
      const right = report?.tests.length === part.length && report.tests.every((t, i) => t.status === 'ok' && valuesEqual(t.value, part[i]!.expected));
      if (!right) throw new Error(`host run of ${language}: the report does not show every case right`);
    }
  };
  await task();
  for (let i = 0; i < n; i++) await timed(row.hostRun, task);
}

/** The markdown table: p50s in ms and judge ÷ host ratios. */
export function languageTable(rows: LanguageRow[]): string {
  const ms = (values: number[]) => (values.length > 0 ? percentile(values, 50).toFixed(0) : 'n/a');
  const ratio = (a: number[], b: number[]) => (a.length > 0 && b.length > 0 ? `${(percentile(a, 50) / percentile(b, 50)).toFixed(1)}×` : 'n/a');
  const header = ['language', 'n', 'judge compile p50 ms', 'host compile p50 ms', 'compile judge÷host', 'cache hit p50 ms', 'judge run p50 ms', 'host run p50 ms', 'run judge÷host', 'fail'];
  const lines = rows.map((row) => {
    const compiled = LANGUAGE_RUNTIMES[row.language].compile !== undefined;
    return [
      row.language,
      String(row.judgeRun.length),
      compiled ? ms(row.judgeCompile) : '–',
      compiled ? ms(row.hostCompile) : '–',
      compiled ? ratio(row.judgeCompile, row.hostCompile) : '–',
      compiled ? ms(row.cacheHit) : '–',
      ms(row.judgeRun),
      ms(row.hostRun),
      ratio(row.judgeRun, row.hostRun),
      String(row.failures.length),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)];
  for (const row of rows) {
    if (row.hostNote) out.push(`- ${row.language}: host n/a: ${row.hostNote}`);
    for (const failure of row.failures) out.push(`- ${row.language}: ${failure}`);
  }
  return out.join('\n');
}
