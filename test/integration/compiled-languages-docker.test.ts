/**
 * The compiled languages through the real Docker sandbox: the compile stage and the run stage in
 * their own containers, per language a verdict table (accepted, wrong answer, compile error with its
 * line, runtime error, time limit, memory limit), the compile cache, the compile stage's walls (a
 * fork bomb, an #include of /dev/random) and the run stage's refusal of new processes.
 * Needs the family images (`npm run build:sandbox`; SANDBOX_IMAGE picks the tag).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageId, Signature, SubmissionResult, Verdict } from '../../protocol/index.js';
import { CompileCache } from '../../judge-core/compile-cache.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { DEFAULT_COMPILE_LIMITS } from '../../judge-core/languages.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import type { CompileLimits, Sandbox } from '../../judge-core/sandbox.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const sandbox = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
// Two builds at once at most: one engine, two cores.
const gate = concurrencyGate(2);

const ADD: Signature = { params: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], returns: 'int' };
const CASES = [
  { name: 'one plus two', args: [1, 2], expected: 3, hidden: false },
  { name: 'hidden sum', args: [20, 22], expected: 42, hidden: true },
];
// Compiled code needs no 20 s to start: 12 s leaves a loaded machine room to fill 256 MiB, and
// the time-limit rows ask for 4 s to stay quick.
const LIMITS: RunLimits = { ...VERDICT_TABLE_LIMITS, wallTimeMs: 12_000 };
const TIME_LIMIT_WALL_MS = 4000;
// A loaded two-core machine can make g++ slow; no row here is about the compile deadline but the
// /dev/random one, which sets its own.
const COMPILE_LIMITS: CompileLimits = { ...DEFAULT_COMPILE_LIMITS, wallTimeMs: 90_000 };

interface Row {
  what: string;
  language: LanguageId;
  code: string;
  verdict: Verdict;
  check?: (result: SubmissionResult) => void;
}

/** The time-limit rows' deadline. */
const quick = { wallTimeMs: TIME_LIMIT_WALL_MS };

function judge(
  language: LanguageId,
  code: string,
  options: { cache?: CompileCache; sandbox?: Sandbox; compileLimits?: CompileLimits; wallTimeMs?: number } = {},
) {
  const job: JudgeJob = {
    id: `compiled-${language}-${Math.random().toString(36).slice(2, 8)}`,
    language,
    code,
    entry: 'add',
    signature: ADD,
    cases: CASES,
    submittedAt: Date.now(),
  };
  return gate(async () =>
    (await runJob(job, options.sandbox ?? sandbox, { ...LIMITS, wallTimeMs: options.wallTimeMs ?? LIMITS.wallTimeMs }, { compileCache: options.cache ?? new CompileCache(), compileLimits: options.compileLimits ?? COMPILE_LIMITS })).result,
  );
}

const C_ROWS: Row[] = [
  { what: 'accepted', language: 'c', code: 'int add(int a, int b) { return a + b; }\n', verdict: 'accepted' },
  {
    what: 'wrong answer with expected and actual',
    language: 'c',
    code: '#include <stdio.h>\nint add(int a, int b) { printf("adding %d\\n", a); return a - b; }\n',
    verdict: 'wrong_answer',
    check: (result) => {
      expect(result.tests[0]).toMatchObject({ passed: false, expected: 3, actual: -1, stdout: 'adding 1\n' });
      expect(result.tests[1]).not.toHaveProperty('actual');
    },
  },
  {
    what: 'compile error with its line',
    language: 'c',
    code: 'int add(int a, int b) {\n  return a + ;\n}\n',
    verdict: 'compile_error',
    check: (result) => {
      expect(result.error?.line).toBe(2);
      expect(result.error?.message).toMatch(/solution\.c:2:\d+: error/);
      expect(result.tests.every((test) => !test.passed)).toBe(true);
    },
  },
  {
    what: 'compile error for a function that does not match the signature',
    language: 'c',
    code: '\ndouble add(double a, double b) { return a + b; }\n',
    verdict: 'compile_error',
    check: (result) => expect(result.error?.line).toBe(2),
  },
  {
    what: 'runtime error from a crash',
    language: 'c',
    code: 'int add(int a, int b) { volatile int* p = 0; return *p + a + b; }\n',
    verdict: 'runtime_error',
  },
  { what: 'time limit', language: 'c', code: 'int add(int a, int b) { volatile int x = 0; for (;;) x++; return a + b; }\n', verdict: 'time_limit_exceeded' },
  {
    what: 'memory limit',
    language: 'c',
    code: '#include <stdlib.h>\n#include <string.h>\nint add(int a, int b) { for (;;) { char* p = malloc(1 << 24); if (!p) return -1; memset(p, 1, 1 << 24); } }\n',
    verdict: 'memory_limit_exceeded',
  },
  {
    what: 'fork refused in the run stage',
    language: 'c',
    code: '#include <unistd.h>\nint add(int a, int b) { pid_t pid = fork(); if (pid == 0) _exit(0); return pid < 0 ? a + b : -1; }\n',
    verdict: 'accepted',
  },
];

