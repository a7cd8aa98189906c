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
 * Records that fail for reasons outside the judge. JavaScript/162 needs the npm package js-md5,
 * which a sandbox without packages cannot load. CPP/22 and CPP/137 include Boost (any,
 * lexical_cast): they pass where libboost-dev is installed. CPP/162 needs OpenSSL's MD5 (libssl-dev,
 * linked with -lcrypto). CPP/38's record is cut short (its solution does not compile).
 */
const KNOWN_EXCEPTIONS = new Set(['JavaScript/162', 'CPP/22', 'CPP/137', 'CPP/162', 'CPP/38']);

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

/** Does this code pass the record's tests? */
async function passes(language: CorpusLanguage, code: string, script: string, url: string | undefined): Promise<boolean> {
  if (url) {
    const res = await axios.post(`${url}/v1/submissions?wait=30`, { language, code, mode: 'submit', tests: { script } }, { validateStatus: () => true, timeout: 60_000 });
    if (res.status !== 200) throw new Error(`the judge answered ${res.status}: ${JSON.stringify(res.data).slice(0, 200)}`);
    return res.data?.verdict === 'accepted';
  }
  if (language === 'cpp' || language === 'java') return nativePassed(await runNative(language, code, script));
  const run = await runHarness(language, { code, script, cases: [], limits: { testTimeoutMs: 5000, outputBytes: 64 * 1024, valueBytes: 64 * 1024 } });
  const report = run.report;
  if (!report) throw new Error('no report (exit ' + run.exitCode + '): ' + run.stderr.slice(0, 300));
  return !report.compileError && !report.fatal && report.tests.length > 0 && report.tests.every((t) => t.status === 'ok');
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
}

async function checkLanguage(language: CorpusLanguage, url: string | undefined, concurrency: number, limit: number | undefined): Promise<Row> {
  const records = loadCorpus(language).slice(0, limit);
  const outcomes = await mapLimited(records, concurrency, async (r) => {
    const reference = await passes(language, codeOf(language, r, r.canonical_solution), r.test, url).catch((e: unknown) => {
      console.error(`${r.task_id} reference: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    });
    const buggy = await passes(language, codeOf(language, r, r.buggy_solution), r.test, url).catch((e: unknown) => {
      console.error(`${r.task_id} buggy: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    });
    // One line per record on stderr: a long run shows its progress (and its partial counts).
    console.error(`${r.task_id}: reference ${reference ? 'accepted' : 'REJECTED'}, bugged ${buggy ? 'ACCEPTED' : 'rejected'}`);
    return { id: r.task_id, reference, buggyRejected: !buggy };
  });
  const mismatches: string[] = [];
  for (const o of outcomes) {
    if (!o.reference) mismatches.push(o.id + ' (reference rejected)');
    if (!o.buggyRejected) mismatches.push(o.id + ' (buggy accepted)');
  }
  return {
    language,
    total: records.length,
    referencesAccepted: outcomes.filter((o) => o.reference).length,
    buggyRejected: outcomes.filter((o) => o.buggyRejected).length,
    mismatches,
  };
}

async function main(): Promise<void> {
  const { languages, url, concurrency, limit } = parseArgs(process.argv.slice(2));
  console.log(`HumanEvalPack check: ${url ? 'judge at ' + url : 'harnesses on this host'}, concurrency ${concurrency}`);
  const rows: Row[] = [];
  for (const language of languages) rows.push(await checkLanguage(language, url, concurrency, limit));
  console.log('');
  console.log('language    references accepted   bugged rejected   mismatches');
  let unexpected = 0;
  for (const row of rows) {
    console.log(
      `${row.language.padEnd(12)}${`${row.referencesAccepted}/${row.total}`.padEnd(22)}${`${row.buggyRejected}/${row.total}`.padEnd(18)}${row.mismatches.join(', ') || '-'}`,
    );
    unexpected += row.mismatches.filter((m) => !KNOWN_EXCEPTIONS.has(m.split(' ')[0] ?? '')).length;
  }
  if (unexpected > 0) {
    console.log(`\n${unexpected} unexpected mismatch(es)`);
    process.exitCode = 1;
  } else console.log('\nno unexpected mismatches (allowed to fail: ' + [...KNOWN_EXCEPTIONS].join(', ') + '; see KNOWN_EXCEPTIONS)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
});
