/**
 * One compile stage in one container: the source files go in on stdin (one a line, name and
 * base64, read by sandbox-image/harness/compiled/compile.sh), the compiler's messages come back on
 * stderr and the artefact on stdout after a marker, in base64. The container is created for this
 * build only and removed afterwards, whatever happened.
 */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { compileContainerSpec, type ContainerSpecOptions } from './container-spec.js';
import { JobNotDeliveredError, SandboxContainer } from './sandbox-container.js';
import { SandboxUnavailableError, type CompileOutcome, type CompileRequest } from '../../judge-core/sandbox.js';

const ARTEFACT_MARKER = '\n@@pairjudge-artefact ';
const FILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface CompileInOptions {
  spec: ContainerSpecOptions;
  labels: Record<string, string>;
  request: CompileRequest;
  /** Registers the live container (so close() removes it); returns the unregister function. */
  track(container: SandboxContainer): () => void;
}

export async function compileIn(docker: Docker, options: CompileInOptions): Promise<CompileOutcome> {
  const { request } = options;
  const lines = request.files.map((file) => {
    // Names come from the language registry, never from the submission; checked all the same,
    // since compile.sh writes each to a path of that name.
    if (!FILE_NAME.test(file.name)) throw new Error(`unsafe source file name ${JSON.stringify(file.name)}`);
    return `${file.name} ${Buffer.from(file.text, 'utf8').toString('base64')}\n`;
  });
  const container = await SandboxContainer.launch(docker, compileContainerSpec(options.spec, request.command, request.limits, options.labels));
  const untrack = options.track(container);
  try {
    const outcome = await container.run({
      jobId: request.jobId,
      language: request.language,
      // No harness in this stage: the input only carries a nonce no frame will use.
      input: { nonce: randomBytes(12).toString('base64url'), code: '', cases: [], limits: { testTimeoutMs: 0, outputBytes: 0, valueBytes: 0 } },
      stdin: lines.join(''),
      limits: {
        wallTimeMs: request.limits.wallTimeMs,
        memoryBytes: request.limits.memoryBytes,
        cpus: request.limits.cpus,
        pids: request.limits.pids,
        // The artefact travels in base64 (4 bytes for 3) with a marker line.
        rawOutputBytes: Math.ceil(request.limits.artefactBytes / 3) * 4 + 1024,
      },
    });
    const at = outcome.stdout.lastIndexOf(ARTEFACT_MARKER);
    let artefact: Buffer | undefined;
    if (outcome.exitCode === 0 && at !== -1) {
      const text = outcome.stdout.slice(at + ARTEFACT_MARKER.length).trim();
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length > 0) artefact = Buffer.from(text, 'base64');
    }
    return {
      ...(artefact ? { artefact } : {}),
      messages: capBytes(outcome.stderr, request.limits.messageBytes),
      exitCode: outcome.exitCode,
      timedOut: outcome.timedOut,
      oomKilled: outcome.oomKilled,
      outputOverflow: outcome.outputOverflow,
      durationMs: outcome.durationMs,
    };
  } catch (error) {
    if (error instanceof JobNotDeliveredError) throw new SandboxUnavailableError(error.message, true, { cause: error });
    throw error;
  } finally {
    untrack();
    await container.remove();
  }
}

function capBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  return buffer.length <= bytes ? text : buffer.subarray(0, bytes).toString('utf8') + '\n…';
}
