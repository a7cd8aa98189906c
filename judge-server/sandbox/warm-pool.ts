/**
 * The warm pool: per language, a few sandbox containers started ahead of demand, each with its
 * harness loaded and blocked reading a job on stdin. A job takes one (take), and the container is
 * never given back: every container serves exactly one job, so nothing a submission leaves behind
 * can meet the next one. The pool only ever grows back by launching new containers.
 *
 * Refilling is background work of low priority: one launch at a time for the whole pool (each
 * waits until the previous one is warm), and while jobs are running a language that still has a
 * warm entry waits (up to a bound) for a quiet moment, so creating and warming containers does not
 * take CPU from running jobs. A language with no warm entry left refills at once: its next job
 * would otherwise pay for a cold container on its own path. Pooled containers are replaced when they die, when they have waited longer
 * than the time-to-live, and when the sandbox image changes (a new image retires the old pool).
 *
 * It knows nothing of Docker: `launch` makes an entry, so unit tests run it with fakes.
 */
import type { LanguageId } from '../../protocol/index.js';

export interface PoolEntry {
  readonly id: string;
  /** Date.now() when it started; the time-to-live counts from here. */
  readonly startedAt: number;
  readonly hasExited: boolean;
  /** True once its runtime and harness are loaded and it waits for a job. */
  readonly isWarm: boolean;
  /** Resolves when it is warm. */
  readonly warm: Promise<unknown>;
  /** Resolves when the entry's process ends. */
  readonly exited: Promise<unknown>;
  remove(): Promise<void>;
}

export type RetireReason = 'died' | 'ttl' | 'image' | 'closed';

export type PoolEvent<T> =
  /** Started (`startMs`) and, unless it died or took too long, warm (`warmMs`, from launch). */
  | { type: 'launched'; language: LanguageId; entry: T; startMs: number; warmMs: number | undefined }
  | { type: 'launch-failed'; language: LanguageId; error: unknown }
  | { type: 'check-failed'; error: unknown }
  | { type: 'retired'; language: LanguageId; reason: RetireReason };

export interface WarmPoolOptions<T extends PoolEntry> {
  /** Containers kept ready per language; 0 or missing: no pool for that language. */
  sizes: Partial<Record<LanguageId, number>>;
  ttlMs: number;
  /** Starts one entry for `language` from `generation` (the sandbox image id). */
  launch(language: LanguageId, generation: string): Promise<T>;
  /** The current generation; when it changes, every pooled entry of the old one is retired. */
  currentGeneration(): Promise<string>;
  /** True while jobs run (or have just run): refilling then waits (up to `maxDeferMs`). */
  busy(): boolean;
  onEvent?(event: PoolEvent<T>): void;
  /** How often TTL and image are checked; default 5 s. */
  maintenanceMs?: number;
  /** Longest a refill waits for a quiet moment; default 10 s. */
  maxDeferMs?: number;
  /** Longest a refill waits for a new entry to be warm before it starts the next; default 15 s. */
  maxWarmWaitMs?: number;
  now?(): number;
}

interface Pooled<T> {
  entry: T;
  generation: string;
}

