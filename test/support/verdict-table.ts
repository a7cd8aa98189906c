/**
 * One verdict table for every sandbox: the same submissions, run through the real `runJob` (real
 * harness, real report framing, real verdict), must get the same verdicts and the same details
 * whether Docker or the process sandbox runs them. verdict-table-docker.test.ts and
 * verdict-table-process.test.ts only choose the sandbox.
 */
import { expect } from 'vitest';
import type { LanguageId, SubmissionResult, Verdict } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import type { Sandbox } from '../../judge-core/sandbox.js';

/**
 * The worker's defaults (judge-server/worker/config.ts), except a longer wall-clock deadline: no
 * row depends on it (time-limit rows stop at the per-test budget), and on a shared two-core
 * machine a one-CPU container can take most of the default 8 s just to start the JavaScript
 * harness. Time-limit rows ask for the worker's 2 s per-test budget (the job's own
 * `testTimeoutMs`, clamped by this maximum); the other rows ask for 5 s, so that only their own
 * behaviour, not a slow start on a loaded machine (the JavaScript harness allows 2 budgets plus
 * 1.5 s to load), decides their verdict.
 */
export const VERDICT_TABLE_LIMITS: RunLimits = {
  wallTimeMs: 20_000,
  testTimeoutMs: 5000,
  memoryBytes: 256 * 1024 * 1024,
  cpus: 1,
  pids: 64,
  outputBytes: 256 * 1024,
  valueBytes: 256 * 1024,
  rawOutputBytes: Math.ceil((256 * 1024 + 256 * 1024 * 8) * 1.4) + 64 * 1024,
};

export const VERDICT_TABLE_TMPFS_BYTES = 16 * 1024 * 1024;

export interface VerdictRow {
  /** What the row shows, e.g. "wrong answer with expected and actual". */
  what: string;
  language: LanguageId;
  code: string;
  verdict: Verdict;
  /** Per-test budget this row asks for (default 5000 ms). */
  testTimeoutMs?: number;
  /** Further expectations on the result, the same for every sandbox. */
  check?: (result: SubmissionResult) => void;
  /** The row's program reads two numbers on stdin and prints their sum (IO_CASES), instead of defining `add`. */
  io?: boolean;
}

const IO_CASES = [
  { name: 'one plus two', input: '1 2\n', expectedOutput: '3\n', hidden: false },
  { name: 'hidden sum', input: '20 22\n', expectedOutput: '42\n', hidden: true },
];

/** Stdin/stdout rows per language: the verdicts a program gets are those a function gets. */
function ioRows(language: LanguageId, code: { sum: string; difference: string; loop: string; exit: string }): VerdictRow[] {
  return [
    { what: 'stdin/stdout accepted', language, io: true, code: code.sum, verdict: 'accepted' },
    {
      what: 'stdin/stdout wrong answer with expected and printed output',
      language,
      io: true,
      code: code.difference,
      verdict: 'wrong_answer',
      check: (result) => {
        expect(result.tests[0]).toMatchObject({ name: 'one plus two', passed: false, expected: '3\n', actual: '-1\n' });
        expect(result.tests[1]).toEqual({ name: 'hidden sum', hidden: true, passed: false });
      },
    },
    { what: 'stdin/stdout time limit', language, io: true, code: code.loop, verdict: 'time_limit_exceeded', testTimeoutMs: 2000 },
    { what: 'stdin/stdout runtime error', language, io: true, code: code.exit, verdict: 'runtime_error' },
  ];
}

const ADD_CASES = [
  { name: 'one plus two', args: [1, 2], expected: 3, hidden: false },
  { name: 'hidden sum', args: [20, 22], expected: 42, hidden: true },
];

// Report-shaped lines with guessed nonces, claiming every test passed.
const FAKE_REPORT = Buffer.from(
  JSON.stringify({ tests: ADD_CASES.map((c) => ({ name: c.name, kind: 'case', status: 'ok', value: c.expected, timeMs: 1 })), stdout: '', outputLimitExceeded: false }),
).toString('base64');

const javascript: VerdictRow[] = [
  { what: 'accepted', language: 'javascript', code: 'function add(a, b) { return a + b; }', verdict: 'accepted' },
  {
    what: 'wrong answer with expected and actual',
    language: 'javascript',
    code: 'function add(a, b) { return a - b; }',
    verdict: 'wrong_answer',
    check: (result) => {
      expect(result.tests[0]).toMatchObject({ name: 'one plus two', passed: false, expected: 3, actual: -1 });
      expect(result.tests[1]).not.toHaveProperty('actual');
    },
  },
  { what: 'time limit', language: 'javascript', code: 'function add() { for (;;) {} }', verdict: 'time_limit_exceeded', testTimeoutMs: 2000 },
  {
    what: 'memory limit',
    language: 'javascript',
    code: 'function add() { const hoard = []; for (;;) hoard.push(new Array(1e7).fill(Math.random())); }',
    verdict: 'memory_limit_exceeded',
  },
  {
    what: 'runtime error with its message and line',
    language: 'javascript',
    code: 'function add(a, b) {\n  throw new Error("boom from user code");\n}',
    verdict: 'runtime_error',
    check: (result) => {
      expect(result.error?.message).toMatch(/boom from user code/);
      expect(result.error?.line).toBe(2);
    },
  },
  {
    what: 'compile error with its line',
    language: 'javascript',
    code: 'function add(a, b) {\n  return a +* b;\n}',
    verdict: 'compile_error',
    check: (result) => {
      expect(result.error?.message).toMatch(/SyntaxError/);
      expect(result.error?.line).toBe(2);
    },
  },
  {
    what: 'output limit',
    language: 'javascript',
    code: 'function add(a, b) { const line = "x".repeat(1023); for (let i = 0; i < 10240; i++) console.log(line); return a + b; }',
    verdict: 'output_limit_exceeded',
  },
  {
    what: 'a forged report',
    language: 'javascript',
    code: `function add(a, b) {\n  for (const nonce of ['', 'nonce', '0000']) console.log('\\n@@pairjudge-report:' + nonce + ' ${FAKE_REPORT}\\n');\n  return 0;\n}`,
    verdict: 'wrong_answer',
  },
];

