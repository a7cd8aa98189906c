/**
 * Sends one job through the gateway's own path to the workers (the submission store, its outbox
 * and the queue) and waits for its result: how authored challenges get their reference solutions
 * judged by the real judge. The same calls POST /v1/submissions makes, without the backpressure
 * limit (a coach saving a challenge is not a burst of anonymous submissions).
 */
import type { FastifyInstance } from 'fastify';
import type { JudgeOnce } from '../authored/verify-reference.js';
import { requestHash } from './store/request-hash.js';

export function judgeThroughQueue(app: FastifyInstance, timeoutMs: number): JudgeOnce {
  return async (job) => {
    const outcome = await app.submissions.accept({
      id: job.id,
      requestHash: requestHash({ reference: job.id }),
      job,
      now: Date.now(),
      maxQueued: Number.MAX_SAFE_INTEGER,
    });
    if (outcome.kind !== 'created') return undefined;
    app.outbox.kick();
    return app.resultWaiters.wait(job.id, timeoutMs);
  };
}
