/**
 * Builds the gateway (fastify/demo's order): external plugins first (docs, rate limit, CORS,
 * security headers), then the app's own (error handler, access stores and auth, catalog, broker
 * link, metrics), then routes. Only server.ts listens.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createReferenceVerifier, type VerifyReference } from '../authored/verify-reference.js';
import { openAccessStores, type AccessStores } from '../storage/access-stores.js';
import { authPlugin } from './plugins/auth.js';
import { securityPlugin } from './plugins/security.js';
import { judgeThroughQueue } from './judge-through-queue.js';
import { perTokenRateLimit } from './per-token-rate-limit.js';
import type { Registry } from 'prom-client';
import { MAX_BODY_BYTES } from '../../protocol/index.js';
import type { GatewayConfig } from './config.js';
import { catalogPlugin } from './plugins/catalog.js';
import { errorHandlerPlugin } from './plugins/error-handler.js';
import { jobsPlugin } from './plugins/jobs.js';
import { metricsPlugin } from './plugins/metrics.js';
import { webAppPlugin } from './plugins/web-app.js';
import { challengeRoutes } from './routes/challenges.js';
import { healthRoutes } from './routes/health.js';
import { languageRoutes } from './routes/languages.js';
import { submissionRoutes } from './routes/submissions.js';
import { signalingPlugin } from '../signaling/index.js';
import { openSubmissionStore } from './store/open-submission-store.js';
import type { SubmissionStore } from './store/submission-store.js';
import type { JobQueueFactory } from '../queue/job-queue.js';

export interface GatewayOptions {
  config: GatewayConfig;
  logger?: FastifyServerOptions['logger'];
  /** The submission store; when absent, the one the config names is opened (and closed with the gateway). */
  store?: SubmissionStore;
  /** The job queue; RabbitMQ (AMQP_URL) when absent. The embedded judge passes its in-process queue. */
  queue?: JobQueueFactory;
  /** How long start-up waits for the broker before serving anyway (submissions wait in the store). */
  brokerWaitMs?: number;
  /** Token and authored-challenge stores; by default opened from DATABASE_URL or DATA_DIR. */
  accessStores?: AccessStores;
  /** Judges reference solutions of authored challenges; by default the real judge via the queue. */
  verifyReference?: VerifyReference;
  /** More metrics to serve at /metrics (the worker's, when it runs in this process). */
  extraMetrics?: Registry[];
  /** How often waiters look for results stored by other gateways (default 250 ms). */
  resultPollMs?: number;
}

/** How long saving an authored challenge waits for the judge to accept each reference solution. */
const REFERENCE_VERDICT_TIMEOUT_MS = 60_000;

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: MAX_BODY_BYTES,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'PairJudge judge API', version: '1.0.0', description: 'Contract v1: submissions, challenges, languages, health.' },
      // API tokens (`npm run token -- create`): optional for submissions, required to write challenges.
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyRateLimit, {
    global: false,
    // Thrown to the error handler, which gives it the contract's shape; the plugin has already
    // set Retry-After and the x-ratelimit-* headers.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many submissions: try again in ${Math.ceil(context.ttl / 1000)} s`), { statusCode: 429 }),
  });

  await app.register(securityPlugin, { corsOrigins: config.corsOrigins });

  await app.register(errorHandlerPlugin);
  // Opened before anything else of ours: without its store the gateway must not start.
  const store = options.store ?? (await openSubmissionStore(config));
  const access = options.accessStores ?? (await openAccessStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  // Stores the gateway opened itself, it also closes; injected ones belong to the caller.
  if (!options.accessStores) app.addHook('onClose', () => access.close());
  await app.register(authPlugin, { tokens: access.tokens });
  await app.register(catalogPlugin, { challengesDir: config.challengesDir, authored: access.authored });
  await app.register(jobsPlugin, {
    ...(options.queue ? { queue: options.queue } : {}),
    amqpUrl: config.amqpUrl,
    queuePrefix: config.queuePrefix,
    store,
    ownsStore: !options.store,
    deadlineMs: config.submissionDeadlineMs,
    retentionMs: config.resultTtlMs,
    ...(options.resultPollMs !== undefined ? { resultPollMs: options.resultPollMs } : {}),
    ...(options.brokerWaitMs !== undefined ? { connectTimeoutMs: options.brokerWaitMs } : {}),
  });
  await app.register(metricsPlugin, { extra: options.extraMetrics ?? [] });

  // Callers with an API token are counted per token with the higher limit; others per address.
  const rateLimit = perTokenRateLimit(app, { anonymousMax: config.rateLimitMax, tokenMax: config.tokenRateLimitMax, timeWindow: config.rateLimitWindowMs });
  await app.register(submissionRoutes, { rateLimit, maxQueued: config.maxQueuedSubmissions });
  await app.register(challengeRoutes, {
    rateLimit,
    verifyReference: options.verifyReference ?? createReferenceVerifier(judgeThroughQueue(app, REFERENCE_VERDICT_TIMEOUT_MS)),
  });
  await app.register(languageRoutes, { compile: config });
  await app.register(healthRoutes);
  // Pairing rooms (WebSocket GET /v1/signal); before the web app so its catch-all cannot shadow it.
  await app.register(signalingPlugin, { iceServers: config.pairingIceServers });
  await app.register(webAppPlugin, { webDir: config.webDir });
  return app;
}