const CPP_ROWS: Row[] = [
  { what: 'accepted', language: 'cpp', code: 'int add(int a, int b) { return a + b; }\n', verdict: 'accepted' },
  {
    what: 'wrong answer with expected and actual',
    language: 'cpp',
    code: '#include <iostream>\nint add(int a, int b) { std::cout << "adding " << a << std::endl; return a - b; }\n',
    verdict: 'wrong_answer',
    check: (result) => expect(result.tests[0]).toMatchObject({ passed: false, expected: 3, actual: -1, stdout: 'adding 1\n' }),
  },
  {
    what: 'compile error with its line',
    language: 'cpp',
    code: '#include <vector>\n\nint add(int a, int b) {\n  return a + undeclared;\n}\n',
    verdict: 'compile_error',
    check: (result) => {
      expect(result.error?.line).toBe(4);
      expect(result.error?.message).toMatch(/undeclared/);
    },
  },
  {
    what: 'runtime error from an exception, with its message',
    language: 'cpp',
    code: '#include <stdexcept>\nint add(int a, int b) { throw std::runtime_error("boom from user code"); }\n',
    verdict: 'runtime_error',
    check: (result) => expect(result.tests[0]?.error).toMatch(/boom from user code/),
  },
  { what: 'time limit', language: 'cpp', code: 'int add(int a, int b) { volatile int x = 0; for (;;) x++; return a + b; }\n', verdict: 'time_limit_exceeded' },
  {
    what: 'memory limit',
    language: 'cpp',
    code: '#include <vector>\nint add(int a, int b) { std::vector<std::vector<char>> hoard; for (;;) hoard.emplace_back(1 << 24, 1); }\n',
    verdict: 'memory_limit_exceeded',
  },
];

const JAVA_ROWS: Row[] = [
  { what: 'accepted', language: 'java', code: 'class Solution {\n  public int add(int a, int b) { return a + b; }\n}\n', verdict: 'accepted' },
  {
    what: 'wrong answer with its output',
    language: 'java',
    code: 'class Solution {\n  public int add(int a, int b) { System.out.println("adding " + a); return a - b; }\n}\n',
    verdict: 'wrong_answer',
    check: (result) => expect(result.tests[0]).toMatchObject({ passed: false, expected: 3, actual: -1, stdout: 'adding 1\n' }),
  },
  {
    what: 'compile error with its line',
    language: 'java',
    code: 'class Solution {\n  public int add(int a, int b) {\n    return a + undeclared;\n  }\n}\n',
    verdict: 'compile_error',
    check: (result) => expect(result.error?.line).toBe(3),
  },
  {
    what: 'runtime error from an exception, with its line',
    language: 'java',
    code: 'class Solution {\n  public int add(int a, int b) {\n    throw new IllegalStateException("boom from user code");\n  }\n}\n',
    verdict: 'runtime_error',
    check: (result) => expect(result.tests[0]).toMatchObject({ line: 3, error: expect.stringMatching(/boom from user code/) as unknown }),
  },
  { what: 'time limit', language: 'java', code: 'class Solution {\n  public int add(int a, int b) { while (true) {} }\n}\n', verdict: 'time_limit_exceeded' },
  {
    what: 'memory limit',
    language: 'java',
    code: 'import java.util.*;\nclass Solution {\n  public int add(int a, int b) { List<long[]> hoard = new ArrayList<>(); while (true) hoard.add(new long[1 << 20]); }\n}\n',
    verdict: 'memory_limit_exceeded',
  },
];

