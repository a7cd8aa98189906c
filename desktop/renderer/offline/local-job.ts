/**
 * Builds the job of a local Run from what a client holds: the public challenge (visible tests
 * only; hidden tests never reach a client) and the request. The judge core's own buildJob does
 * the checks and limits, so a local Run refuses exactly what the cloud would refuse for a Run.
 * Shared by desktop main (embedded judge) and the browser guest (Web Worker): judge-core's
 * build-job and catalog are runtime-neutral.
 */
import { isIoTest, type PublicChallenge, type SubmissionRequest } from '../../../protocol/index.js';
import { buildJob } from '../../../judge-core/build-job.js';
import { createCatalog, type LoadedChallenge } from '../../../judge-core/catalog.js';
import type { JudgeJob } from '../../../judge-core/job.js';

/** A catalog entry made of a public challenge: its visible tests are all the tests it has. */
export function loadedFromPublic(challenge: PublicChallenge): LoadedChallenge {
  return {
    id: challenge.id,
    title: challenge.title,
    difficulty: challenge.difficulty,
    tags: [...challenge.tags],
    entry: { ...challenge.entry },
    tests: challenge.tests.map((test) =>
      isIoTest(test)
        ? { name: test.name, input: test.input, expectedOutput: test.expectedOutput, hidden: false }
        : { name: test.name, args: test.args, expected: test.expected, hidden: false },
    ),
    languages: [...challenge.languages],
    statement: challenge.statement,
    ...(challenge.signature ? { signature: challenge.signature } : {}),
    starter: { ...challenge.starter },
    ...(challenge.compare ? { compare: { ...challenge.compare } } : {}),
  };
}

/**
 * The job of a local Run. Always mode `run`: a local judge never gives an official verdict, so a
 * Submit is never judged here (it goes to the outbox). Throws the core's SubmissionRejectedError.
 */
export function buildLocalJob(id: string, request: SubmissionRequest, challenge: PublicChallenge | undefined, now: number): JudgeJob {
  const catalog = createCatalog(challenge ? [loadedFromPublic(challenge)] : []);
  return buildJob(id, { ...request, mode: 'run' }, catalog, now);
}
