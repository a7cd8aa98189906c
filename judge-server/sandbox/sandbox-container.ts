/**
 * One sandbox container for one job: created, attached and started first (the harness starts and
 * blocks reading its job on stdin), then given exactly one job, then removed. The cold path does
 * both steps back to back; the warm pool (warm-pool.ts) does the first step ahead of demand.
 *
 * The job goes in on stdin (half-closed after it, so the harness sees EOF) and the report comes
 * back on stdout inside a frame keyed by the job's nonce (protocol/harness.ts). The wall deadline
 * and the output cap count from the moment the job is written, whatever the container did before.
 */
import { Writable, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { REPORT_MARKER } from '../../protocol/index.js';
import { SandboxUnavailableError, type SandboxOutcome, type SandboxRequest } from '../../judge-core/sandbox.js';

/** The container died or closed its stdin before it got the job: the job can go elsewhere. */
export class JobNotDeliveredError extends Error {
  override name = 'JobNotDeliveredError';
}

/**
 * The line a harness writes to stderr once its pre-warm step is done (runtime started, harness
 * loaded, for JavaScript the runner thread up with vm2 and its prelude compiled). It is written
 * before any job exists and is removed from the stderr a job's outcome carries.
 */
export const WARM_LINE = '@@pairjudge-warm';

// What a container may print before it has a job (runtime warnings at most); more means something
// is wrong with it, and it is killed.
const PRE_JOB_OUTPUT_BYTES = 64 * 1024;
const STDERR_BYTES = 64 * 1024;

// The engine's calls can hang: docker-modem never settles a request whose connection drops after
// the response began (a long-polled wait, when the engine stops), and a stopping engine can leave a
// short request unanswered too. So the exit is also learnt from the attach stream, and every other
// call is bounded.

/** After the attach stream ends, how long the wait may still take before the engine is asked. */
const DETACHED_EXIT_GRACE_MS = 2000;
/** Bound of one call (create, attach, start, inspect, kill, one removal attempt): generous, as a crowded host is slow. */
const ENGINE_CALL_MS = 30_000;

/** How a container ended; `lost` when the engine could not say (it went away, or the container vanished). */
export interface ExitStatus {
  StatusCode?: number;
  lost?: true;
}

const LOST: ExitStatus = { lost: true };

export interface LaunchTiming {
  /** createContainer + attach. */
  createMs: number;
  /** start. */
  startMs: number;
}

export class SandboxContainer {
  /** Date.now() when the container was started; the pool's time-to-live counts from here. */
  readonly startedAt = Date.now();
  private exitStatus: ExitStatus | undefined;
  private warmedUp = false;
  /** Resolves when the harness says it is warm (see WARM_LINE); never, if it dies first. */
  readonly warm: Promise<void>;
  private taken = false;
  private killing: Promise<unknown> | undefined;
  private removing: Promise<void> | undefined;

  private constructor(
    private readonly container: Docker.Container,
    private readonly stream: NodeJS.ReadWriteStream,
    private readonly stdout: BoundedSink,
    private readonly stderr: BoundedSink,
    /** Resolves when the process exits, or `lost` when the engine can no longer say. */
    readonly exited: Promise<ExitStatus>,
    private readonly ended: Promise<void>,
    readonly timing: LaunchTiming,
    private readonly state: LaunchState,
  ) {
    void exited.then((status) => {
      this.exitStatus = status;
    });
    this.warm = stderr.watchFor(WARM_LINE).then(() => {
      this.warmedUp = true;
    });
  }

  /** True once the harness has finished its pre-warm step. */
  get isWarm(): boolean {
    return this.warmedUp;
  }

  get id(): string {
    return this.container.id;
  }

  /** True once the process has exited; a container that exits before its job is of no use. */
  get hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /**
   * Creates, attaches and starts a container from `spec`. On failure nothing is left behind (or,
   * when the engine cannot remove it, `onLeftover` is told its id) and the error is a
   * SandboxUnavailableError (retryable unless the image is missing). `onLeftover` is also told of
   * a container whose removal fails later.
   */
  static async launch(docker: Docker, spec: Docker.ContainerCreateOptions, onLeftover: (id: string) => void = () => undefined): Promise<SandboxContainer> {
    const t0 = performance.now();
    let container: Docker.Container;
    try {
      container = await engineCall(docker.createContainer(spec), 'create');
    } catch (error) {
      throw asUnavailable('could not create a sandbox container', spec.Image ?? '', error);
    }
    try {
      const stream = (await engineCall(container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }), 'attach')) as NodeJS.ReadWriteStream;
      const kill = () => void container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
      const stdout = new BoundedSink(PRE_JOB_OUTPUT_BYTES, kill);
      const stderr = new BoundedSink(STDERR_BYTES, () => undefined);
      const ended = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      docker.modem.demuxStream(stream, stdout, stderr);
      // 'next-exit' must be asked before start: the default condition answers at once for a
      // container that has not started yet.
      const waited = (container.wait({ condition: 'next-exit' }) as Promise<ExitStatus>).then(
        (status) => (typeof status.StatusCode === 'number' ? { StatusCode: status.StatusCode } : LOST),
        () => LOST,
      );
      const state: LaunchState = { removing: false, onLeftover };
      const exited = Promise.race([waited, ended.then(() => exitAfterDetach(container, waited, state))]);
      const t1 = performance.now();
      await engineCall(container.start(), 'start');
      const timing = { createMs: t1 - t0, startMs: performance.now() - t1 };
      return new SandboxContainer(container, stream, stdout, stderr, exited, ended, timing, state);
    } catch (error) {
      await removeContainer(container, onLeftover);
      throw asUnavailable('could not start the sandbox container', spec.Image ?? '', error);
    }
  }

  /**
   * Gives the container its one job and reads the outcome. Throws JobNotDeliveredError when the
   * container was already gone, so the caller can run the job elsewhere; anything after the job
   * is written is the submission's doing and ends as an outcome.
   */
  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    if (this.taken) throw new Error('a sandbox container runs one job only');
    this.taken = true;
    if (this.hasExited || this.stdout.overflowed) throw new JobNotDeliveredError('the container exited before its job');
    const { limits } = request;
    // What the harness wrote while waiting is not the job's (the warm line at most).
    this.stderr.clear();
    let outputOverflow = false;
    this.stdout.rearm(limits.rawOutputBytes, () => {
      outputOverflow = true;
      this.kill();
    });
    // The harness writes its frame and exits at once; reading the report as soon as the frame is
    // complete saves the engine's exit round trip (tens of ms). User code cannot know the nonce
    // (Python's known limit aside: see harness.py), so no earlier frame can be a forgery.
    const reported = this.stdout.watchFor('\n' + REPORT_MARKER + request.input.nonce + ' ');

    const written = new Promise<void>((resolve, reject) => {
      const onError = (error: unknown) => reject(new JobNotDeliveredError(`could not write the job: ${String(error)}`));
      this.stream.once('error', onError);
      // Half-close stdin after the job so the harness sees EOF.
      this.stream.end(stdinOf(request), () => {
        this.stream.off('error', onError);
        resolve();
      });
    });
    // Handled here too: when the process exits first, a late write error must not go unhandled.
    written.catch(() => undefined);
    const startedAt = performance.now();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = !outputOverflow;
      this.kill();
    }, limits.wallTimeMs);
    let finish: { kind: 'report' } | { kind: 'exit'; status: ExitStatus };
    try {
      await Promise.race([written, this.exited]);
      finish = await Promise.race([
        reported.then(() => ({ kind: 'report' as const })),
        this.exited.then((status) => ({ kind: 'exit' as const, status })),
      ]);
    } finally {
      clearTimeout(deadline);
    }
    const durationMs = Math.round(performance.now() - startedAt);
    if (finish.kind === 'report' && !outputOverflow) {
      // The exit code is not waited for: the report says everything, and a process that wrote
      // its frame was not killed before it.
      return { stdout: this.stdout.text(), stderr: this.jobStderr(), exitCode: null, timedOut: false, oomKilled: false, outputOverflow, durationMs };
    }
    // The stream may still hold the last bytes after the process exited.
    await Promise.race([this.ended, sleep(1000)]);
    await Promise.race([this.killing, sleep(ENGINE_CALL_MS)]);
    const status = finish.kind === 'exit' ? finish.status : await this.exited;
    // Ended by our own deadline or output cap: that is the verdict, whatever the engine did next.
    // Otherwise an exit nobody could read is the engine's fault, not the submission's.
    if (status.lost && !timedOut && !outputOverflow) {
      throw new SandboxUnavailableError('the engine went away while the sandbox ran (its exit could not be read)', true);
    }
    let oomKilled = false;
    try {
      oomKilled = (await engineCall(this.container.inspect(), 'inspect')).State.OOMKilled === true;
    } catch {
      // Inspect failing after an exit leaves only the OOM flag unknown; the exit code and stderr
      // still say what happened.
    }
    return {
      stdout: this.stdout.text(),
      stderr: this.jobStderr(),
      exitCode: typeof status.StatusCode === 'number' ? status.StatusCode : null,
      timedOut,
      oomKilled: oomKilled && !timedOut,
      outputOverflow,
      durationMs,
    };
  }

  /** stderr without the warm line (a cold container may write it after the job arrived). */
  private jobStderr(): string {
    return this.stderr.text().replace(WARM_LINE + '\n', '');
  }

  kill(): void {
    this.killing ??= this.container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
  }

  /**
   * Removes the container (killing it if it runs); idempotent, never throws. When the engine
   * cannot remove it (away, or not answering), the launch's `onLeftover` is told its id.
   */
  remove(): Promise<void> {
    this.removing ??= (async () => {
      this.state.removing = true;
      (this.stream as unknown as Duplex).destroy();
      await removeContainer(this.container, this.state.onLeftover);
    })();
    return this.removing;
  }
}

