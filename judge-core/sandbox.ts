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
  /**
   * Test-only: 'escape-simulation' runs the code without the in-process wall (no vm2 for
   * JavaScript; plain python3 for Python) inside the same container, to check that the
   * container's walls hold alone. Set only by trusted code (the hostile-corpus tests); runJob and
   * the job schema have no way to set it.
   */
  variant?: SandboxVariant;
  /**
   * Compiled languages: the compile stage's artefact, the only thing of the build the run stage
   * receives (it goes in on stdin ahead of the job; sandbox-image/harness/compiled/loader.c).
   */
  artefact?: Buffer;
  /**
   * What the program reads on stdin instead of the harness input's JSON (the compiled drivers read
   * the driver encoding of judge-core/drivers/driver-input.ts). `input` stays the job's meaning.
   */
  stdin?: string;
}

export type SandboxVariant = 'escape-simulation';

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

/** The compile stage's own walls: compilers fork, take memory and time, and print. */
export interface CompileLimits {
  wallTimeMs: number;
  memoryBytes: number;
  cpus: number;
  /** Compilers start a few processes each (gcc: cc1, as, collect2, ld); a fork bomb stops here. */
  pids: number;
  /** Bytes of compiler messages kept (the rest is dropped; the compile is not failed for it). */
  messageBytes: number;
  /** Largest artefact accepted; a bigger one is a compile error. */
  artefactBytes: number;
}

export interface SourceFile {
  /** A plain file name chosen by the judge (never by the submission). */
  name: string;
  text: string;
}

export interface CompileRequest {
  jobId: string;
  language: LanguageId;
  files: SourceFile[];
  /** The compile command, run in the directory holding `files`; it must leave `artefact` there. */
  command: string[];
  limits: CompileLimits;
}

export interface CompileOutcome {
  /** The artefact when the compiler succeeded. */
  artefact?: Buffer;
  /** The compiler's messages (stderr), capped at `messageBytes`. */
  messages: string;
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  outputOverflow: boolean;
  durationMs: number;
}

export interface Sandbox {
  /** Said in every result it gives (`process` is weaker than a container). */
  readonly kind?: 'docker' | 'process';
  run(request: SandboxRequest): Promise<SandboxOutcome>;
  /**
   * The compile stage, in a sandbox of its own (its own limits; process creation allowed), for
   * languages with a `compile` entry in judge-core/languages.ts. A sandbox without it cannot run
   * those languages, and says so through SandboxUnavailableError from `run`.
   */
  compile?(request: CompileRequest): Promise<CompileOutcome>;
  /**
   * Identifies the toolchain `language` compiles with (the image id, or the host compiler's
   * version): part of the compile cache's key, so a new compiler never reuses an old artefact.
   */
  toolchainId?(language: LanguageId): Promise<string>;
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
