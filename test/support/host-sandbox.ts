/**
 * A Sandbox that runs the harness as a plain host process (no Docker): the same input on stdin,
 * the same outcome shape, a wall deadline and a raw output cap. For unit tests of the whole
 * judging path (runJob) without containers; it is NOT a security boundary. Records every input
 * it was given, so tests can check what reached which run.
 */
import { spawn } from 'node:child_process';
import type { HarnessInput } from '../../protocol/index.js';
import type { Sandbox, SandboxOutcome, SandboxRequest } from '../../judge-core/sandbox.js';
import { JS_HARNESS, PY_HARNESS } from './harness-runner.js';

export class HostSandbox implements Sandbox {
  readonly inputs: HarnessInput[] = [];

  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    this.inputs.push(request.input);
    const { limits } = request;
    const [runtime, runtimeArgs] = request.language === 'python' ? ['python3', ['-I', '-S', '-B', PY_HARNESS]] : ['node', [JS_HARNESS]];
    // Address space and file size are capped on the host too, so a memory or disk bomb stays small.
    const cmd = 'prlimit';
    const args = [`--as=${request.language === 'python' ? limits.memoryBytes * 2 : 8 * 1024 ** 3}`, '--fsize=16777216', '--', runtime, ...runtimeArgs];
    const startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: '/tmp' });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let errBytes = 0;
      let timedOut = false;
      let outputOverflow = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (outputOverflow) return;
        outBytes += chunk.length;
        if (outBytes > limits.rawOutputBytes) {
          outputOverflow = true;
          child.kill('SIGKILL');
          return;
        }
        out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        errBytes += chunk.length;
        if (errBytes <= 64 * 1024) err.push(chunk);
      });
      const deadline = setTimeout(() => {
        timedOut = !outputOverflow;
        child.kill('SIGKILL');
      }, limits.wallTimeMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(deadline);
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          exitCode: code,
          timedOut,
          oomKilled: false,
          outputOverflow,
          durationMs: Math.round(performance.now() - startedAt),
        });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(JSON.stringify(request.input));
    });
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}
