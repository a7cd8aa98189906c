/**
 * The Docker runner: one fresh container per job, removed afterwards whatever happens.
 *
 * Every limit below is a wall against hostile code; the container is the boundary (vm2 inside is
 * the second wall for JavaScript). The job goes in on stdin and the harness report comes back on
 * stdout inside a frame keyed by a per-job nonce (see protocol/harness.ts).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import Docker from 'dockerode';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { sandboxSeccompProfile } from './seccomp-profile.js';
import {
  SandboxUnavailableError,
  type Sandbox,
  type SandboxOutcome,
  type SandboxRequest,
} from '../../judge-core/sandbox.js';

const SECCOMP_PROFILE = sandboxSeccompProfile();

export const SANDBOX_LABEL = 'pairjudge.sandbox';
export const OWNER_LABEL = 'pairjudge.owner';
export const JOB_LABEL = 'pairjudge.job';

export interface DockerSandboxOptions {
  docker?: Docker;
  image: string;
  /** Optional OCI runtime, e.g. gVisor's `runsc`, for a stronger boundary in production. */
  runtime?: string;
  /** Size of the writable /tmp (the root filesystem is read-only). */
  tmpfsBytes: number;
}

// Random per process: a restarted worker that gets the same pid (pid 1 in a container) must not
// take its predecessor's orphans for its own.
const PROCESS_TAG = randomBytes(4).toString('hex');

/**
 * Identifies containers of this worker process (`host:pid:tag`), so a sweep after a crash can
 * tell whether their owner still lives.
 */
export function ownerId(): string {
  return `${os.hostname()}:${process.pid}:${PROCESS_TAG}`;
}

export class DockerSandbox implements Sandbox {
  readonly docker: Docker;
  private readonly live = new Set<Docker.Container>();
  private closed = false;

  constructor(private readonly options: DockerSandboxOptions) {
    this.docker = options.docker ?? new Docker();
  }