const GO_ROWS: Row[] = [
  { what: 'accepted', language: 'go', code: 'package main\n\nfunc add(a int, b int) int { return a + b }\n', verdict: 'accepted' },
  {
    what: 'wrong answer with its output',
    language: 'go',
    code: 'package main\n\nimport "fmt"\n\nfunc add(a int, b int) int { fmt.Println("adding", a); return a - b }\n',
    verdict: 'wrong_answer',
    check: (result) => expect(result.tests[0]).toMatchObject({ passed: false, expected: 3, actual: -1, stdout: 'adding 1\n' }),
  },
  {
    what: 'compile error with its line',
    language: 'go',
    code: 'package main\n\nfunc add(a int, b int) int {\n\treturn a + undeclared\n}\n',
    verdict: 'compile_error',
    check: (result) => expect(result.error?.line).toBe(4),
  },
  {
    what: 'runtime error from a panic, with its line',
    language: 'go',
    code: 'package main\n\nfunc add(a int, b int) int {\n\tpanic("boom from user code")\n}\n',
    verdict: 'runtime_error',
    check: (result) => expect(result.tests[0]).toMatchObject({ line: 4, error: expect.stringMatching(/boom from user code/) as unknown }),
  },
  { what: 'time limit', language: 'go', code: 'package main\n\nfunc add(a int, b int) int {\n\tfor {\n\t}\n}\n', verdict: 'time_limit_exceeded' },
  {
    what: 'memory limit',
    language: 'go',
    code: 'package main\n\nvar hoard [][]byte\n\nfunc add(a int, b int) int {\n\tfor {\n\t\tchunk := make([]byte, 1<<24)\n\t\tfor i := range chunk {\n\t\t\tchunk[i] = 1\n\t\t}\n\t\thoard = append(hoard, chunk)\n\t}\n}\n',
    verdict: 'memory_limit_exceeded',
  },
];

const RUST_ROWS: Row[] = [
  { what: 'accepted', language: 'rust', code: 'fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n', verdict: 'accepted' },
  {
    what: 'compile error with its line',
    language: 'rust',
    code: 'fn add(a: i32, b: i32) -> i32 {\n    a + undeclared\n}\n',
    verdict: 'compile_error',
    check: (result) => expect(result.error?.line).toBe(2),
  },
  {
    what: 'runtime error from a panic, with its line',
    language: 'rust',
    code: 'fn add(a: i32, b: i32) -> i32 {\n    if a < 100 {\n        panic!("boom from user code");\n    }\n    b\n}\n',
    verdict: 'runtime_error',
    check: (result) => expect(result.tests[0]).toMatchObject({ line: 3, error: expect.stringMatching(/boom from user code/) as unknown }),
  },
  { what: 'time limit', language: 'rust', code: 'fn add(a: i32, b: i32) -> i32 {\n    let mut x = a;\n    loop {\n        unsafe { std::ptr::write_volatile(&mut x, x.wrapping_add(b)) };\n    }\n}\n', verdict: 'time_limit_exceeded' },
  {
    what: 'memory limit',
    language: 'rust',
    code: 'fn add(a: i32, b: i32) -> i32 {\n    let mut hoard: Vec<Vec<u8>> = Vec::new();\n    loop {\n        hoard.push(vec![1u8; 1 << 24]);\n        if hoard.len() > 1_000_000 {\n            return a + b;\n        }\n    }\n}\n',
    verdict: 'memory_limit_exceeded',
  },
];

