/**
 * The Docker runner: one fresh container per job, never reused, removed afterwards whatever
 * happens. With a warm pool (warm-pool.ts) the container was created and started ahead of demand
 * and its harness waits for the job; without one, or when the pool is drained, a cold container is
 * created on the request's path. Both are built from the same spec (container-spec.ts) and read
 * the same way (sandbox-container.ts). Removal happens off the request's path.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Docker from 'dockerode';
import type { LanguageId } from '../../protocol/index.js';
import { JOB_LABEL, OWNER_LABEL, POOL_LABEL, SANDBOX_LABEL, containerSpec, wallsKey } from './container-spec.js';
import { compileIn } from './compile-container.js';
import { imageFor } from './images.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { JobNotDeliveredError, SandboxContainer } from './sandbox-container.js';
import { SandboxMetrics, type ContainerSource } from './sandbox-metrics.js';
import { WarmPool } from './warm-pool.js';
import {
  SandboxUnavailableError,
  type CompileOutcome,
  type CompileRequest,
  type Sandbox,
  type SandboxLimits,
  type SandboxOutcome,
  type SandboxRequest,
  type SandboxVariant,
} from '../../judge-core/sandbox.js';

export { JOB_LABEL, OWNER_LABEL, POOL_LABEL, SANDBOX_LABEL };

export interface WarmPoolSettings {
  /** Containers kept ready per language (0: none). */
  sizes: Partial<Record<LanguageId, number>>;
  /** A pooled container unused for this long is replaced. */
  ttlMs: number;
  /** The limits pooled containers are created with; a request with other walls goes cold. */
  limits: SandboxLimits;
  /** Refilling (of a language with a warm container left) waits while this many jobs run. */
  busyRuns: number;
  /** How often the pool checks TTLs and the image; default 5 s. */
  maintenanceMs?: number;
}

export interface DockerSandboxOptions {
  docker?: Docker;
  image: string;
  /** Optional OCI runtime, e.g. `crun`, or gVisor's `runsc` for a stronger boundary. */
  runtime?: string;
  /** Size of the writable /tmp (the root filesystem is read-only). */
  tmpfsBytes: number;
  /** Parent cgroup of every sandbox container (container-spec.ts); empty: the engine's default. */
  cgroupParent?: string;
  pool?: WarmPoolSettings;
  metrics?: SandboxMetrics;
}

