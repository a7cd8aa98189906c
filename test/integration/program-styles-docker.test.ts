/**
 * The compiled languages judged as whole programs (judge-core/program-run.ts) through the real
 * Docker sandbox: stdin/stdout cases, one fresh run container per case, and script tests in the
 * language's own idiom (C/C++: a `main` with `assert`; Go and Rust in go-rust-programs-docker.test.ts),
 * and the catalog's stdin/stdout challenges in every compiled language. Needs the compiled family
 * images (`npm run build:sandbox`; SANDBOX_IMAGE picks the tag).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, isIoTest, type LanguageId, type SubmissionMode } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { CompileCache } from '../../judge-core/compile-cache.js';
import type { JobCase, JudgeJob } from '../../judge-core/job.js';
import { DEFAULT_COMPILE_LIMITS } from '../../judge-core/languages.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const sandbox = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
const gate = concurrencyGate(2);
const LIMITS: RunLimits = { ...VERDICT_TABLE_LIMITS, wallTimeMs: 4000 };

beforeAll(async () => {
  await sandbox.ready();
});
afterAll(async () => {
  await sandbox.close();
});

const CASES: JobCase[] = [
  { name: 'three', input: '3\n1 2 3\n', expectedOutput: '6\n', hidden: false },
  { name: 'secret', input: '2\n-7 9876543\n', expectedOutput: '9876536', hidden: true },
];

function judge(language: LanguageId, code: string, tests: { cases?: JobCase[]; script?: string }) {
  const job: JudgeJob = {
    id: `program-${language}-${Math.random().toString(36).slice(2, 8)}`,
    language,
    code,
    cases: tests.cases ?? [],
    ...(tests.script !== undefined ? { script: tests.script } : {}),
    submittedAt: Date.now(),
  };
  return gate(async () => (await runJob(job, sandbox, LIMITS, { compileCache: new CompileCache(), compileLimits: DEFAULT_COMPILE_LIMITS })).result);
}

const CPP_SUM = '#include <iostream>\nint main() {\n  long n, s = 0, x;\n  std::cin >> n;\n  for (long i = 0; i < n; i++) { std::cin >> x; s += x; }\n  std::cerr << "read " << n << "\\n";\n  std::cout << s << "\\n";\n}\n';

describe('stdin/stdout cases in C and C++', () => {
  it('accepts a C++ program that prints the sums; stderr is console output; the hidden case shows nothing', async () => {
    const result = await judge('cpp', CPP_SUM, { cases: CASES });
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.tests[0]).toMatchObject({ name: 'three', passed: true, expected: '6\n', actual: '6\n', stdout: 'read 3\n' });
    expect(result.tests[1]).toEqual({ name: 'secret', hidden: true, passed: true });
  });

  it('accepts the same program in C', async () => {
    const code = '#include <stdio.h>\nint main(void) {\n  long n, s = 0, x;\n  if (scanf("%ld", &n) != 1) return 1;\n  for (long i = 0; i < n; i++) { scanf("%ld", &x); s += x; }\n  printf("%ld\\n", s);\n  return 0;\n}\n';
    expect((await judge('c', code, { cases: CASES })).verdict).toBe('accepted');
  });

  it('gives wrong_answer with both outputs, runtime_error for a non-zero exit, time_limit_exceeded for a loop', async () => {
    const [wrong, exit, loop] = await Promise.all([
      judge('cpp', CPP_SUM.replace('s += x', 's -= x'), { cases: CASES }),
      judge('cpp', '#include <cstdio>\nint main() { std::puts("6"); return 3; }\n', { cases: CASES }),
      judge('cpp', 'int main() { volatile long x = 0; for (;;) x++; }\n', { cases: CASES }),
    ]);
    expect(wrong.verdict).toBe('wrong_answer');
    expect(wrong.tests[0]).toMatchObject({ passed: false, expected: '6\n', actual: '-6\n' });
    expect(exit.verdict).toBe('runtime_error');
    expect(exit.tests[0]).toMatchObject({ passed: false, error: expect.stringMatching(/exited with code 3/), stdout: '6\n' });
    expect(loop.verdict).toBe('time_limit_exceeded');
  });

  it('reports a compile error with its line', async () => {
    const result = await judge('cpp', 'int main() {\n  return undeclared;\n}\n', { cases: CASES });
    expect(result.verdict).toBe('compile_error');
    expect(result.error?.line).toBe(2);
  });
});

describe('script tests in C and C++: a main with assert', () => {
  const CODE = 'int add(int a, int b) {\n  return a + b;\n}\n';
  const TESTS = '#include <cassert>\n#include <cstdio>\nint main() {\n  assert(add(1, 2) == 3);\n  std::puts("checked");\n  assert(add(2, 2) == 4);\n}\n';

  it('passes when main returns, with its output', async () => {
    const result = await judge('cpp', CODE, { script: TESTS });
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.tests).toEqual([expect.objectContaining({ name: 'tests', passed: true, stdout: 'checked\n' })]);
  });

  it('fails on an assertion with its message and its line in the test code', async () => {
    const result = await judge('cpp', CODE.replace('a + b', 'a - b'), { script: TESTS });
    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests[0]).toMatchObject({ name: 'tests', passed: false, line: 4, error: expect.stringMatching(/Assertion `add\(1, 2\) == 3' failed/) });
  });

  it('fails on a crash or a non-zero exit, in C too', async () => {
    const [crash, c] = await Promise.all([
      judge('cpp', 'int add(int a, int b) { volatile int* p = 0; return *p; }\n', { script: TESTS }),
      judge('c', 'int add(int a, int b) { return a + b; }\n', { script: '#include <assert.h>\nint main(void) {\n  assert(add(1, 2) == 3);\n  return add(1, 1) == 3 ? 0 : 1;\n}\n' }),
    ]);
    expect(crash.verdict).toBe('runtime_error');
    expect(crash.tests[0]?.error).toMatch(/SIGSEGV/);
    expect(c.verdict).toBe('runtime_error');
    expect(c.tests[0]?.error).toMatch(/exited with code 1/);
  });
});

describe('Java as a whole program: a Main class reading stdin, and a Main class whose checks throw', () => {
  // javac and the JVM start slowly on a loaded machine: a longer deadline for the Java runs.
  const javaLimits = { ...DEFAULT_COMPILE_LIMITS, wallTimeMs: 90_000 };
  const judgeJava = (code: string, tests: { cases?: JobCase[]; script?: string }) => {
    const job: JudgeJob = { id: `program-java-${Math.random().toString(36).slice(2, 8)}`, language: 'java', code, cases: tests.cases ?? [], ...(tests.script !== undefined ? { script: tests.script } : {}), submittedAt: Date.now() };
    return gate(async () => (await runJob(job, sandbox, { ...LIMITS, wallTimeMs: 15_000 }, { compileCache: new CompileCache(), compileLimits: javaLimits })).result);
  };
  const SOLUTION = 'class Solution {\n  int add(int a, int b) {\n    return a + b;\n  }\n}\n';
  const TESTS = 'public class Main {\n  public static void main(String[] args) {\n    Solution s = new Solution();\n    if (s.add(1, 2) != 3) throw new AssertionError("add(1, 2) should be 3");\n    System.out.println("checked");\n  }\n}\n';

  it('judges stdin/stdout cases, and script tests that pass, fail an assertion or throw', async () => {
    const sum = 'import java.util.Scanner;\npublic class Main {\n  public static void main(String[] args) {\n    Scanner in = new Scanner(System.in);\n    long n = in.nextLong(), s = 0;\n    for (long i = 0; i < n; i++) s += in.nextLong();\n    System.out.println(s);\n  }\n}\n';
    const [io, passing, failing, throwing] = await Promise.all([
      judgeJava(sum, { cases: CASES }),
      judgeJava(SOLUTION, { script: TESTS }),
      judgeJava(SOLUTION.replace('a + b', 'a - b'), { script: TESTS }),
      judgeJava(SOLUTION.replace('return a + b;', 'throw new IllegalStateException("no");'), { script: TESTS }),
    ]);
    expect(io.verdict, JSON.stringify(io)).toBe('accepted');
    expect(io.tests[0]).toMatchObject({ passed: true, actual: '6\n' });
    expect(passing.verdict, JSON.stringify(passing)).toBe('accepted');
    expect(passing.tests[0]).toMatchObject({ name: 'tests', passed: true, stdout: 'checked\n' });
    expect(failing.verdict).toBe('wrong_answer');
    expect(failing.tests[0]).toMatchObject({ passed: false, line: 4, error: expect.stringMatching(/AssertionError: add\(1, 2\) should be 3/) });
    expect(throwing.verdict).toBe('runtime_error');
    expect(throwing.tests[0]).toMatchObject({ passed: false, line: 3, error: expect.stringMatching(/IllegalStateException: no/) });
  }, 300_000);
});

describe('the stdin/stdout challenges of the catalog in every compiled language', () => {
  const dir = fileURLToPath(new URL('../../challenges/', import.meta.url));
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(dir);
  });
  const judgeFile = async (id: string, language: LanguageId, file: string, mode: SubmissionMode) => {
    const code = await readFile(`${dir}${id}/${file}.${LANGUAGES[language].extension}`, 'utf8');
    const job = buildJob(`catalog-${id}-${language}-${file.replace(/\W/g, '')}`, { language, code, challengeId: id, mode }, catalog, Date.now());
    // g++ on <map> and lambdas takes seconds, and far more on a loaded two-core machine; so does a
    // JVM's start, hence Java's longer run deadline.
    const limits = language === 'java' ? { ...LIMITS, wallTimeMs: 15_000 } : LIMITS;
    return gate(async () => (await runJob(job, sandbox, limits, { compileCache: new CompileCache(), compileLimits: { ...DEFAULT_COMPILE_LIMITS, wallTimeMs: 90_000 } })).result);
  };

  for (const id of ['word-frequencies', 'mean-and-deviation']) {
    for (const language of ['c', 'cpp', 'java', 'go', 'rust'] as const) {
      it(`${id}: the ${language} reference passes every test, the wrong solution fails a visible one, the starter is not accepted`, async () => {
        expect(catalog.get(id)!.tests.every(isIoTest)).toBe(true);
        const [reference, wrong, starter] = await Promise.all([
          judgeFile(id, language, 'solutions/reference', 'submit'),
          judgeFile(id, language, 'solutions/wrong', 'run'),
          judgeFile(id, language, 'starter', 'run'),
        ]);
        expect(reference.verdict, JSON.stringify(reference.tests.filter((t) => !t.passed)).slice(0, 1500)).toBe('accepted');
        expect(reference.tests).toHaveLength(catalog.get(id)!.tests.length);
        expect(wrong.tests.some((t) => !t.hidden && !t.passed)).toBe(true);
        expect(starter.verdict).not.toBe('accepted');
      }, 300_000);
    }
  }
});
