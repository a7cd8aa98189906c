/**
 * Checks the judge against HumanEvalPack, work no one here wrote: every reference solution must
 * pass its published tests and every solution with an injected bug must fail. Languages:
 * JavaScript, Python, C++ and Java.
 *
 *   npx tsx scripts/corpus-check.ts [--language javascript|python|cpp|java]... [--url http://127.0.0.1:8080] [--concurrency 2] [--limit N]
 *
 * Without --url the code runs on this machine: JavaScript and Python through their harnesses
 * (node / python3), C++ and Java with the plain compiler and runtime (g++ -std=c++17, javac/java;
 * test/support/native-runner.ts), which is the floor the judge must match. With --url each
 * record is POSTed to a running judge (contract v1, verdict `accepted` = pass) with the test
 * program as the submission's script test. The code judged is `prompt + solution`, except in C++
 * where it is `declaration + solution` (the declaration holds the includes the solutions need).
 * The corpus lives in a folder outside the repository (PAIRJUDGE_CORPUS, default
 * ../shared/corpus/humanevalpack beside the checkout, holding humanevalpack_{js,python,cpp,java}.jsonl);
 * nothing of it is copied into the repository. --limit N checks only the first N records of each
 * language (a quick smoke run; the exit code then ignores the totals).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { runHarness } from '../test/support/harness-runner.js';
import { nativePassed, runNative } from '../test/support/native-runner.js';

const CORPUS_LANGUAGES = ['javascript', 'python', 'cpp', 'java'] as const;
type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];
const CORPUS_FILES: Record<CorpusLanguage, string> = {
  javascript: 'humanevalpack_js.jsonl',
  python: 'humanevalpack_python.jsonl',
  cpp: 'humanevalpack_cpp.jsonl',
  java: 'humanevalpack_java.jsonl',
};

interface CorpusRecord {
  task_id: string;
  prompt: string;
  /** C++ and Java: the prompt without its comment (in C++ with every include the solution needs). */
  declaration?: string;
  canonical_solution: string;
  buggy_solution: string;
  test: string;
  entry_point: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// The corpus stays outside the repository: PAIRJUDGE_CORPUS names its folder, else it is looked
// for beside the checkout.
const CORPUS_DIRS = [process.env.PAIRJUDGE_CORPUS, path.resolve(here, '..', '..', 'shared', 'corpus', 'humanevalpack')].filter(
  (dir): dir is string => Boolean(dir),
);
/**
 * Records that fail for reasons outside the judge, per place they run. JavaScript/162 needs the npm
 * package js-md5, which a sandbox without packages cannot load. CPP/38's record is cut short (its
 * solution does not compile). On the host only: CPP/22 and CPP/137 include Boost (any,
 * lexical_cast), which the judge's C++ image has (libboost-dev) and a bare host may lack; CPP/162
 * needs OpenSSL's MD5 (libssl-dev, linked with -lcrypto), which the image has too.
 */
const KNOWN_EXCEPTIONS = {
  judge: new Set(['JavaScript/162', 'CPP/38']),
  host: new Set(['JavaScript/162', 'CPP/38', 'CPP/22', 'CPP/137', 'CPP/162']),
};

function isCorpusLanguage(value: string | undefined): value is CorpusLanguage {
  return (CORPUS_LANGUAGES as readonly (string | undefined)[]).includes(value);
}

function parseArgs(argv: string[]): { languages: CorpusLanguage[]; url?: string; concurrency: number; limit?: number } {
  const chosen: CorpusLanguage[] = [];
  let url: string | undefined;
  let concurrency = 2;
  let limit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--language' && isCorpusLanguage(next)) {
      chosen.push(next);
      i++;
    } else if (arg === '--url' && next) {
      url = next.replace(/\/+$/, '');
      i++;
    } else if (arg === '--concurrency' && next && Number(next) >= 1) {
      concurrency = Math.floor(Number(next));
      i++;
    } else if (arg === '--limit' && next && Number(next) >= 1) {
      limit = Math.floor(Number(next));
      i++;
    } else throw new Error('unknown or incomplete argument: ' + arg + ' (use --language javascript|python|cpp|java, --url URL, --concurrency N, --limit N)');
  }
  return { languages: chosen.length > 0 ? chosen : [...CORPUS_LANGUAGES], url, concurrency, limit };
}