/** How long after a job the pool still counts the worker as busy (see WarmPool's busy()). */
const QUIET_AFTER_JOB_MS = 300;

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
  readonly kind = 'docker' as const;
  readonly docker: Docker;
  readonly metrics: SandboxMetrics;
  readonly pool: WarmPool<SandboxContainer> | undefined;
  private readonly live = new Set<SandboxContainer>();
  private readonly removals = new Set<Promise<void>>();
  private activeRuns = 0;
  private lastRunEndedAt = -Infinity;
  private poolStarted: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: DockerSandboxOptions) {
    this.docker = options.docker ?? new Docker();
    this.metrics = options.metrics ?? new SandboxMetrics();
    const pool = options.pool;
    if (pool && Object.values(pool.sizes).some((size) => size > 0)) {
      this.pool = new WarmPool<SandboxContainer>({
        sizes: pool.sizes,
        ttlMs: pool.ttlMs,
        ...(pool.maintenanceMs ? { maintenanceMs: pool.maintenanceMs } : {}),
        // The image id, not its tag: a rebuilt tag is a new generation and retires the old pool.
        currentGeneration: async () => (await this.docker.getImage(options.image).inspect()).Id,
        launch: (language, imageId) => this.launch(language, pool.limits, imageId, { [POOL_LABEL]: language }),
        // Sequential requests come back to back: a moment after a job is still a busy moment.
        busy: () => this.activeRuns >= pool.busyRuns || performance.now() - this.lastRunEndedAt < QUIET_AFTER_JOB_MS,
        onEvent: (event) => {
          if (event.type === 'launched' && event.warmMs !== undefined) this.metrics.poolRefilled(event.language, event.warmMs);
          else if (event.type === 'retired') this.metrics.poolRetired(event.language, event.reason);
          else if (event.type === 'launch-failed') this.metrics.poolLaunchFailed(event.language);
        },
      });
      this.metrics.watchPool(this.pool);
    }
  }

  /** Checks the engine and the image, then starts filling the warm pool (in the background). */
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
    if (this.pool && !this.closed) this.poolStarted ??= this.pool.start();
    await this.poolStarted;
  }

  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    if (this.closed) throw new SandboxUnavailableError('sandbox is closed', true);
    this.activeRuns++;
    try {
      const { language, limits } = request;
      // Pooled containers run the normal harness: a variant (escape simulation) always starts cold,
      // and so does a compiled language's run stage (its image is not the pool's).
      const pooled = LANGUAGE_RUNTIMES[language].family === 'js';
      if (!request.variant && pooled && this.pool && this.options.pool && wallsKey(limits) === wallsKey(this.options.pool.limits)) {
        const warm = this.pool.take(language);
        if (warm) {
          this.metrics.hit(language);
          try {
            return await this.runIn(warm, request, 'pool');
          } catch (error) {
            // Died between take and job: the submission is not at fault, a cold container takes it.
            if (!(error instanceof JobNotDeliveredError)) throw error;
          }
        }
        this.metrics.miss(language);
      }
      const cold = await this.launch(language, limits, imageFor(this.options.image, language), { [JOB_LABEL]: request.jobId }, request.variant);
      try {
        return await this.runIn(cold, request, 'cold');
      } catch (error) {
        if (error instanceof JobNotDeliveredError) throw new SandboxUnavailableError(error.message, true, { cause: error });
        throw error;
      }
    } finally {
      this.activeRuns--;
      this.lastRunEndedAt = performance.now();
    }
  }

  /** The compile stage: a cold container of the language's image, removed afterwards. */
  async compile(request: CompileRequest): Promise<CompileOutcome> {
    if (this.closed) throw new SandboxUnavailableError('sandbox is closed', true);
    this.activeRuns++;
    try {
      return await compileIn(this.docker, {
        spec: {
          image: imageFor(this.options.image, request.language),
          tmpfsBytes: this.options.tmpfsBytes,
          ...(this.options.runtime ? { runtime: this.options.runtime } : {}),
          ...(this.options.cgroupParent ? { cgroupParent: this.options.cgroupParent } : {}),
        },
        labels: { [OWNER_LABEL]: ownerId(), [JOB_LABEL]: request.jobId },
        request,
        track: (container) => {
          this.live.add(container);
          return () => this.live.delete(container);
        },
      });
    } finally {
      this.activeRuns--;
      this.lastRunEndedAt = performance.now();
    }
  }

  /** The image id of the language's image: a rebuilt image never reuses an old artefact. */
  async toolchainId(language: LanguageId): Promise<string> {
    try {
      return (await this.docker.getImage(imageFor(this.options.image, language)).inspect()).Id;
    } catch (error) {
      throw new SandboxUnavailableError(
        `Sandbox image ${imageFor(this.options.image, language)} is missing: build it with \`npm run build:sandbox\``,
        false,
        { cause: error },
      );
    }
  }

  private async launch(
    language: LanguageId,
    limits: SandboxLimits,
    image: string,
    labels: Record<string, string>,
    variant?: SandboxVariant,
  ): Promise<SandboxContainer> {
    const pooled = POOL_LABEL in labels;
    const spec = containerSpec(
      {
        image,
        tmpfsBytes: this.options.tmpfsBytes,
        ...(this.options.runtime ? { runtime: this.options.runtime } : {}),
        ...(this.options.cgroupParent ? { cgroupParent: this.options.cgroupParent } : {}),
      },
      language,
      limits,
      { [OWNER_LABEL]: ownerId(), ...labels },
      variant,
    );
    const container = await SandboxContainer.launch(this.docker, spec);
    const source: ContainerSource = pooled ? 'pool' : 'cold';
    this.metrics.containerStarted(language, source, container.timing.createMs + container.timing.startMs);
    // Closed while it was starting: it must not outlive the sandbox.
    if (this.closed) {
      await container.remove();
      throw new SandboxUnavailableError('sandbox is closed', true);
    }
    return container;
  }

  private async runIn(container: SandboxContainer, request: SandboxRequest, source: ContainerSource): Promise<SandboxOutcome> {
    this.live.add(container);
    try {
      const outcome = await container.run(request);
      this.metrics.jobRan(request.language, source, outcome.durationMs);
      return outcome;
    } finally {
      this.live.delete(container);
      // Used once, removed off the request's path; close() waits for pending removals.
      const removal = container.remove();
      this.removals.add(removal);
      void removal.finally(() => this.removals.delete(removal));
    }
  }

  /** Removes pooled, running and finished containers; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.poolStarted?.catch(() => undefined);
    await this.pool?.close();
    await Promise.all([...this.live].map((container) => container.remove()));
    this.live.clear();
    await Promise.all([...this.removals]);
  }
}
