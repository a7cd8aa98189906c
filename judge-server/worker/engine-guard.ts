/**
 * Tells an engine fault from a verdict. When the container engine stops or restarts mid-job, the
 * run either throws something that is not a SandboxUnavailableError (the wait request cut off) or
 * returns a container killed from outside (exit 137 with no deadline, memory or output limit
 * reached), which would otherwise be judged as the user's runtime error. In both cases the engine
 * is asked again; if it does not answer, the run counts as a retryable sandbox failure, so the
 * worker holds the job and runs it again once the engine is back (job-consumer.ts).
 */
import { SandboxUnavailableError, type Sandbox, type SandboxOutcome } from '../../judge-core/sandbox.js';

/** SIGKILL's exit status: what a container killed by a stopping engine reports. */
const KILLED = 137;

export function guardEngineFaults(sandbox: Sandbox): Sandbox {
  const engineAnswers = async () => {
    try {
      await sandbox.ready();
      return true;
    } catch {
      return false;
    }
  };
  return {
    ready: () => sandbox.ready(),
    close: () => sandbox.close(),
    async run(request) {
      let outcome: SandboxOutcome;
      try {
        outcome = await sandbox.run(request);
      } catch (error) {
        if (error instanceof SandboxUnavailableError || (await engineAnswers())) throw error;
        throw new SandboxUnavailableError(`the engine went away during the run: ${(error as Error).message}`, true, { cause: error });
      }
      const killedFromOutside = outcome.exitCode === KILLED && !outcome.timedOut && !outcome.oomKilled && !outcome.outputOverflow;
      if (killedFromOutside && !(await engineAnswers())) {
        throw new SandboxUnavailableError('the engine stopped while the sandbox ran', true);
      }
      return outcome;
    },
  };
}