beforeAll(async () => {
  await sandbox.ready();
});

afterAll(async () => {
  await sandbox.close();
});

describe.concurrent.each([...C_ROWS, ...CPP_ROWS, ...JAVA_ROWS, ...GO_ROWS, ...RUST_ROWS].map((row) => [`${row.language}: ${row.what}`, row] as const))('docker sandbox, %s', (_, row) => {
  it(`gives ${row.verdict}`, async () => {
    const result = await judge(row.language, row.code, row.verdict === 'time_limit_exceeded' ? quick : {});
    expect(result.verdict, JSON.stringify(result).slice(0, 1500)).toBe(row.verdict);
    expect(result.sandbox).toBe('docker');
    row.check?.(result);
  });
});

describe.concurrent('the compile stage', () => {
  it('compiles the same code once for a Run and a Submit (cache by toolchain, flags and code)', async () => {
    const cache = new CompileCache();
    let compiles = 0;
    const counting: Sandbox = {
      kind: 'docker',
      run: (request) => sandbox.run(request),
      compile: (request) => {
        compiles++;
        return sandbox.compile(request);
      },
      toolchainId: (language) => sandbox.toolchainId(language),
      ready: () => sandbox.ready(),
      close: async () => undefined,
    };
    const code = 'int add(int a, int b) { return b + a; }\n';
    expect((await judge('cpp', code, { cache, sandbox: counting })).verdict).toBe('accepted');
    expect((await judge('cpp', code, { cache, sandbox: counting })).verdict).toBe('accepted');
    expect(compiles).toBe(1);
    expect(cache.hits).toBe(1);
    // Other code is another build.
    expect((await judge('cpp', `${code}// changed\n`, { cache, sandbox: counting })).verdict).toBe('accepted');
    expect(compiles).toBe(2);
  });

  // The run stage's /box holds any build the compile stage lets through (its artefact limit,
  // 32 MiB), whatever SANDBOX_TMPFS_MB gives /tmp (16 MiB here): a 20 MiB program runs; a 40 MiB
  // one is refused by the compile stage with its size in the message, never a loader crash.
  it('runs a 20 MiB program and refuses a 40 MiB one with a clear compile error', async () => {
    // volatile: the array is read at run time, so the compiler keeps all of it in the program.
    const sized = (mib: number) => `static volatile char big[${mib} << 20] = {1};\nint add(int a, int b) { return a + b + big[12345] + big[0] - 1; }\n`;
    const [fits, tooBig] = await Promise.all([judge('c', sized(20)), judge('c', sized(40))]);
    expect(fits.verdict, JSON.stringify(fits).slice(0, 800)).toBe('accepted');
    expect(tooBig.verdict, JSON.stringify(tooBig).slice(0, 800)).toBe('compile_error');
    expect(tooBig.error?.message).toBe('The build is larger than 32 MiB');
  });

  it('ends a build that includes /dev/random as a compile error', async () => {
    const started = Date.now();
    const result = await judge('c', '#include "/dev/random"\nint add(int a, int b) { return a + b; }\n', {
      compileLimits: { ...COMPILE_LIMITS, wallTimeMs: 5000, memoryBytes: 256 * 1024 * 1024 },
    });
    expect(result.verdict, JSON.stringify(result).slice(0, 800)).toBe('compile_error');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('holds a fork bomb in the compile stage to its pids limit and deadline', async () => {
    const started = Date.now();
    const outcome = await gate(() =>
      sandbox.compile({
        jobId: 'compile-fork-bomb',
        language: 'c',
        files: [{ name: 'solution.c', text: 'int add(int a, int b) { return a + b; }\n' }],
        // What a build would be if a compiler were driven to fork without end.
        command: ['sh', '-c', 'bomb() { bomb | bomb & }; bomb; sleep 60'],
        limits: { ...COMPILE_LIMITS, wallTimeMs: 4000, pids: 32 },
      }),
    );
    expect(outcome.artefact).toBeUndefined();
    expect(outcome.timedOut || outcome.exitCode !== 0).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
