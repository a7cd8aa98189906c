/**
 * Stdin/stdout cases through the real judging path with no Docker: runJob, the real harnesses in
 * the process sandbox, the report frame and the verdict with judge-core/compare-output.ts.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputCompare, SubmissionRequest } from '../../protocol/index.js';
import type { JobCase, JudgeJob } from '../../judge-core/job.js';
import { buildJob } from '../../judge-core/build-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { SubmissionRejectedError } from '../../judge-core/errors.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { runJob } from '../../judge-core/run-job.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { runLimits } from '../../judge-server/worker/worker.js';
import { ProcessSandbox } from '../../judge-server/sandbox/process-sandbox.js';

const config = readWorkerConfig({ SANDBOX_WALL_TIME_MS: '20000', SANDBOX_TEST_TIMEOUT_MS: '3000' });
const limits = runLimits(config);
const sandbox = new ProcessSandbox({ tmpfsBytes: config.tmpfsMb * 1024 * 1024 });
afterAll(() => sandbox.close());

/** The languages the process sandbox runs (the compiled ones need the Docker sandbox's compile stage). */
type InterpretedLanguage = 'javascript' | 'python';

/** Sum of the numbers on the second line; the first line says how many there are. */
const SUM: Record<InterpretedLanguage, string> = {
  javascript: [
    'const [n, line] = require("fs").readFileSync(0, "utf8").split("\\n");',
    'console.error("read", n);',
    'console.log(line.trim().split(/\\s+/).slice(0, Number(n)).map(Number).reduce((a, b) => a + b, 0));',
  ].join('\n'),
  python: ['import sys', 'n = int(input())', 'print("read", n, file=sys.stderr)', 'print(sum(map(int, input().split()[:n])))'].join('\n'),
};
const WRONG_SUM: Record<InterpretedLanguage, string> = {
  javascript: 'const [, line] = require("fs").readFileSync(0, "utf8").split("\\n");\nconsole.log(line.split(" ").length);',
  python: 'input()\nprint(len(input().split()))',
};

const CASES: JobCase[] = [
  { name: 'three', input: '3\n1 2 3\n', expectedOutput: '6\n', hidden: false },
  { name: 'one', input: '1\n42', expectedOutput: '42', hidden: false },
  { name: 'secret', input: '2\n-7 9876543\n', expectedOutput: '9876536\n', hidden: true },
];

let counter = 0;
function job(language: InterpretedLanguage, code: string, cases: JobCase[] = CASES, compare?: OutputCompare): JudgeJob {
  return { id: `io-${++counter}`, language, code, cases, ...(compare ? { compare } : {}), submittedAt: Date.now() };
}

