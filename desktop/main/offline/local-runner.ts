/**
 * Local Run in the desktop app: the embedded judge's core (buildJob, runJob) in this process,
 * in this machine's sandbox (Docker when its engine answers, else the process sandbox, as the
 * command line's --local), on the cached public challenge. Visible tests and the person's own
 * cases only: hidden tests never reach a client, so the result is never official.
 */
import { randomUUID } from 'node:crypto';
import type { PublicChallenge, SubmissionRequest, SubmissionResult } from '../../../protocol/index.js';
import { runJob, type RunLimits } from '../../../judge-core/run-job.js';
import type { Sandbox } from '../../../judge-core/sandbox.js';
import { buildLocalJob } from '../../renderer/offline/local-job.js';

export interface LocalRunnerOptions {
  /** The public challenge, from the catalog cache. */
  challenge(id: string): PublicChallenge | undefined;
  /** Opens the sandbox on first use (chooseEmbeddedSandbox in the app). */
  openSandbox(): Promise<Sandbox>;
  limits: RunLimits;
}

export interface LocalRunner {
  /** Throws the core's SubmissionRejectedError for a request it refuses. */
  run(request: SubmissionRequest): Promise<SubmissionResult>;
  close(): Promise<void>;
}

export function createLocalRunner(options: LocalRunnerOptions): LocalRunner {
  let sandbox: Promise<Sandbox> | undefined;
  return {
    async run(request) {
      const challenge = request.challengeId ? options.challenge(request.challengeId) : undefined;
      const job = buildLocalJob(`local-${randomUUID()}`, request, challenge, Date.now());
      sandbox ??= options.openSandbox().catch((error: unknown) => {
        // The next Run tries again (Docker may have started meanwhile).
        sandbox = undefined;
        throw error;
      });
      const handled = await runJob(job, await sandbox, options.limits);
      return handled.result;
    },
    async close() {
      const open = sandbox;
      sandbox = undefined;
      if (open) await (await open.catch(() => undefined))?.close();
    },
  };
}