const BUSY_POLL_MS = 25;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export class WarmPool<T extends PoolEntry> {
  private readonly idle = new Map<LanguageId, Pooled<T>[]>();
  private readonly launching = new Map<LanguageId, number>();
  private readonly removals = new Set<Promise<void>>();
  private generation: string | undefined;
  private closed = false;
  private pumping: Promise<void> | undefined;
  private readonly closing: Promise<void>;
  private markClosing!: () => void;
  private backoffMs = 0;
  private maintenance: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WarmPoolOptions<T>) {
    this.now = options.now ?? Date.now;
    this.closing = new Promise((resolve) => {
      this.markClosing = resolve;
    });
  }

  /** Learns the generation and starts filling; returns at once (filling is background work). */
  async start(): Promise<void> {
    this.generation = await this.options.currentGeneration();
    this.maintenance = setInterval(() => void this.maintain(), this.options.maintenanceMs ?? 5000);
    this.maintenance.unref();
    this.signal();
  }

  /** A ready entry for `language`, or undefined when the pool is drained (the caller goes cold). */
  take(language: LanguageId): T | undefined {
    const list = this.idle.get(language);
    let taken: T | undefined;
    while (list && list.length > 0 && !taken) {
      // A warm one if there is one, else the oldest (closest to warm): still better than cold.
      const at = Math.max(0, list.findIndex((pooled) => pooled.entry.isWarm));
      const [next] = list.splice(at, 1) as [Pooled<T>];
      if (next.entry.hasExited || next.generation !== this.generation) this.retire(language, next, next.entry.hasExited ? 'died' : 'image');
      else taken = next.entry;
    }
    this.signal();
    return taken;
  }

  idleCount(language: LanguageId): number {
    return this.idle.get(language)?.length ?? 0;
  }

  /** Idle entries that are warm already. */
  warmCount(language: LanguageId): number {
    return this.idle.get(language)?.filter((pooled) => pooled.entry.isWarm).length ?? 0;
  }

  targetSize(language: LanguageId): number {
    return this.options.sizes[language] ?? 0;
  }

  /** Retires expired and old-image entries; also run by the timer. */
  async maintain(): Promise<void> {
    if (this.closed) return;
    try {
      const generation = await this.options.currentGeneration();
      if (generation !== this.generation) {
        this.generation = generation;
        for (const [language, list] of this.idle) for (const pooled of list.splice(0)) this.retire(language, pooled, 'image');
      }
    } catch (error) {
      // The engine is unreachable: keep what is pooled; launching will fail and back off.
      this.options.onEvent?.({ type: 'check-failed', error });
    }
    const now = this.now();
    for (const [language, list] of this.idle) {
      for (const pooled of [...list]) {
        if (now - pooled.entry.startedAt >= this.options.ttlMs) {
          list.splice(list.indexOf(pooled), 1);
          this.retire(language, pooled, 'ttl');
        }
      }
    }
    this.signal();
  }

  /** Stops refilling and removes every pooled entry, including one being launched. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.maintenance) clearInterval(this.maintenance);
    this.markClosing();
    await this.pumping;
    const removals: Promise<void>[] = [];
    for (const [language, list] of this.idle) {
      for (const pooled of list.splice(0)) {
        this.options.onEvent?.({ type: 'retired', language, reason: 'closed' });
        removals.push(pooled.entry.remove());
      }
    }
    await Promise.all([...removals, ...this.removals]);
  }

  private retire(language: LanguageId, pooled: Pooled<T>, reason: RetireReason): void {
    this.options.onEvent?.({ type: 'retired', language, reason });
    const removal = pooled.entry.remove();
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  private signal(): void {
    if (this.closed || this.generation === undefined) return;
    // A running pump looks for the neediest language again after each launch.
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      if (this.neediest()) this.signal();
    });
  }

  /** The language furthest below its size, or undefined when all are full. */
  private neediest(): LanguageId | undefined {
    let best: LanguageId | undefined;
    let bestGap = 0;
    for (const [language, size] of Object.entries(this.options.sizes) as [LanguageId, number][]) {
      const gap = size - this.idleCount(language) - (this.launching.get(language) ?? 0);
      if (gap > bestGap) {
        best = language;
        bestGap = gap;
      }
    }
    return best;
  }

  /** One launch at a time until every language is full; then it ends until signalled again. */
  private async pump(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const language = this.neediest();
      if (!language) return;
      await this.yieldToJobs(language);
      if (this.closed) return;
      if (this.backoffMs > 0) await this.pause(this.backoffMs);
      if (this.closed) return;
      const generation = this.generation!;
      this.launching.set(language, (this.launching.get(language) ?? 0) + 1);
      const started = performance.now();
      try {
        const entry = await this.options.launch(language, generation);
        const startMs = performance.now() - started;
        this.backoffMs = 0;
        if (this.closed || generation !== this.generation) {
          await entry.remove();
          continue;
        }
        // Takeable at once; the next launch waits until this one is warm, so warming containers
        // do not pile up on the CPU (and the refill time measured is the time to a warm one).
        this.add(language, { entry, generation });
        const warm = await Promise.race([
          entry.warm.then(() => true),
          entry.exited.then(() => false),
          this.pause(this.options.maxWarmWaitMs ?? 15_000).then(() => false),
        ]);
        this.options.onEvent?.({ type: 'launched', language, entry, startMs, warmMs: warm ? performance.now() - started : undefined });
      } catch (error) {
        this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, this.backoffMs * 2));
        this.options.onEvent?.({ type: 'launch-failed', language, error });
      } finally {
        this.launching.set(language, (this.launching.get(language) ?? 1) - 1);
      }
    }
  }

  private add(language: LanguageId, pooled: Pooled<T>): void {
    let list = this.idle.get(language);
    if (!list) this.idle.set(language, (list = []));
    list.push(pooled);
    // A pooled container that dies (killed, out of memory, engine trouble) is replaced.
    void pooled.entry.exited.then(() => {
      const at = list.indexOf(pooled);
      if (at === -1) return; // taken or retired already
      list.splice(at, 1);
      this.retire(language, pooled, 'died');
      this.signal();
    });
  }

  /** Low priority: while jobs run and `language` still has a warm entry, wait (a bounded wait). */
  private async yieldToJobs(language: LanguageId): Promise<void> {
    const until = performance.now() + (this.options.maxDeferMs ?? 10_000);
    while (!this.closed && this.options.busy() && this.warmCount(language) > 0 && performance.now() < until) {
      await this.pause(BUSY_POLL_MS);
    }
  }

  /** Sleeps, but wakes early on close. */
  private pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
        timer.unref();
      }),
      this.closing,
    ]).finally(() => clearTimeout(timer));
  }
}