  async ready(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      throw new SandboxUnavailableError(
        'Docker engine is not reachable: start it (`setsid dockerd >/var/log/dockerd.log 2>&1 &`, or `npm run setup`)',
        true,
        { cause: error },
      );
    }
    try {
      await this.docker.getImage(this.options.image).inspect();
    } catch (error) {
      throw new SandboxUnavailableError(
        `Sandbox image ${this.options.image} is missing: build it with \`npm run build:sandbox\``,
        false,
        { cause: error },
      );
    }
  }

  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    if (this.closed) throw new SandboxUnavailableError('sandbox is closed', true);
    const runtime = LANGUAGE_RUNTIMES[request.language];
    const { limits } = request;
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({
        Image: this.options.image,
        Cmd: runtime.command(limits, request.variant),
        User: '65534:65534',
        WorkingDir: '/tmp',
        Env: ['HOME=/tmp', 'LANG=C.UTF-8'],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        OpenStdin: true,
        StdinOnce: true,
        Tty: false,
        NetworkDisabled: true,
        Labels: { [SANDBOX_LABEL]: 'true', [OWNER_LABEL]: ownerId(), [JOB_LABEL]: request.jobId },
        HostConfig: {
          // No network at all: user code cannot call out or reach the judge's services.
          NetworkMode: 'none',
          // Nothing in the image can be changed; scratch space is a small, non-executable tmpfs.
          ReadonlyRootfs: true,
          Tmpfs: { '/tmp': `rw,nosuid,nodev,noexec,size=${this.options.tmpfsBytes}` },
          // No capabilities and no way to gain any (setuid binaries included); no new processes
          // and no risky syscalls (seccomp-profile.ts).
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges', `seccomp=${SECCOMP_PROFILE}`],
          // Fork bombs stop at the pids limit; memory without swap so the limit is real.
          PidsLimit: limits.pids,
          Memory: limits.memoryBytes,
          MemorySwap: limits.memoryBytes,
          NanoCpus: Math.round(limits.cpus * 1e9),
          Ulimits: [
            { Name: 'core', Soft: 0, Hard: 0 },
            { Name: 'nofile', Soft: 256, Hard: 256 },
            { Name: 'fsize', Soft: this.options.tmpfsBytes, Hard: this.options.tmpfsBytes },
          ],
          // Output is read from the attached stream; the engine keeps no log of it on disk.
          LogConfig: { Type: 'none', Config: {} },
          // No /dev/shm or message queues: nothing here needs shared memory.
          IpcMode: 'none',
          // Under host memory pressure, a sandbox is the first thing the kernel should kill.
          OomScoreAdj: 1000,
          ...(this.options.runtime ? { Runtime: this.options.runtime } : {}),
        },
      });
    } catch (error) {
      throw this.asUnavailable('could not create a sandbox container', error);
    }
    this.live.add(container);
    try {
      return await this.attachAndRun(container, request);
    } finally {
      this.live.delete(container);
      await removeQuietly(container);
    }
  }

  private async attachAndRun(container: Docker.Container, request: SandboxRequest): Promise<SandboxOutcome> {
    const { limits } = request;
    let stream: NodeJS.ReadWriteStream;
    try {
      stream = (await container.attach({
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        hijack: true,
      })) as NodeJS.ReadWriteStream;
    } catch (error) {
      throw this.asUnavailable('could not attach to the sandbox container', error);
    }

    let outputOverflow = false;
    let killing: Promise<unknown> | undefined;
    const kill = () => {
      killing ??= container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    };
    const stdout = new BoundedSink(limits.rawOutputBytes, () => {
      outputOverflow = true;
      kill();
    });
    const stderr = new BoundedSink(64 * 1024, () => undefined);
    const ended = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    this.docker.modem.demuxStream(stream, stdout, stderr);

    // 'next-exit' must be asked before start: the default condition answers at once for a
    // container that has not started yet.
    const waited = container.wait({ condition: 'next-exit' });
    const startedAt = performance.now();
    try {
      await container.start();
    } catch (error) {
      throw this.asUnavailable('could not start the sandbox container', error);
    }
    // Half-close stdin after the job so the harness sees EOF.
    stream.end(JSON.stringify(request.input));

    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = !outputOverflow;
      kill();
    }, limits.wallTimeMs);
    let exit: { StatusCode?: number };
    try {
      exit = (await waited) as { StatusCode?: number };
    } finally {
      clearTimeout(deadline);
    }
    const durationMs = Math.round(performance.now() - startedAt);
    // The stream may still hold the last bytes after the process exited.
    await Promise.race([ended, sleep(1000)]);
    await killing;

    let oomKilled = false;
    try {
      const state = (await container.inspect()).State;
      oomKilled = state.OOMKilled === true;
    } catch {
      // Inspect failing after a clean exit leaves only the OOM flag unknown; the exit code and
      // stderr still say what happened.
    }
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      exitCode: typeof exit.StatusCode === 'number' ? exit.StatusCode : null,
      timedOut,
      oomKilled: oomKilled && !timedOut,
      outputOverflow,
      durationMs,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live].map((container) => removeQuietly(container)));
    this.live.clear();
  }

  private asUnavailable(what: string, error: unknown): SandboxUnavailableError {
    const message = error instanceof Error ? error.message : String(error);
    const missingImage = /no such image/i.test(message);
    return new SandboxUnavailableError(
      missingImage
        ? `${what}: image ${this.options.image} is missing (run \`npm run build:sandbox\`)`
        : `${what}: ${message}`,
      !missingImage,
      { cause: error },
    );
  }
}

async function removeQuietly(container: Docker.Container): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    // Already gone is fine; anything else is left for the sweeper (sweeper.ts).
    if (!/no such container|is already in progress/i.test(String(error))) {
      process.emitWarning(`could not remove sandbox container ${container.id}: ${String(error)}`);
    }
  }
}

/** Collects a stream up to a byte limit; calls `onOverflow` once when the limit is passed. */
class BoundedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private overflowed = false;

  constructor(
    private readonly limit: number,
    private readonly onOverflow: () => void,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    if (this.overflowed) return callback();
    const room = this.limit - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.limit;
      this.overflowed = true;
      this.onOverflow();
    } else {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