interface LaunchState {
  /** Set once removal started: the exit no longer matters and is not asked for. */
  removing: boolean;
  onLeftover: (id: string) => void;
}

/** `promise`, or a rejection once `ENGINE_CALL_MS` passed (an engine going away may never answer). */
export function engineCall<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the engine did not answer ${what} in ${ENGINE_CALL_MS} ms`)), ENGINE_CALL_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The attach stream ended (the process exited, or the engine went away): if the wait has not
 * answered a moment later, the engine is asked once; no answer means the exit is lost.
 */
async function exitAfterDetach(container: Docker.Container, waited: Promise<ExitStatus>, state: LaunchState): Promise<ExitStatus> {
  const early = await Promise.race([waited, sleep(DETACHED_EXIT_GRACE_MS).then(() => undefined)]);
  if (early) return early;
  if (state.removing) return waited;
  try {
    const { State } = await engineCall(container.inspect(), 'inspect');
    // Still running with its output closed: the wait (or the deadline's kill) settles it.
    if (State.Running) return waited;
    return { StatusCode: State.ExitCode };
  } catch {
    return LOST;
  }
}

/** Removes a container, or reports it as left over; never throws. */
async function removeContainer(container: Docker.Container, onLeftover: (id: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engineCall(container.remove({ force: true, v: true }), 'remove');
      return;
    } catch (error) {
      // Already gone is fine.
      if (/no such container|is already in progress/i.test(String(error))) return;
      // A container caught between kill and exit refuses removal for a moment: once more.
      if (attempt === 1 && /is not running|could not kill/i.test(String(error))) {
        await sleep(250);
        continue;
      }
      // The engine is away or not answering: retried once it answers (docker-sandbox.ts), and the
      // sweeper (sweeper.ts) catches what a crash loses.
      onLeftover(container.id);
      return;
    }
  }
}

/**
 * What the container reads: the job's harness input (or the driver encoding a compiled language
 * reads instead), preceded for a compiled language by its artefact, which the loader takes first.
 */
function stdinOf(request: SandboxRequest): Buffer | string {
  const job = request.stdin ?? JSON.stringify(request.input);
  if (!request.artefact) return job;
  return Buffer.concat([Buffer.from(`PJA ${request.artefact.length}\n`), request.artefact, Buffer.from(job, 'utf8')]);
}

function asUnavailable(what: string, image: string, error: unknown): SandboxUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  const missingImage = /no such image/i.test(message);
  return new SandboxUnavailableError(
    missingImage ? `${what}: image ${image} is missing (run \`npm run build:sandbox\`)` : `${what}: ${message}`,
    !missingImage,
    { cause: error },
  );
}

