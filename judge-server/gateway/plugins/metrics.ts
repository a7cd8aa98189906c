/**
 * Prometheus metrics at GET /metrics: submissions by verdict, queue wait and run time, submissions
 * waiting in the store, the depth of the jobs queue, and the durability counters (results dropped
 * as duplicates, results refused by the contract, submissions reaped, refusals for backpressure).
 * A registry per app, so tests can build several. `extra` registries (the worker's sandbox
 * metrics, when worker and gateway share a process) are served at the same /metrics.
 */
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobTiming } from '../../queue/job.js';
import type { Verdict } from '../../../protocol/index.js';

export interface GatewayMetrics {
  registry: Registry;
  accepted(language: string): void;
  finished(language: string | undefined, verdict: Verdict, timing: JobTiming | undefined): void;
  /** A second result for a submission that has one (`duplicate`), or for one the store does not know. */
  resultDropped(why: 'duplicate' | 'unknown'): void;
  /** A result that failed the contract schema (its submission ends as internal_error). */
  resultRejected(): void;
  reaped(count: number): void;
  published(count: number): void;
  refusedFull(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: GatewayMetrics;
  }
}

export interface MetricsPluginOptions {
  extra?: Registry[];
}

export const metricsPlugin = fp<MetricsPluginOptions>(
  async (app, options) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'pairjudge_gateway_' });
    const submissions = new Counter({
      name: 'pairjudge_submissions_total',
      help: 'Finished submissions by language and verdict',
      labelNames: ['language', 'verdict'],
      registers: [registry],
    });
    const acceptedTotal = new Counter({
      name: 'pairjudge_submissions_accepted_total',
      help: 'Submissions accepted into the store, by language',
      labelNames: ['language'],
      registers: [registry],
    });
    new Gauge({
      name: 'pairjudge_submissions_queued',
      help: 'Submissions in the store waiting for a worker (published or not)',
      registers: [registry],
      async collect() {
        try {
          this.set(await app.submissions.countQueued());
        } catch {
          // Store away: /readyz reports it.
        }
      },
    });
    const dropped = new Counter({
      name: 'pairjudge_results_dropped_total',
      help: 'Results dropped because their submission already had one (duplicate) or is unknown',
      labelNames: ['reason'],
      registers: [registry],
    });
    const rejected = new Counter({
      name: 'pairjudge_results_rejected_total',
      help: 'Results that failed the contract schema; their submissions ended as internal_error',
      registers: [registry],
    });
    const reapedTotal = new Counter({
      name: 'pairjudge_submissions_reaped_total',
      help: 'Submissions ended as internal_error by the reaper after the deadline',
      registers: [registry],
    });
    const publishedTotal = new Counter({
      name: 'pairjudge_outbox_published_total',
      help: 'Stored submissions handed to the job queue',
      registers: [registry],
    });
    const refusedTotal = new Counter({
      name: 'pairjudge_submissions_refused_full_total',
      help: 'Submissions refused with 429 because too many were queued (backpressure)',
      registers: [registry],
    });
    const buckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32];
    const queueWait = new Histogram({
      name: 'pairjudge_queue_wait_seconds',
      help: 'Time from acceptance until a worker started the job',
      buckets,
      registers: [registry],
    });
    const runTime = new Histogram({
      name: 'pairjudge_run_seconds',
      help: 'Time a worker spent on a job, sandbox start to result',
      buckets,
      registers: [registry],
    });
    new Gauge({
      name: 'pairjudge_jobs_queue_depth',
      help: 'Jobs waiting in the queue',
      registers: [registry],
      async collect() {
        try {
          this.set((await app.jobs.stats()).messageCount);
        } catch {
          // Broker down: leave the last value; /readyz reports the outage.
        }
      },
    });

    app.decorate('metrics', {
      registry,
      accepted(language) {
        acceptedTotal.inc({ language });
      },
      resultDropped(reason) {
        dropped.inc({ reason });
      },
      resultRejected() {
        rejected.inc();
      },
      reaped(count) {
        reapedTotal.inc(count);
      },
      published(count) {
        publishedTotal.inc(count);
      },
      refusedFull() {
        refusedTotal.inc();
      },
      finished(language, verdict, timing) {
        submissions.inc({ language: language ?? 'unknown', verdict });
        if (timing) {
          queueWait.observe(timing.queueWaitMs / 1000);
          runTime.observe(timing.runMs / 1000);
        }
      },
    } satisfies GatewayMetrics);

    const served = options.extra?.length ? Registry.merge([registry, ...options.extra]) : registry;
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(served.contentType);
      return served.metrics();
    });
  },
  { name: 'metrics', dependencies: ['jobs'] },
);
