/**
 * What the worker needs from a sandbox: run one harness input for one language under limits and
 * say how it ended. Only docker-sandbox.ts knows about Docker; the worker and its tests see this.
 */
import type { HarnessInput, LanguageId } from '../protocol/index.js';

export interface SandboxLimits {
  /** Wall-clock deadline for the whole run, from start to exit. */
  wallTimeMs: number;
  memoryBytes: number;
  /** CPU share, in cores (1 = one full core). */
  cpus: number;
  pids: number;
  /** Bytes of raw stdout + stderr read from the sandbox before it is killed. */
  rawOutputBytes: number;
}

export interface SandboxRequest {
  /** Used to label the container and for logs. */
  jobId: string;
  language: LanguageId;
  input: HarnessInput;
  limits: SandboxLimits;
}

export interface SandboxOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Killed because the wall-clock deadline passed. */
  timedOut: boolean;
  /** Killed by the kernel's OOM killer inside the memory limit. */
  oomKilled: boolean;
  /** Killed because it wrote more than `rawOutputBytes`. */
  outputOverflow: boolean;
  durationMs: number;
}

export interface Sandbox {
  /** Said in every result it gives (`process` is weaker than a container). */
  readonly kind?: 'docker' | 'process';
  run(request: SandboxRequest): Promise<SandboxOutcome>;
  /** Checks that the sandbox can run jobs at all (engine reachable, image present). */
  ready(): Promise<void>;
  /** Stops running sandboxes and releases resources; idempotent. */
  close(): Promise<void>;
}

/**
 * The sandbox could not run the job for reasons of the infrastructure, not of the submission.
 * `retryable` says whether running it again (here or on another worker) can help.
 */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SandboxUnavailableError';
  }
}