/**
 * Collects a stream up to a byte limit; calls `onOverflow` once when the limit is passed. Can
 * watch for a frame head: `watchFor` resolves once the head and the newline ending its line have
 * arrived.
 */
class BoundedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;
  private watch: { head: Buffer; tail: Buffer; headFound: boolean; resolve: () => void } | undefined;

  constructor(
    private limit: number,
    private onOverflow: () => void,
  ) {
    super();
  }

  rearm(limit: number, onOverflow: () => void): void {
    this.limit = limit;
    this.onOverflow = onOverflow;
  }

  watchFor(head: string): Promise<void> {
    return new Promise((resolve) => {
      this.watch = { head: Buffer.from(head, 'utf8'), tail: Buffer.alloc(0), headFound: false, resolve };
      this.check(Buffer.concat(this.chunks));
    });
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
      this.check(chunk);
    }
    callback();
  }

  /** Looks at new output only (plus a head's length before it, for a head cut across chunks). */
  private check(chunk: Buffer): void {
    const watch = this.watch;
    if (!watch || chunk.length === 0) return;
    let from = 0;
    if (!watch.headFound) {
      const window = Buffer.concat([watch.tail, chunk]);
      const at = window.indexOf(watch.head);
      if (at === -1) {
        watch.tail = window.subarray(Math.max(0, window.length - watch.head.length + 1));
        return;
      }
      watch.headFound = true;
      from = at + watch.head.length - watch.tail.length;
    }
    if (chunk.indexOf(0x0a, Math.max(0, from)) === -1) return;
    this.watch = undefined;
    watch.resolve();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /** Forgets what was collected (the byte budget counts again from zero). */
  clear(): void {
    this.chunks.length = 0;
    this.size = 0;
    this.overflowed = false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
