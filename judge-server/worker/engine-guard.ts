/**
 * Tells an engine fault from a verdict. When the container engine stops or restarts mid-job, the
 * run either throws (a request cut off; an exit the engine could not report is already a retryable
 * SandboxUnavailableError, sandbox-container.ts) or returns a container stopped from outside (exit
 * 137 or 143 with no deadline, memory or output limit reached), which would otherwise be judged as
 * the user's runtime error. The health check opens a fresh connection (engineClient in
 * docker-sandbox.ts), so a stopping engine's open connections cannot vouch for it. In both cases
 * the engine is asked again; if it does not answer, the run counts as a retryable sandbox failure:
 * the worker stops taking jobs and puts the job back for a worker whose engine answers, without
 * spending a delivery (job-consumer.ts). A container the stopping engine could not remove is
 * removed before the job runs here again, or once the engine answers (docker-sandbox.ts).
 * A request to an engine that is shutting down can also hang for good: a run that has not ended
 * `ENGINE_GRACE_MS` after its wall-clock deadline, and a health check that takes longer than
 * `PROBE_TIMEOUT_MS`, count as the engine being away.
 */
import type Docker from 'dockerode';
import { SandboxUnavailableError, type Sandbox, type SandboxOutcome } from '../../judge-core/sandbox.js';
import { JOB_LABEL } from '../sandbox/docker-sandbox.js';

/**
 * SIGKILL's and SIGTERM's exit statuses: what a container stopped by a stopping engine reports
 * (it sends the stop signal, then kills what is left).
 */
const KILLED_FROM_OUTSIDE = new Set([137, 143]);
/** Beyond the wall-clock deadline, the time a run may take to be created, started and removed. */
export const ENGINE_GRACE_MS = 30_000;
export const PROBE_TIMEOUT_MS = 5_000;

class EngineTimeout extends Error {}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineTimeout(what)), ms);
  });
  // The loser may still settle later; nobody waits for it.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function guardEngineFaults(sandbox: Sandbox, docker?: Docker): Sandbox {
  // Jobs whose run an engine fault interrupted: their containers may still exist.
  const interrupted = new Set<string>();
  const removeLeftovers = async (jobId: string) => {
    if (!docker || !interrupted.delete(jobId)) return;
    // Bounded like every other call to an engine that was just away; the sweeper catches what is missed.
    const cleanup = (async () => {
      const left = await docker.listContainers({ all: true, filters: { label: [`${JOB_LABEL}=${jobId}`] } });
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
    })();
    await within(cleanup, PROBE_TIMEOUT_MS * 2, 'removing leftovers took too long').catch(() => undefined);
  };
  const engineFault = (jobId: string, error: SandboxUnavailableError) => {
    interrupted.add(jobId);
    return error;
  };
  const engineAnswers = async () => {
    try {
      await within(sandbox.ready(), PROBE_TIMEOUT_MS, 'the engine did not answer its health check');
      return true;
    } catch {
      return false;
    }
  };
  return {
    ready: () =>
      within(sandbox.ready(), PROBE_TIMEOUT_MS, 'the engine did not answer its health check').catch((error: unknown) => {
        throw error instanceof EngineTimeout ? new SandboxUnavailableError(error.message, true) : error;
      }),
    close: () => sandbox.close(),
    // The compile stage passes through as it is: its container has its own deadline.
    ...(sandbox.compile ? { compile: sandbox.compile.bind(sandbox) } : {}),
    ...(sandbox.toolchainId ? { toolchainId: sandbox.toolchainId.bind(sandbox) } : {}),
    async run(request) {
      await removeLeftovers(request.jobId);
      let outcome: SandboxOutcome;
      try {
        outcome = await within(sandbox.run(request), request.limits.wallTimeMs + ENGINE_GRACE_MS, 'the engine did not finish the run in time');
      } catch (error) {
        if (error instanceof EngineTimeout) throw engineFault(request.jobId, new SandboxUnavailableError(error.message, true));
        if (error instanceof SandboxUnavailableError) {
          if (error.retryable) interrupted.add(request.jobId);
          throw error;
        }
        if (await engineAnswers()) throw error;
        throw engineFault(request.jobId, new SandboxUnavailableError(`the engine went away during the run: ${(error as Error).message}`, true, { cause: error }));
      }
      const killedFromOutside = KILLED_FROM_OUTSIDE.has(outcome.exitCode ?? -1) && !outcome.timedOut && !outcome.oomKilled && !outcome.outputOverflow;
      if (killedFromOutside && !(await engineAnswers())) {
        throw engineFault(request.jobId, new SandboxUnavailableError('the engine stopped while the sandbox ran', true));
      }
      return outcome;
    },
  };
}
