/**
 * POST /v1/submissions and GET /v1/submissions/:id (contract v1). A submission is accepted once
 * it is in the store (not once the broker has it): the outbox publisher sends it on, now or when
 * the broker is back. The request then stays open for up to `wait` seconds and answers with the
 * result, or 202 with a Location to poll on any gateway sharing the store.
 *
 * Idempotency-Key: the same key with the same body is the same submission (same id, judged once),
 * across restarts, until the submission expires (RESULT_TTL_MS); the same key with another body is
 * refused with 422. Backpressure: past MAX_QUEUED_SUBMISSIONS waiting, 429 with Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateLimitOptions } from '@fastify/rate-limit';
import {
  ApiErrorSchema,
  DEFAULT_WAIT_SECONDS,
  MAX_WAIT_SECONDS,
  SubmissionPendingSchema,
  SubmissionRequestSchema,
  SubmissionResultSchema,
  SubmitQuerySchema,
} from '../../../protocol/index.js';
import { buildJob } from '../../../judge-core/build-job.js';
import { RequestError } from '../request-error.js';
import { requestHash } from '../store/request-hash.js';

export interface SubmissionRoutesOptions {
  /** Route options of @fastify/rate-limit (max and key may depend on the caller's API token). */
  rateLimit: RateLimitOptions;
  /** Backpressure: submissions waiting for a worker before new ones get 429. */
  maxQueued: number;
}

/** Printable ASCII, 1 to 200 characters: a UUID or any client-made token fits; nothing that could smuggle control bytes into logs. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Seconds a client refused for backpressure is told to wait. */
const FULL_RETRY_AFTER_SECONDS = 5;

function idempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new RequestError(400, 'invalid_request', 'Idempotency-Key', 'Idempotency-Key must be 1 to 200 printable ASCII characters, sent once');
  }
  return header;
}

export const submissionRoutes: FastifyPluginAsyncTypebox<SubmissionRoutesOptions> = async (app, options) => {
  app.post(
    '/v1/submissions',
    {
      config: { rateLimit: options.rateLimit },
      schema: {
        summary: 'Judge a submission',
        description:
          `Holds the request open up to \`wait\` seconds (default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS}) for the verdict. ` +
          'An `Idempotency-Key` header makes retries safe: the same key and body give the same submission.',
        tags: ['submissions'],
        querystring: SubmitQuerySchema,
        body: SubmissionRequestSchema,
        response: {
          200: SubmissionResultSchema,
          202: SubmissionPendingSchema,
          400: ApiErrorSchema,
          404: ApiErrorSchema,
          413: ApiErrorSchema,
          422: ApiErrorSchema,
          429: ApiErrorSchema,
          503: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers['idempotency-key']);
      const newId = randomUUID();
      const now = Date.now();
      const job = buildJob(newId, request.body, app.catalog, now);
      const hash = requestHash(request.body);
      const outcome = await app.submissions.accept({
        id: newId,
        requestHash: hash,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
        job,
        now,
        maxQueued: options.maxQueued,
      });
      if (outcome.kind === 'full') {
        app.metrics.refusedFull();
        // Debug, not warn: under overload every refusal would flood the log; the metric counts them.
        request.log.debug({ queued: outcome.queued }, 'refused a submission: too many queued');
        return reply
          .status(429)
          .header('retry-after', String(FULL_RETRY_AFTER_SECONDS))
          .send({ error: { code: 'queue_full', message: `The judge has ${outcome.queued} submissions waiting; try again in ${FULL_RETRY_AFTER_SECONDS} s` } });
      }
      if (outcome.kind === 'existing' && outcome.requestHash !== hash) {
        throw new RequestError(422, 'idempotency_key_reused', 'Idempotency-Key', 'This Idempotency-Key was used with a different request body; use a new key for a new submission');
      }
      const id = outcome.id;
      // Every later line of this request, Fastify's own "request completed" included, carries
      // the submission id, like the worker's lines for the same job.
      const log = request.log.child({ submissionId: id });
      request.log = log;
      reply.log = log;
      if (outcome.kind === 'created') {
        app.metrics.accepted(job.language);
        log.info({ language: job.language, challengeId: request.body.challengeId, tests: job.cases.length }, 'submission accepted');
        app.outbox.kick();
      } else {
        log.info('a retry under a known Idempotency-Key: answering for the earlier submission');
      }

      const waitSeconds = Math.min(request.query.wait ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
      const result = await app.resultWaiters.wait(id, waitSeconds * 1000);
      if (result) return reply.status(200).send(result);
      const state = await app.submissions.get(id);
      if (state?.status === 'done') return reply.status(200).send(state);
      log.info({ waitSeconds }, 'answering 202; the result comes later');
      return reply
        .status(202)
        .header('location', `/v1/submissions/${id}`)
        .send({ id, status: state?.status === 'running' ? 'running' : 'queued' });
    },
  );

  app.get(
    '/v1/submissions/:id',
    {
      schema: {
        summary: 'Read a submission: its result, or whether it is still queued or running',
        tags: ['submissions'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Union([SubmissionResultSchema, SubmissionPendingSchema]), 404: ApiErrorSchema, 503: ApiErrorSchema },
      },
    },
    async (request) => {
      const state = await app.submissions.get(request.params.id);
      if (!state) throw new RequestError(404, 'not_found', 'id', `submission ${request.params.id} is unknown or expired`);
      return state;
    },
  );
};