function loadCorpus(language: CorpusLanguage): CorpusRecord[] {
  const file = CORPUS_FILES[language];
  const dir = CORPUS_DIRS.find((d) => fs.existsSync(path.join(d, file)));
  if (!dir) throw new Error('corpus file ' + file + ' not found in ' + CORPUS_DIRS.join(' or '));
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusRecord);
}

/** The code a record's solution is judged as (see the head of this file). */
function codeOf(language: CorpusLanguage, record: CorpusRecord, solution: string): string {
  return (language === 'cpp' ? (record.declaration ?? record.prompt) : record.prompt) + solution;
}

/** What became of one solution: passed, and the judge's verdict (or the host's reason) for the log. */
interface Outcome {
  passed: boolean;
  verdict: string;
  /** Why, when it did not pass: the judge's error message or first failing test, cut short. */
  detail?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Judges one program at the gateway: POST with `wait`, then polls the Location while the judge is
 * still at it (a 202: a busy queue or a long compile), and waits out a 429 (rate limit or a full
 * queue) as its Retry-After says.
 */
async function judgeAtUrl(url: string, language: CorpusLanguage, code: string, script: string): Promise<Outcome> {
  const body = { language, code, mode: 'submit', tests: { script } };
  let res = await axios.post(`${url}/v1/submissions?wait=60`, body, { validateStatus: () => true, timeout: 90_000 });
  for (let tries = 0; res.status === 429 && tries < 30; tries++) {
    await sleep(1000 * Math.min(30, Number(res.headers['retry-after']) || 5));
    res = await axios.post(`${url}/v1/submissions?wait=60`, body, { validateStatus: () => true, timeout: 90_000 });
  }
  const deadline = Date.now() + 10 * 60_000;
  while (res.status === 202 && Date.now() < deadline) {
    await sleep(1000);
    res = await axios.get(`${url}/v1/submissions/${String(res.data?.id)}`, { validateStatus: () => true, timeout: 30_000 });
    if (res.status === 200 && res.data?.status !== 'done') res.status = 202;
  }
  if (res.status !== 200) throw new Error(`the judge answered ${res.status}: ${JSON.stringify(res.data).slice(0, 200)}`);
  const verdict = String(res.data?.verdict);
  const failed = (res.data?.tests as { passed: boolean; name: string; error?: string }[] | undefined)?.find((t) => !t.passed);
  const why = res.data?.error?.message ?? (failed ? `${failed.name}: ${failed.error ?? ''}` : undefined);
  return { passed: verdict === 'accepted', verdict, ...(why ? { detail: String(why).replace(/\s+/g, ' ').slice(0, 160) } : {}) };
}

/** Does this code pass the record's tests? */
async function passes(language: CorpusLanguage, code: string, script: string, url: string | undefined): Promise<Outcome> {
  if (url) return judgeAtUrl(url, language, code, script);
  if (language === 'cpp' || language === 'java') {
    const run = await runNative(language, code, script);
    const passed = nativePassed(run);
    const verdict = passed ? 'passed' : run.compile.exitCode !== 0 ? 'compile failed' : run.run?.timedOut ? 'timed out' : 'failed';
    return { passed, verdict };
  }
  const run = await runHarness(language, { code, script, cases: [], limits: { testTimeoutMs: 5000, outputBytes: 64 * 1024, valueBytes: 64 * 1024 } });
  const report = run.report;
  if (!report) throw new Error('no report (exit ' + run.exitCode + '): ' + run.stderr.slice(0, 300));
  const passed = !report.compileError && !report.fatal && report.tests.length > 0 && report.tests.every((t) => t.status === 'ok');
  return { passed, verdict: passed ? 'passed' : 'failed' };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

interface Row {
  language: CorpusLanguage;
  total: number;
  referencesAccepted: number;
  buggyRejected: number;
  mismatches: string[];
  /** How the bugged solutions were rejected: verdict -> count. */
  buggyVerdicts: Map<string, number>;
  wallMs: number;
}

async function checkLanguage(language: CorpusLanguage, url: string | undefined, concurrency: number, limit: number | undefined): Promise<Row> {
  const records = loadCorpus(language).slice(0, limit);
  const started = Date.now();
  const outcomes = await mapLimited(records, concurrency, async (r) => {
    const reference = await passes(language, codeOf(language, r, r.canonical_solution), r.test, url).catch(
      (e: unknown): Outcome => ({ passed: false, verdict: 'error', detail: e instanceof Error ? e.message : String(e) }),
    );
    const buggy = await passes(language, codeOf(language, r, r.buggy_solution), r.test, url).catch(
      (e: unknown): Outcome => ({ passed: true, verdict: 'error', detail: e instanceof Error ? e.message : String(e) }),
    );
    // One line per record on stderr: a long run shows its progress (and its partial counts), and
    // a mismatch says why.
    const why = (o: Outcome) => o.verdict + (o.detail ? ` (${o.detail})` : '');
    console.error(
      `${r.task_id}: reference ${reference.passed ? 'accepted' : 'REJECTED: ' + why(reference)}, bugged ${buggy.passed ? 'ACCEPTED' : 'rejected: ' + buggy.verdict}`,
    );
    return { id: r.task_id, reference: reference.passed, buggyRejected: !buggy.passed, buggyVerdict: buggy.verdict };
  });
  const mismatches: string[] = [];
  const buggyVerdicts = new Map<string, number>();
  for (const o of outcomes) {
    if (!o.reference) mismatches.push(o.id + ' (reference rejected)');
    if (!o.buggyRejected) mismatches.push(o.id + ' (buggy accepted)');
    else buggyVerdicts.set(o.buggyVerdict, (buggyVerdicts.get(o.buggyVerdict) ?? 0) + 1);
  }
  return {
    language,
    total: records.length,
    referencesAccepted: outcomes.filter((o) => o.reference).length,
    buggyRejected: outcomes.filter((o) => o.buggyRejected).length,
    mismatches,
    buggyVerdicts,
    wallMs: Date.now() - started,
  };
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

async function main(): Promise<void> {
  const { languages, url, concurrency, limit } = parseArgs(process.argv.slice(2));
  const where = url ? 'judge' : 'host';
  console.log(`HumanEvalPack check: ${url ? 'judge at ' + url : 'harnesses and compilers on this host'}, concurrency ${concurrency}`);
  const rows: Row[] = [];
  for (const language of languages) rows.push(await checkLanguage(language, url, concurrency, limit));
  const known = KNOWN_EXCEPTIONS[where];
  console.log('');
  console.log('language    references accepted   bugged rejected   wall time   mismatches');
  let unexpected = 0;
  for (const row of rows) {
    console.log(
      `${row.language.padEnd(12)}${`${row.referencesAccepted}/${row.total}`.padEnd(22)}${`${row.buggyRejected}/${row.total}`.padEnd(18)}${minutes(row.wallMs).padEnd(12)}${row.mismatches.join(', ') || '-'}`,
    );
    unexpected += row.mismatches.filter((m) => !known.has(m.split(' ')[0] ?? '')).length;
  }
  console.log('');
  for (const row of rows) {
    const verdicts = [...row.buggyVerdicts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`);
    console.log(`${row.language.padEnd(12)}bugged rejected as: ${verdicts.join(', ') || '-'}`);
  }
  if (unexpected > 0) {
    console.log(`\n${unexpected} unexpected mismatch(es)`);
    if (limit === undefined) process.exitCode = 1;
  } else console.log(`\nno unexpected mismatches (allowed to fail ${url ? 'in the judge' : 'on the host'}: ${[...known].join(', ')}; see KNOWN_EXCEPTIONS)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
});