const python: VerdictRow[] = [
  { what: 'accepted', language: 'python', code: 'def add(a, b):\n    return a + b\n', verdict: 'accepted' },
  {
    what: 'wrong answer with expected and actual',
    language: 'python',
    code: 'def add(a, b):\n    return a - b\n',
    verdict: 'wrong_answer',
    check: (result) => {
      expect(result.tests[0]).toMatchObject({ name: 'one plus two', passed: false, expected: 3, actual: -1 });
      expect(result.tests[1]).not.toHaveProperty('actual');
    },
  },
  { what: 'time limit', language: 'python', code: 'def add(a, b):\n    while True:\n        pass\n', verdict: 'time_limit_exceeded', testTimeoutMs: 2000 },
  {
    what: 'memory limit',
    language: 'python',
    code: 'def add(a, b):\n    hoard = []\n    while True:\n        hoard.append(bytearray(16 * 1024 * 1024))\n',
    verdict: 'memory_limit_exceeded',
  },
  {
    what: 'runtime error with its message and line',
    language: 'python',
    code: 'def add(a, b):\n    raise ValueError("boom from user code")\n',
    verdict: 'runtime_error',
    check: (result) => {
      expect(result.error?.message).toMatch(/ValueError: boom from user code/);
      expect(result.error?.line).toBe(2);
    },
  },
  {
    what: 'compile error with its line',
    language: 'python',
    code: 'def add(a, b):\n    return a +* b\n',
    verdict: 'compile_error',
    check: (result) => {
      expect(result.error?.message).toMatch(/SyntaxError/);
      expect(result.error?.line).toBe(2);
    },
  },
  {
    what: 'output limit',
    language: 'python',
    code: 'import os\n\ndef add(a, b):\n    line = "x" * 1023\n    for _ in range(10240):\n        print(line)\n    return a + b\n',
    verdict: 'output_limit_exceeded',
  },
  {
    what: 'a forged report',
    language: 'python',
    code: `import os\n\ndef add(a, b):\n    for nonce in ["", "nonce", "0000"]:\n        frame = "\\n@@pairjudge-report:" + nonce + " ${FAKE_REPORT}\\n"\n        print(frame)\n        os.write(1, frame.encode())\n    return 0\n`,
    verdict: 'wrong_answer',
  },
];

const READ_JS = 'const [a, b] = require("fs").readFileSync(0, "utf8").split(" ").map(Number);';
const READ_PY = 'a, b = map(int, input().split())';

export const VERDICT_TABLE: VerdictRow[] = [
  ...javascript,
  ...python,
  ...ioRows('javascript', {
    sum: `${READ_JS}\nconsole.log(a + b);`,
    difference: `${READ_JS}\nconsole.log(a - b);`,
    loop: 'for (;;) {}',
    exit: `${READ_JS}\nconsole.log(a + b);\nthrow new Error("after the answer");`,
  }),
  ...ioRows('python', {
    sum: `${READ_PY}\nprint(a + b)`,
    difference: `${READ_PY}\nprint(a - b)`,
    loop: 'while True:\n    pass',
    exit: `import sys\n${READ_PY}\nprint(a + b)\nsys.exit(1)`,
  }),
];

/**
 * Lets `count` calls run at once. The tests start every row concurrently; on a two-core machine
 * shared with other runs, more than two sandboxes at once would turn start-up time into time-limit
 * verdicts.
 */
export function concurrencyGate(count: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= count) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const gate = concurrencyGate(2);

/** Judges one row with `add` as the entry: one visible and one hidden case. At most two rows run at once. */
export function judgeRow(row: VerdictRow, sandbox: Sandbox, limits: RunLimits = VERDICT_TABLE_LIMITS): Promise<SubmissionResult> {
  return gate(() => judgeNow(row, sandbox, limits));
}

async function judgeNow(row: VerdictRow, sandbox: Sandbox, limits: RunLimits): Promise<SubmissionResult> {
  const job: JudgeJob = {
    id: `verdict-${row.language}-${row.what.replace(/\W+/g, '-')}`,
    language: row.language,
    code: row.code,
    ...(row.io ? { cases: IO_CASES } : { entry: 'add', cases: ADD_CASES }),
    testTimeoutMs: row.testTimeoutMs ?? 5000,
    submittedAt: Date.now(),
  };
  return (await runJob(job, sandbox, limits)).result;
}

/** The table's expectations for one result, whatever the sandbox. */
export function expectRow(row: VerdictRow, result: SubmissionResult): void {
  expect(result.verdict, JSON.stringify({ ...result, stdout: result.stdout.slice(0, 300) })).toBe(row.verdict);
  row.check?.(result);
}
