/**
 * Sends one job through the gateway's own path to the workers (the broker and the submission
 * store) and waits for its result: how authored challenges get their reference solutions judged
 * by the real judge. The same calls POST /v1/submissions makes.
 */
import type { FastifyInstance } from 'fastify';
import type { JudgeOnce } from '../authored/verify-reference.js';

export function judgeThroughQueue(app: FastifyInstance, timeoutMs: number): JudgeOnce {
  return async (job) => {
    await app.jobs.publish(job);
    await app.submissions.accept(job.id);
    return app.submissions.waitForResult(job.id, timeoutMs);
  };
}
