/**
 * The compile stage of a job in a compiled language: generates the driver from the challenge's
 * signature, compiles in a sandbox of its own (or takes the artefact from the cache) and turns a
 * failure into the `compile_error` the result shows, with the first error's line in the
 * submission's file.
 */
import type { ErrorLocation } from '../protocol/index.js';
import { CompileCache, compileKey } from './compile-cache.js';
import type { JudgeJob } from './job.js';
import { HARNESS_ROOT, LANGUAGE_RUNTIMES } from './languages.js';
import { SandboxUnavailableError, type CompileLimits, type Sandbox, type SourceFile } from './sandbox.js';

export type CompileResult =
  | { ok: true; artefact: Buffer; cached: boolean; durationMs: number }
  | { ok: false; error: ErrorLocation; durationMs: number };

/** One cache per process: the worker, the embedded judge and the LAN host each keep their own. */
export const sharedCompileCache = new CompileCache();

/**
 * `build`: other files and command than the function-case driver's (the whole-program builds of
 * judge-core/program-run.ts).
 */
export async function compileStage(
  job: JudgeJob,
  sandbox: Sandbox,
  limits: CompileLimits,
  cache: CompileCache,
  build?: { files: SourceFile[]; command: string[] },
): Promise<CompileResult> {
  const step = LANGUAGE_RUNTIMES[job.language].compile;
  if (!step) throw new Error(`${job.language} has no compile step`);
  if (!sandbox.compile) {
    throw new SandboxUnavailableError(`${job.language} is compiled, and this sandbox cannot compile: it needs the Docker sandbox`, false);
  }
  if (!build && (!job.signature || !job.entry)) throw new Error('a compiled job needs the challenge signature and entry');
  const files = build?.files ?? step.files(job.code, job.signature!, job.entry!);
  const command = build?.command ?? step.command(HARNESS_ROOT);
  const toolchain = sandbox.toolchainId ? await sandbox.toolchainId(job.language) : undefined;
  const key = toolchain === undefined ? undefined : compileKey(job.language, toolchain, command, files);
  const cached = key === undefined ? undefined : cache.get(key);
  if (cached) return { ok: true, artefact: cached, cached: true, durationMs: 0 };

  const outcome = await sandbox.compile({ jobId: job.id, language: job.language, files, command, limits });
  if (outcome.artefact && outcome.exitCode === 0 && !outcome.timedOut && !outcome.oomKilled && !outcome.outputOverflow) {
    if (key !== undefined) cache.set(key, outcome.artefact);
    return { ok: true, artefact: outcome.artefact, cached: false, durationMs: outcome.durationMs };
  }
  const messages = outcome.messages.trim();
  let message: string;
  if (outcome.timedOut) message = `The compiler did not finish within ${limits.wallTimeMs / 1000} s`;
  else if (outcome.oomKilled) message = `The compiler went past its memory limit (${Math.round(limits.memoryBytes / (1024 * 1024))} MiB)`;
  else if (outcome.outputOverflow) message = `The build is larger than ${Math.round(limits.artefactBytes / (1024 * 1024))} MiB`;
  else message = messages === '' ? `The compiler failed (exit code ${outcome.exitCode ?? 'unknown'})` : messages;
  if ((outcome.timedOut || outcome.oomKilled) && messages !== '') message += `\n${messages}`;
  const line = firstErrorLine(messages, step.errorLine);
  return { ok: false, error: { message, ...(line !== undefined ? { line } : {}) }, durationMs: outcome.durationMs };
}

/** The line of the first error the compiler reports in the submission's own file. */
export function firstErrorLine(messages: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(messages);
  return match ? Number(match[1]) : undefined;
}
