/**
 * POST /v1/submissions and GET /v1/submissions/:id (contract v1). A submission is accepted once
 * the broker confirms its job; the request then stays open for up to `wait` seconds and answers
 * with the result, or 202 with a Location to poll.
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

export interface SubmissionRoutesOptions {
  /** Route options of @fastify/rate-limit (max and key may depend on the caller's API token). */
  rateLimit: RateLimitOptions;
}

export const submissionRoutes: FastifyPluginAsyncTypebox<SubmissionRoutesOptions> = async (app, options) => {
  app.post(
    '/v1/submissions',
    {
      config: { rateLimit: options.rateLimit },
      schema: {
        summary: 'Judge a submission',
        description: `Holds the request open up to \`wait\` seconds (default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS}) for the verdict.`,
        tags: ['submissions'],
        querystring: SubmitQuerySchema,
        body: SubmissionRequestSchema,
        response: {
          200: SubmissionResultSchema,
          202: SubmissionPendingSchema,
          400: ApiErrorSchema,
          404: ApiErrorSchema,
          413: ApiErrorSchema,
          429: ApiErrorSchema,
          503: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const id = randomUUID();
      // Every later line of this request, Fastify's own "request completed" included, carries
      // the submission id, like the worker's lines for the same job.
      const log = request.log.child({ submissionId: id });
      request.log = log;
      reply.log = log;
      const job = buildJob(id, request.body, app.catalog, Date.now());
      // Registered before publishing: a fast worker's result may arrive before publish returns.
      app.pendingLanguages.set(id, job.language);
      try {
        await app.jobs.publish(job);
      } catch (error) {
        app.pendingLanguages.delete(id);
        throw error;
      }
      app.metrics.accepted(job.language);
      await app.submissions.accept(id);
      log.info({ language: job.language, challengeId: request.body.challengeId, tests: job.cases.length }, 'submission accepted');

      const waitSeconds = Math.min(request.query.wait ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
      const result = await app.submissions.waitForResult(id, waitSeconds * 1000);
      if (result) return reply.status(200).send(result);
      const state = await app.submissions.get(id);
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
        response: { 200: Type.Union([SubmissionResultSchema, SubmissionPendingSchema]), 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const state = await app.submissions.get(request.params.id);
      if (!state) throw new RequestError(404, 'not_found', 'id', `submission ${request.params.id} is unknown or expired`);
      return state;
    },
  );
};
