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
import type { LocalRunConsent } from '../../renderer/bridge/offline-api.js';
import { buildLocalJob } from '../../renderer/offline/local-job.js';

/** A partner's code would run in the process sandbox and the person has not said yes yet. */
export class WeakSandboxConsentError extends Error {
  constructor() {
    super(
      "This machine has no Docker, so the local judge is the process sandbox, which is for code you trust: your partner's code would run with your account's rights. Run it here anyway, or start Docker, or wait for the judge.",
    );
    this.name = 'WeakSandboxConsentError';
  }
}

export interface LocalRunnerOptions {
  /** The public challenge, from the catalog cache. */
  challenge(id: string): PublicChallenge | undefined;
  /** Opens the sandbox on first use (chooseEmbeddedSandbox in the app). */
  openSandbox(): Promise<Sandbox>;
  limits: RunLimits;
}

export interface LocalRunner {
  /**
   * Throws the core's SubmissionRejectedError for a request it refuses, and WeakSandboxConsentError
   * for a partner's code on the process sandbox without the person's yes (nothing runs).
   */
  run(request: SubmissionRequest, consent: LocalRunConsent): Promise<SubmissionResult>;
  close(): Promise<void>;
}

export function createLocalRunner(options: LocalRunnerOptions): LocalRunner {
  let sandbox: Promise<Sandbox> | undefined;
  return {
    async run(request, consent) {
      const challenge = request.challengeId ? options.challenge(request.challengeId) : undefined;
      const job = buildLocalJob(`local-${randomUUID()}`, request, challenge, Date.now());
      sandbox ??= options.openSandbox().catch((error: unknown) => {
        // The next Run tries again (Docker may have started meanwhile).
        sandbox = undefined;
        throw error;
      });
      const opened = await sandbox;
      if (consent.partnerCode && !consent.acceptWeakSandbox && opened.kind === 'process') throw new WeakSandboxConsentError();
      const handled = await runJob(job, opened, options.limits);
      return handled.result;
    },
    async close() {
      const open = sandbox;
      sandbox = undefined;
      if (open) await (await open.catch(() => undefined))?.close();
    },
  };
}
