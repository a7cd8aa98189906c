/**
 * A reference solution must pass every test of its challenge, hidden ones included, before the
 * challenge is saved: a challenge whose own author cannot pass it would only produce wrong
 * verdicts. Each reference is judged like any submission (buildJob with mode `submit`, then the
 * real judge); how a job reaches the judge is injected, so this runs with the gateway's queue in
 * production and with a fake in unit tests.
 */
import { randomUUID } from 'node:crypto';
import type { SubmissionResult } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import { createCatalog, type LoadedChallenge } from '../../judge-core/catalog.js';
import { SubmissionRejectedError } from '../../judge-core/errors.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { RequestError } from '../gateway/request-error.js';

/** Runs one job on the judge and answers its result, or undefined if none came in time. */
export type JudgeOnce = (job: JudgeJob) => Promise<SubmissionResult | undefined>;

/** Judges every reference solution; answers the languages accepted, or throws a 400 naming the one that failed. */
export type VerifyReference = (challenge: LoadedChallenge, reference: Record<string, string>) => Promise<string[]>;

export function createReferenceVerifier(judge: JudgeOnce): VerifyReference {
  return async (challenge, reference) => {
    // The route has checked that each language is one the challenge offers (buildJob checks again).
    const languages = Object.keys(reference).sort();
    const accepted: string[] = [];
    // One at a time: a coach saving a challenge should not take a whole worker pool at once.
    for (const language of languages) {
      const field = `reference.${language}`;
      let job: JudgeJob;
      try {
        // A catalog of just this challenge: it is not saved yet, so the gateway's catalog lacks it.
        job = buildJob(randomUUID(), { language: language as JudgeJob['language'], code: reference[language]!, challengeId: challenge.id, mode: 'submit' }, createCatalog([challenge]), Date.now());
      } catch (error) {
        if (error instanceof SubmissionRejectedError) throw new RequestError(400, 'invalid_request', field, `${field}: ${error.message}`);
        throw error;
      }
      const result = await judge(job);
      if (!result) throw new RequestError(503, 'unavailable', field, `The judge gave no verdict for ${field} in time; nothing was saved`);
      if (result.verdict !== 'accepted') {
        // The coach wrote the hidden tests, so naming the failing one reveals nothing to them.
        const failed = result.tests.find((t) => !t.passed);
        const detail = failed ? ` (first failing test: "${failed.name}"${failed.error ? `: ${failed.error.slice(0, 200)}` : ''})` : '';
        throw new RequestError(400, 'invalid_request', field, `${field} does not pass the tests: ${result.verdict}${detail}; nothing was saved`);
      }
      accepted.push(language);
    }
    return accepted;
  };
}
