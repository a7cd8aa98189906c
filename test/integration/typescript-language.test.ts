/**
 * TypeScript end to end through both real sandboxes: the Docker image (the compiler it ships, in
 * the js image) and the process sandbox (the repository's copy, the same harness files). Each job
 * goes through buildJob and runJob as the worker runs it. What it shows: a type error is reported
 * with its line and column and does not fail the run; a syntax error is a compile error at its
 * line; a runtime error points at the TypeScript line, not the JavaScript one; and the three test
 * styles (function cases, script tests, stdin/stdout cases) work in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdHocTests, SubmissionResult } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import { createCatalog } from '../../judge-core/catalog.js';
import { runJob } from '../../judge-core/run-job.js';
import type { Sandbox } from '../../judge-core/sandbox.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { ProcessSandbox } from '../../judge-server/sandbox/process-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES } from '../support/verdict-table.js';

const catalog = createCatalog([]);
// These tests are about what TypeScript answers: a cold container loads the compiler (a second or
// more of CPU, many on a loaded two-core machine), which must not turn into a time limit here.
const LIMITS = { ...VERDICT_TABLE_LIMITS, wallTimeMs: 30_000 };
let counter = 0;

const TWO_SUM_CASES: AdHocTests = {
  entry: 'twoSum',
  cases: [
    { name: 'example', args: [[2, 7, 11, 15], 9], expected: [0, 1] },
    { name: 'equal values', args: [[3, 3], 6], expected: [0, 1] },
  ],
};

// README's TypeScript example: line 3 assigns a number to a string, a type error, and the code
// still answers right.
const WITH_TYPE_ERROR = `function twoSum(nums: number[], target: number): number[] {
  const seen = new Map<number, number>();
  const label: string = nums.length;
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]!);
    if (i !== undefined) return [i, j];
    seen.set(nums[j]!, j);
  }
  return [];
}
`;

// The interface and the type alias vanish in the JavaScript, so the throw moves up there; the
// result must name line 9, where it is in the TypeScript.
const THROWS_AT_LINE_9 = `interface Pair {
  left: number;
  right: number;
}
type Answer = number[];

function twoSum(nums: number[], target: number): Answer {
  const pair: Pair = { left: nums.length, right: target };
  throw new Error('no pair among ' + pair.left);
}
`;

const SCRIPT = `type Case = [nums: number[], target: number, expected: number[]];
const cases: Case[] = [[[2, 7, 11, 15], 9, [0, 1]], [[3, 2, 4], 6, [1, 2]]];
for (const [nums, target, expected] of cases) {
  test(\`twoSum(\${nums.join(',')}) = \${expected.join(',')}\`, () => {
    expect(twoSum(nums, target)).toEqual(expected);
  });
}
test('the wrong answer fails', () => {
  expect(twoSum([1, 2], 3)).toEqual([1, 0]);
});
`;

const SUM_PROGRAM = `const lines: string[] = require('fs').readFileSync(0, 'utf8').trim().split('\\n');
const numbers: number[] = lines.map((line: string) => Number(line));
const total = numbers.reduce((sum: number, n: number) => sum + n, 0);
console.log(String(total));
`;

const REFERENCE = `function twoSum(nums: number[], target: number): number[] {
  const seen = new Map<number, number>();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]!);
    if (i !== undefined) return [i, j];
    seen.set(nums[j]!, j);
  }
  return [];
}
`;

const SANDBOXES: [string, () => Sandbox][] = [
  ['docker', () => new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES })],
  ['process', () => new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES })],
];

describe.each(SANDBOXES)('TypeScript in the %s sandbox', (kind, make) => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = make();
    if (sandbox instanceof DockerSandbox) await sandbox.ready();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function judge(code: string, tests: AdHocTests): Promise<SubmissionResult> {
    const job = buildJob(`typescript-${kind}-${++counter}`, { language: 'typescript', code, mode: 'run', tests }, catalog, Date.now());
    return (await runJob(job, sandbox, LIMITS)).result;
  }

  it('accepts code with a type error and reports the error with its line and column', async () => {
    const result = await judge(WITH_TYPE_ERROR, TWO_SUM_CASES);
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.diagnostics).toEqual([{ line: 3, column: 9, message: "TS2322: Type 'number' is not assignable to type 'string'." }]);
  }, 120_000);

  it('answers compile_error at the line of a syntax error, running no test', async () => {
    const result = await judge('function twoSum(nums: number[], target: number): number[] {\n  const x = (1 + ;\n  return [];\n}\n', TWO_SUM_CASES);
    expect(result.verdict).toBe('compile_error');
    expect(result.error).toEqual({ message: expect.stringMatching(/^TS1109: Expression expected/), line: 2 });
    expect(result.tests.every((test) => !test.passed)).toBe(true);
  }, 120_000);

  it('names the TypeScript line of a runtime error', async () => {
    const result = await judge(THROWS_AT_LINE_9, TWO_SUM_CASES);
    expect(result.verdict).toBe('runtime_error');
    expect(result.tests[0]).toMatchObject({ passed: false, line: 9, error: expect.stringContaining('no pair among 4') });
  }, 120_000);

  it('runs script tests written in TypeScript, each test its own row', async () => {
    const result = await judge(REFERENCE, { script: SCRIPT });
    expect(result.tests.map((test) => [test.name, test.passed])).toEqual([
      ['twoSum(2,7,11,15) = 0,1', true],
      ['twoSum(3,2,4) = 1,2', true],
      ['the wrong answer fails', false],
    ]);
    expect(result.verdict).toBe('wrong_answer');
  }, 120_000);

  // A clean program also shows that code without type errors gets no diagnostics.
  it('runs stdin/stdout cases with a TypeScript program', async () => {
    const result = await judge(SUM_PROGRAM, {
      cases: [
        { name: 'three numbers', input: '1\n2\n3\n', expectedOutput: '6\n' },
        { name: 'one number', input: '41\n', expectedOutput: '41\n' },
      ],
    });
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.diagnostics).toBeUndefined();
  }, 120_000);
});
