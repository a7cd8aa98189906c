/**
 * The time budget of a compiled program's stdin/stdout cases (judge-core/program-run.ts): the
 * cases share the run's wall time, each gets what is left of it, and the cases after it are not
 * run. The sandbox here is a stand-in that answers at once as a program taking the case's input
 * in milliseconds would have ended, so the arithmetic is checked without Docker (the real
 * containers: test/integration/program-budget-docker.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROGRAM_CASES, type SubmissionRequest } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { CompileCache } from '../../judge-core/compile-cache.js';
import { SubmissionRejectedError } from '../../judge-core/errors.js';
import type { JobCase, JudgeJob } from '../../judge-core/job.js';
import { caseWalls } from '../../judge-core/program-run.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import type { CompileOutcome, Sandbox, SandboxOutcome, SandboxRequest } from '../../judge-core/sandbox.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';

const limits: RunLimits = {
  wallTimeMs: 8000,
  memoryBytes: 256 * 1024 * 1024,
  cpus: 1,
  pids: 64,
  rawOutputBytes: 1 << 20,
  testTimeoutMs: 2000,
  outputBytes: 64 * 1024,
  valueBytes: 64 * 1024,
};

/** Each run "takes" as many ms as its stdin says, and is killed at its deadline like a container. */
class TimedFakeSandbox implements Sandbox {
  readonly kind = 'docker' as const;
  readonly walls: number[] = [];
  readonly spent: number[] = [];
  run(request: SandboxRequest): Promise<SandboxOutcome> {
    const wall = request.limits.wallTimeMs;
    this.walls.push(wall);
    const takes = Number(request.stdin);
    const timedOut = takes > wall;
    this.spent.push(Math.min(takes, wall));
    return Promise.resolve({ stdout: timedOut ? '' : 'ok\n', stderr: '', exitCode: timedOut ? null : 0, timedOut, oomKilled: false, outputOverflow: false, durationMs: Math.min(takes, wall) });
  }
  compile(): Promise<CompileOutcome> {
    return Promise.resolve({ artefact: Buffer.from('program'), messages: '', exitCode: 0, timedOut: false, oomKilled: false, outputOverflow: false, durationMs: 1 });
  }
  ready = () => Promise.resolve();
  close = () => Promise.resolve();
}

let counter = 0;
const cases = (...takes: number[]): JobCase[] => takes.map((ms, index) => ({ name: `c${index}`, input: String(ms), expectedOutput: 'ok\n', hidden: false }));
const job = (jobCases: JobCase[]): JudgeJob => ({ id: `budget-${++counter}`, language: 'c', code: 'int main(){}', cases: jobCases, submittedAt: Date.now() });
const judge = async (jobCases: JobCase[]) => {
  const sandbox = new TimedFakeSandbox();
  const { result } = await runJob(job(jobCases), sandbox, limits, { compileCache: new CompileCache() });
  return { result, walls: sandbox.walls, spent: sandbox.spent };
};

describe('caseWalls', () => {
  it('gives each case what is left of the budget, and nothing once it is spent', () => {
    const walls = caseWalls(8000);
    expect(walls.next()).toBe(8000);
    walls.spend(3000.4);
    expect(walls.next()).toBe(4999);
    walls.spend(Number.NaN);
    walls.spend(-5);
    expect(walls.next()).toBe(4999);
    walls.spend(4999.6);
    expect(walls.next()).toBeUndefined();
  });
});

describe('stdin/stdout cases of a compiled program share the run wall time', () => {
  it('accepts cases that fit in the budget together, each with what was left', async () => {
    const { result, walls } = await judge(cases(3000, 2000, 2500));
    expect(result.verdict).toBe('accepted');
    expect(walls).toEqual([8000, 5000, 3000]);
  });

  it('stops sleeping cases at the budget: time_limit_exceeded, the rest not run', async () => {
    // The red team's job: each case takes 7 s, under the 8 s a case had on its own before.
    const { result, walls } = await judge(cases(7000, 7000, 7000, 7000));
    expect(walls).toEqual([8000, 1000]);
    expect(result.verdict).toBe('time_limit_exceeded');
    expect(result.tests.map((t) => [t.passed, t.error])).toEqual([
      [true, undefined],
      [false, 'Time limit exceeded'],
      [false, 'Not run: an earlier test went past its limits'],
      [false, 'Not run: an earlier test went past its limits'],
    ]);
    expect(result.error?.message).toMatch(/Time limit exceeded/);
  });

  it('gives time_limit_exceeded when the budget ends exactly as a case finishes', async () => {
    const { result, walls } = await judge(cases(4000, 4000, 10, 10));
    expect(walls).toEqual([8000, 4000]);
    expect(result.verdict).toBe('time_limit_exceeded');
    expect(result.tests.map((t) => t.passed)).toEqual([true, true, false, false]);
    expect(result.tests[3]?.error).toMatch(/^Not run/);
  });

  it('gives the hidden run a budget of its own, as the other styles have (two runs at most)', async () => {
    const hidden = cases(7000, 7000, 7000).map((c) => ({ ...c, name: `h${c.name}`, hidden: true }));
    const { result, walls, spent } = await judge([...cases(100), ...hidden]);
    expect(result.verdict).toBe('time_limit_exceeded');
    expect(walls).toEqual([8000, 8000, 1000]);
    expect(spent.reduce((a, b) => a + b, 0)).toBe(8100);
  });
});

describe('buildJob: stdin/stdout cases a compiled request may add', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(fileURLToPath(new URL('../../challenges/', import.meta.url)));
  });
  const io = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `c${index}`, input: '', expectedOutput: 'ok' }));
  const build = (request: Omit<SubmissionRequest, 'code'>) => buildJob('b1', { code: 'int main(){}', ...request }, catalog, 0);

  it(`takes ${MAX_PROGRAM_CASES} and refuses one more, naming tests.cases`, () => {
    expect(build({ language: 'c', tests: { cases: io(MAX_PROGRAM_CASES) } }).cases).toHaveLength(MAX_PROGRAM_CASES);
    let refused: unknown;
    try {
      build({ language: 'rust', challengeId: 'word-frequencies', mode: 'run', tests: { cases: io(MAX_PROGRAM_CASES + 1) } });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SubmissionRejectedError);
    expect(refused).toMatchObject({ field: 'tests.cases' });
    expect((refused as Error).message).toContain(`the limit is ${MAX_PROGRAM_CASES}`);
  });

  it('leaves interpreted languages at the general case limit', () => {
    expect(build({ language: 'python', tests: { cases: io(MAX_PROGRAM_CASES + 1) } }).cases).toHaveLength(MAX_PROGRAM_CASES + 1);
  });
});
