/** Telling an engine fault from a verdict: what the worker's guarded sandbox turns into a retryable failure. */
import { describe, expect, it } from 'vitest';
import { SandboxUnavailableError, type Sandbox, type SandboxOutcome } from '../../judge-core/sandbox.js';
import { guardEngineFaults } from '../../judge-server/worker/engine-guard.js';

const request = { jobId: 'job-1', language: 'python', input: {}, limits: { wallTimeMs: 1000 } } as unknown as Parameters<Sandbox['run']>[0];
const outcome = (overrides: Partial<SandboxOutcome> = {}): SandboxOutcome => ({
  stdout: '',
  stderr: '',
  exitCode: 0,
  timedOut: false,
  oomKilled: false,
  outputOverflow: false,
  durationMs: 10,
  ...overrides,
});

function fake(run: () => Promise<SandboxOutcome>, engineUp: boolean): Sandbox {
  return {
    run,
    async ready() {
      if (!engineUp) throw new SandboxUnavailableError('engine down', true);
    },
    async close() {},
  };
}

describe('the engine guard', () => {
  it('turns an error during the run into a retryable sandbox failure when the engine no longer answers', async () => {
    const guarded = guardEngineFaults(fake(() => Promise.reject(new Error('socket hang up')), false));
    const error = await guarded.run(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect((error as SandboxUnavailableError).retryable).toBe(true);
  });

  it('passes other errors on as they are while the engine answers', async () => {
    const guarded = guardEngineFaults(fake(() => Promise.reject(new Error('bug')), true));
    await expect(guarded.run(request)).rejects.toThrow(/^bug$/);
  });

  it('treats a container killed from outside (137, no limit reached) as an engine fault when the engine is gone', async () => {
    const guarded = guardEngineFaults(fake(async () => outcome({ exitCode: 137 }), false));
    await expect(guarded.run(request)).rejects.toBeInstanceOf(SandboxUnavailableError);
  });

  it('treats a container stopped by a stopping engine (143, SIGTERM) as an engine fault when the engine is gone', async () => {
    const guarded = guardEngineFaults(fake(async () => outcome({ exitCode: 143 }), false));
    const error = await guarded.run(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect((error as SandboxUnavailableError).retryable).toBe(true);
    // The same status while the engine answers is the submission's own doing (it signalled itself).
    expect((await guardEngineFaults(fake(async () => outcome({ exitCode: 143 }), true)).run(request)).exitCode).toBe(143);
  });

  it("keeps a 137 as the submission's own result while the engine answers, and never second-guesses a limit", async () => {
    expect((await guardEngineFaults(fake(async () => outcome({ exitCode: 137 }), true)).run(request)).exitCode).toBe(137);
    const timedOut = outcome({ exitCode: 137, timedOut: true });
    expect(await guardEngineFaults(fake(async () => timedOut, false)).run(request)).toEqual(timedOut);
    const oom = outcome({ exitCode: 137, oomKilled: true });
    expect(await guardEngineFaults(fake(async () => oom, false)).run(request)).toEqual(oom);
  });
});
