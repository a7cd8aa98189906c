/**
 * Two walls of the compiled languages in the real Docker sandbox (the red team's findings 2 and 3):
 *
 * - A compiled program's stdin/stdout cases share the run's wall time (judge-core/program-run.ts):
 *   a program that sleeps in every case stops at the budget with time_limit_exceeded, and the
 *   cases after it start no container. Before, each case had the whole wall time and a cold
 *   container of its own, so such a job was accepted after cases × (sleep + start).
 * - The compile stage, which may fork, refuses clone() with namespace flags
 *   (judge-server/sandbox/seccomp-profile.ts): no user or network namespace, whose capabilities
 *   are the usual way into the kernel. Checked with perl (in every compiled image, as Debian's
 *   perl-base is essential) run as the compile command, with the compile stage's own container.
 *
 * Needs pairjudge/sandbox-gcc (`npm run build:sandbox`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompileCache } from '../../judge-core/compile-cache.js';
import type { JobCase, JudgeJob } from '../../judge-core/job.js';
import { DEFAULT_COMPILE_LIMITS } from '../../judge-core/languages.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import type { Sandbox, SandboxRequest } from '../../judge-core/sandbox.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES } from '../support/verdict-table.js';

const docker = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });

beforeAll(async () => {
  await docker.ready();
});
afterAll(async () => {
  await docker.close();
});

describe('the time budget of compiled stdin/stdout cases', () => {
  it('stops a program that sleeps 2 s in each of 5 cases at the 3 s budget: time_limit_exceeded, the rest not run', async () => {
    const limits: RunLimits = { ...VERDICT_TABLE_LIMITS, wallTimeMs: 3000 };
    // Counts the run containers the job starts (the compile stage is not a run).
    const runs: number[] = [];
    const sandbox: Sandbox = {
      kind: 'docker',
      run: (request: SandboxRequest) => {
        runs.push(request.limits.wallTimeMs);
        return docker.run(request);
      },
      compile: (request) => docker.compile(request),
      toolchainId: (language) => docker.toolchainId(language),
      ready: () => docker.ready(),
      close: () => Promise.resolve(),
    };
    const cases: JobCase[] = Array.from({ length: 5 }, (_, index) => ({ name: `c${index}`, input: '', expectedOutput: 'ok\n', hidden: false }));
    const job: JudgeJob = {
      id: `budget-${Math.random().toString(36).slice(2, 8)}`,
      language: 'c',
      code: '#include <stdio.h>\n#include <unistd.h>\nint main(void) { sleep(2); puts("ok"); return 0; }\n',
      cases,
      submittedAt: Date.now(),
    };
    const { result } = await runJob(job, sandbox, limits, { compileCache: new CompileCache(), compileLimits: DEFAULT_COMPILE_LIMITS });
    expect(result.verdict, JSON.stringify(result)).toBe('time_limit_exceeded');
    // The first case fits (2 s of 3); the second gets what is left and is stopped; on a loaded
    // machine the first may already go past 3 s, which ends the job sooner.
    expect(runs.length).toBeLessThanOrEqual(2);
    expect(runs[0]).toBe(3000);
    if (runs[1] !== undefined) expect(runs[1]).toBeLessThanOrEqual(1000);
    const ran = result.tests.filter((test) => !test.error?.startsWith('Not run'));
    expect(ran.length).toBe(runs.length);
    expect(result.tests.slice(2).every((test) => test.error?.startsWith('Not run'))).toBe(true);
    // The programs' time together stays within the budget (plus the kill's own latency).
    const spent = result.tests.reduce((sum, test) => sum + (test.timeMs ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(limits.wallTimeMs + 1000);
  });
});

describe('the compile stage refuses new namespaces', () => {
  it('lets the compiler fork, but answers clone with a CLONE_NEW* flag EPERM and clone3 ENOSYS', async () => {
    // x86_64 syscall numbers: clone 56, clone3 435, unshare 272, exit_group 231. A child exits at once.
    const script = [
      'sub try_clone { my ($flags) = @_; my $pid = syscall(56, $flags | 17, 0, 0, 0, 0);',
      '  if ($pid == 0) { syscall(231, 0); } if ($pid > 0) { waitpid($pid, 0); return "ok"; } return "errno " . ($! + 0); }',
      'my %flags = (fork => 0, newns => 0x20000, newcgroup => 0x2000000, newuts => 0x4000000, newipc => 0x8000000,',
      '  newuser => 0x10000000, newpid => 0x20000000, newnet => 0x40000000, usernet => 0x50000000);',
      'for my $name (sort keys %flags) { print STDERR "$name: ", try_clone($flags{$name}), "\\n"; }',
      'syscall(435, 0, 0) == -1 and print STDERR "clone3: errno ", $! + 0, "\\n";',
      'syscall(272, 0x10000000) == -1 and print STDERR "unshare: errno ", $! + 0, "\\n";',
      'exit 3;',
    ].join('\n');
    const outcome = await docker.compile({
      jobId: `userns-${Math.random().toString(36).slice(2, 8)}`,
      language: 'c',
      files: [{ name: 'main.c', text: 'int main(void) { return 0; }\n' }],
      command: ['perl', '-e', script],
      limits: DEFAULT_COMPILE_LIMITS,
    });
    expect(outcome.exitCode, outcome.messages).toBe(3);
    const lines = Object.fromEntries(outcome.messages.trim().split('\n').map((line) => line.split(': ') as [string, string]));
    expect(lines).toEqual({
      fork: 'ok',
      newcgroup: 'errno 1',
      newipc: 'errno 1',
      newnet: 'errno 1',
      newns: 'errno 1',
      newpid: 'errno 1',
      newuser: 'errno 1',
      newuts: 'errno 1',
      usernet: 'errno 1',
      clone3: 'errno 38',
      unshare: 'errno 1',
    });
  });
});
