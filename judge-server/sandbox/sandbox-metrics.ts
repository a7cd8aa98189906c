/**
 * The worker's sandbox metrics (prom-client), in a registry of their own: the combined judge
 * process serves them at the gateway's /metrics beside the gateway's. "source" is `pool` for a
 * container taken from the warm pool and `cold` for one created on the request's path.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LANGUAGE_IDS, type LanguageId } from '../../protocol/index.js';
import type { RetireReason } from './warm-pool.js';

export type ContainerSource = 'pool' | 'cold';

export interface PoolGauges {
  idleCount(language: LanguageId): number;
  warmCount(language: LanguageId): number;
  targetSize(language: LanguageId): number;
}

export class SandboxMetrics {
  readonly registry = new Registry();
  private pool: PoolGauges | undefined;
  private readonly hits: Counter<'language'>;
  private readonly misses: Counter<'language'>;
  private readonly retired: Counter<'language' | 'reason'>;
  private readonly launchFailures: Counter<'language'>;
  private readonly refill: Histogram<'language'>;
  private readonly containerStart: Histogram<'language' | 'source'>;
  private readonly job: Histogram<'language' | 'source'>;

  constructor() {
    const registers = [this.registry];
    // Sub-second resolution: the point of the pool is to win tens of milliseconds.
    const buckets = [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8];
    const pool = () => this.pool;
    new Gauge({
      name: 'pairjudge_sandbox_pool_idle',
      help: 'Warm containers ready to take a job, by language',
      labelNames: ['language'],
      registers,
      collect() {
        for (const language of LANGUAGE_IDS) this.set({ language }, pool()?.idleCount(language) ?? 0);
      },
    });
    new Gauge({
      name: 'pairjudge_sandbox_pool_warm',
      help: 'Warm containers whose harness has finished loading, by language',
      labelNames: ['language'],
      registers,
      collect() {
        for (const language of LANGUAGE_IDS) this.set({ language }, pool()?.warmCount(language) ?? 0);
      },
    });
    new Gauge({
      name: 'pairjudge_sandbox_pool_target',
      help: 'Configured warm pool size, by language',
      labelNames: ['language'],
      registers,
      collect() {
        for (const language of LANGUAGE_IDS) this.set({ language }, pool()?.targetSize(language) ?? 0);
      },
    });
    this.hits = new Counter({ name: 'pairjudge_sandbox_pool_hits_total', help: 'Jobs that found a warm container', labelNames: ['language'], registers });
    this.misses = new Counter({
      name: 'pairjudge_sandbox_pool_misses_total',
      help: 'Jobs that found the pool drained (or its container gone) and ran in a cold container',
      labelNames: ['language'],
      registers,
    });
    this.retired = new Counter({
      name: 'pairjudge_sandbox_pool_retired_total',
      help: 'Warm containers removed unused: died, past their time-to-live, old image, or shutdown',
      labelNames: ['language', 'reason'],
      registers,
    });
    this.launchFailures = new Counter({
      name: 'pairjudge_sandbox_pool_launch_failures_total',
      help: 'Warm containers that could not be started',
      labelNames: ['language'],
      registers,
    });
    this.refill = new Histogram({
      name: 'pairjudge_sandbox_pool_refill_seconds',
      help: 'Time to launch one pooled container until its harness is warm (create, start, runtime and harness loaded); waiting for free job slots excluded',
      labelNames: ['language'],
      buckets,
      registers,
    });
    this.containerStart = new Histogram({
      name: 'pairjudge_sandbox_container_start_seconds',
      help: 'Time to create and start a sandbox container',
      labelNames: ['language', 'source'],
      buckets,
      registers,
    });
    this.job = new Histogram({
      name: 'pairjudge_sandbox_job_seconds',
      help: 'Time from the job written to the container until its report was read',
      labelNames: ['language', 'source'],
      buckets,
      registers,
    });
  }

  watchPool(pool: PoolGauges): void {
    this.pool = pool;
  }

  hit(language: LanguageId): void {
    this.hits.inc({ language });
  }

  miss(language: LanguageId): void {
    this.misses.inc({ language });
  }

  poolRetired(language: LanguageId, reason: RetireReason): void {
    this.retired.inc({ language, reason });
  }

  poolLaunchFailed(language: LanguageId): void {
    this.launchFailures.inc({ language });
  }

  poolRefilled(language: LanguageId, ms: number): void {
    this.refill.observe({ language }, ms / 1000);
  }

  containerStarted(language: LanguageId, source: ContainerSource, ms: number): void {
    this.containerStart.observe({ language, source }, ms / 1000);
  }

  jobRan(language: LanguageId, source: ContainerSource, ms: number): void {
    this.job.observe({ language, source }, ms / 1000);
  }
}