describe.each(['javascript', 'python'] as const)('stdin/stdout cases in %s', (language) => {
  it('accepts a program that prints the answers; stderr is console output, not the answer', async () => {
    const { result } = await runJob(job(language, SUM[language]), sandbox, limits);
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.tests.map((t) => [t.name, t.passed])).toEqual([['three', true], ['one', true], ['secret', true]]);
    expect(result.tests[0]).toMatchObject({ expected: '6\n', actual: '6\n', stdout: 'read 3\n' });
    // The hidden case shows nothing of its input or answer.
    expect(JSON.stringify(result)).not.toContain('9876');
    expect(result.tests[2]).toEqual({ name: 'secret', hidden: true, passed: true });
  });

  it('gives wrong_answer with the expected and the printed output side by side', async () => {
    const { result } = await runJob(job(language, WRONG_SUM[language]), sandbox, limits);
    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests[0]).toMatchObject({ name: 'three', passed: false, expected: '6\n', actual: '3\n' });
    expect(result.tests[2]).toEqual({ name: 'secret', hidden: true, passed: false });
  });

  it('runs the program afresh for each case (no state kept from an earlier case)', async () => {
    const code =
      language === 'python'
        ? 'import builtins\nbuiltins.__dict__.setdefault("runs", 0)\nruns = globals().get("runs", 0) + 1\nprint(runs)'
        : 'globalThis.runs = (globalThis.runs ?? 0) + 1;\nconsole.log(globalThis.runs);';
    const cases: JobCase[] = [
      { name: 'a', input: '', expectedOutput: '1', hidden: false },
      { name: 'b', input: '', expectedOutput: '1', hidden: false },
    ];
    const { result } = await runJob(job(language, code, cases), sandbox, limits);
    expect(result.verdict, JSON.stringify(result.tests)).toBe('accepted');
  });

  it('fails a program that ends with an error, and keeps what it printed as console output', async () => {
    const code = language === 'python' ? 'print(6)\nraise SystemExit(3)' : 'console.log(6);\nthrow new Error("bad input");';
    const { result } = await runJob(job(language, code, CASES.slice(0, 1)), sandbox, limits);
    expect(result.verdict).toBe('runtime_error');
    expect(result.tests[0]).toMatchObject({ passed: false, stdout: '6\n' });
    expect(result.tests[0]!.error).toMatch(language === 'python' ? /SystemExit: 3/ : /bad input/);
  });

  it('compares token-wise with a tolerance when the job says so', async () => {
    const code = language === 'python' ? 'print("%.7f" % (1 / 3))\nprint("  done")' : 'console.log((1 / 3).toFixed(7));\nconsole.log("  done");';
    const cases: JobCase[] = [{ name: 'third', input: '', expectedOutput: '0.333333333 done', hidden: false }];
    expect((await runJob(job(language, code, cases, { mode: 'tokens', tolerance: 1e-6 }), sandbox, limits)).result.verdict).toBe('accepted');
    expect((await runJob(job(language, code, cases), sandbox, limits)).result.verdict).toBe('wrong_answer');
  });

  it('reports a syntax error as compile_error', async () => {
    const { result } = await runJob(job(language, language === 'python' ? 'print(' : 'console.log(', CASES.slice(0, 1)), sandbox, limits);
    expect(result.verdict).toBe('compile_error');
  });
});

describe('buildJob with stdin/stdout cases', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(fileURLToPath(new URL('../../challenges/', import.meta.url)));
  });
  const build = (request: Omit<SubmissionRequest, 'code'>) => buildJob('b1', { code: 'print(1)', ...request }, catalog, 0);
  const refusal = (request: Omit<SubmissionRequest, 'code'>) => {
    try {
      build(request);
    } catch (error) {
      if (error instanceof SubmissionRejectedError) return error;
      throw error;
    }
    throw new Error('not refused');
  };
  const io = { name: 'mine', input: '1\n5\n', expectedOutput: '5' };

  it("carries a challenge's cases and compare rule, without an entry", () => {
    const job = build({ language: 'python', challengeId: 'mean-and-deviation', mode: 'submit' });
    expect(job.compare).toEqual({ mode: 'tokens', tolerance: 1e-6 });
    expect(job.entry).toBeUndefined();
    expect(job.cases.every((c) => 'input' in c && 'expectedOutput' in c)).toBe(true);
  });

  it('adds ad-hoc stdin/stdout cases to a run, or runs them with no challenge and no entry', () => {
    const run = build({ language: 'python', challengeId: 'word-frequencies', mode: 'run', tests: { cases: [io] } });
    expect(run.cases.at(-1)).toEqual({ ...io, hidden: false });
    const alone = build({ language: 'javascript', tests: { cases: [io] } });
    expect(alone.cases).toEqual([{ ...io, hidden: false }]);
    expect(alone.entry).toBeUndefined();
  });

  it('refuses cases of the other kind, and a script beside stdin/stdout cases, naming the field', () => {
    expect(refusal({ language: 'python', challengeId: 'word-frequencies', mode: 'run', tests: { cases: [{ name: 'f', args: [1], expected: 1 }] } })).toMatchObject({ field: 'tests.cases[0]' });
    expect(refusal({ language: 'python', challengeId: 'two-sum', mode: 'run', tests: { cases: [io] } })).toMatchObject({ field: 'tests.cases[0]' });
    expect(refusal({ language: 'python', tests: { entry: 'f', cases: [io, { name: 'f', args: [], expected: 1 }] } })).toMatchObject({ field: 'tests.cases[1]' });
    expect(refusal({ language: 'python', challengeId: 'word-frequencies', mode: 'run', tests: { script: 'assert True' } })).toMatchObject({ field: 'tests.script' });
  });
});
