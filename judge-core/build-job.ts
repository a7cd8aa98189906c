/**
 * Turns a validated submission request into a job: picks the challenge's tests for the mode,
 * adds ad-hoc tests, and checks what the schema cannot (byte sizes, entry names, a language the
 * challenge offers). A pure function: every refusal is a SubmissionRejectedError naming the field.
 */
import {
  LANGUAGES,
  MAX_CASE_BYTES,
  MAX_CASES,
  MAX_CASES_TOTAL_BYTES,
  MAX_CODE_BYTES,
  MAX_PROGRAM_CASES,
  MAX_SCRIPT_BYTES,
  isIoTest,
  type SubmissionRequest,
} from '../protocol/index.js';
import { testsForMode, type Catalog } from './catalog.js';
import { argsMismatch } from './drivers/driver-input.js';
import { LANGUAGE_RUNTIMES } from './languages.js';
import { SubmissionRejectedError } from './errors.js';
import type { JobCase, JudgeJob } from './job.js';
import { MAX_VALUE_DEPTH, utf8Bytes, valueDepth } from './value-depth.js';

export function buildJob(id: string, request: SubmissionRequest, catalog: Catalog, now: number): JudgeJob {
  const mode = request.mode ?? 'submit';
  const codeBytes = utf8Bytes(request.code);
  if (codeBytes > MAX_CODE_BYTES) {
    throw new SubmissionRejectedError('invalid', 'code', `code is ${codeBytes} bytes; the limit is ${MAX_CODE_BYTES}`);
  }
  if (request.code.trim() === '') throw new SubmissionRejectedError('invalid', 'code', 'code is empty');
  const script = request.tests?.script;
  if (script !== undefined && utf8Bytes(script) > MAX_SCRIPT_BYTES) {
    throw new SubmissionRejectedError('invalid', 'tests.script', `tests.script is over ${MAX_SCRIPT_BYTES} bytes`);
  }

  const compiled = LANGUAGE_RUNTIMES[request.language].compile !== undefined;
  if (script !== undefined && script.trim() !== '' && !LANGUAGES[request.language].testStyles.includes('script')) {
    throw new SubmissionRejectedError('invalid', 'tests.script', `tests.script is not supported for ${LANGUAGES[request.language].name} yet`);
  }

  const cases: JobCase[] = [];
  let entry = request.tests?.entry;
  let compare: JudgeJob['compare'];
  let signature: JudgeJob['signature'];
  if (request.challengeId !== undefined) {
    const challenge = catalog.get(request.challengeId);
    if (!challenge) {
      throw new SubmissionRejectedError('not_found', 'challengeId', `challengeId "${request.challengeId}" is not in the catalog`);
    }
    const challengeEntry = challenge.entry[request.language];
    if (!challengeEntry || !challenge.languages.includes(request.language)) {
      throw new SubmissionRejectedError(
        'invalid',
        'language',
        `language "${request.language}" is not offered for ${challenge.id} (offered: ${challenge.languages.join(', ')})`,
      );
    }
    // The challenge decides which function its tests call; a request cannot point them elsewhere.
    entry = challengeEntry;
    signature = challenge.signature;
    cases.push(...testsForMode(challenge, mode));
    if (challenge.compare) compare = challenge.compare;
  }

  // A submit is the official verdict: only the challenge's own tests count. Ad-hoc tests join
  // a run, or make up the whole job when there is no challenge.
  const adHoc = request.challengeId === undefined || mode === 'run';
  const adHocCases = adHoc ? (request.tests?.cases ?? []) : [];
  // One run holds cases of one kind: a program fed on stdin has no entry function to call, and
  // the other way round (the challenge's cases set the kind when there is a challenge).
  const ioChallenge = (cases[0] ?? adHocCases[0]) !== undefined && isIoTest(cases[0] ?? adHocCases[0]!);
  if (ioChallenge && compiled && adHocCases.length > MAX_PROGRAM_CASES) {
    throw new SubmissionRejectedError(
      'invalid',
      'tests.cases',
      `tests.cases holds ${adHocCases.length} stdin/stdout cases; ${LANGUAGES[request.language].name} runs each in a container of its own, so the limit is ${MAX_PROGRAM_CASES}`,
    );
  }
  let total = 0;
  adHocCases.forEach((testCase, index) => {
    if (isIoTest(testCase) !== ioChallenge) {
      throw new SubmissionRejectedError(
        'invalid',
        `tests.cases[${index}]`,
        ioChallenge
          ? `tests.cases[${index}] is a function case, but ${request.challengeId === undefined ? 'the first case' : 'this challenge'} is judged on standard input and output`
          : `tests.cases[${index}] is a stdin/stdout case, but ${request.challengeId === undefined ? 'the first case' : 'this challenge'} has function cases`,
      );
    }
    if (isIoTest(testCase)) {
      const bytes = utf8Bytes(testCase.input) + utf8Bytes(testCase.expectedOutput);
      total += bytes;
      if (bytes > MAX_CASE_BYTES) {
        throw new SubmissionRejectedError('invalid', `tests.cases[${index}]`, `tests.cases[${index}] is over ${MAX_CASE_BYTES} bytes`);
      }
      cases.push({ name: testCase.name, input: testCase.input, expectedOutput: testCase.expectedOutput, hidden: false });
      return;
    }
    if (valueDepth([testCase.args, testCase.expected]) > MAX_VALUE_DEPTH) {
      throw new SubmissionRejectedError('invalid', `tests.cases[${index}]`, `tests.cases[${index}] nests deeper than ${MAX_VALUE_DEPTH} levels`);
    }
    if (compiled) {
      // A compiled driver reads arguments of the signature's types only.
      if (!signature) {
        throw new SubmissionRejectedError('invalid', 'tests.cases', `${LANGUAGES[request.language].name} cases need a challenge (its signature types the arguments)`);
      }
      const problem = argsMismatch(testCase.args, signature);
      if (problem) throw new SubmissionRejectedError('invalid', `tests.cases[${index}].args`, `tests.cases[${index}]: ${problem}`);
    }
    const bytes = utf8Bytes(JSON.stringify([testCase.args, testCase.expected ?? null]));
    total += bytes;
    if (bytes > MAX_CASE_BYTES) {
      throw new SubmissionRejectedError('invalid', `tests.cases[${index}]`, `tests.cases[${index}] is over ${MAX_CASE_BYTES} bytes`);
    }
    cases.push({ name: testCase.name, args: testCase.args, expected: testCase.expected ?? null, hidden: false });
  });
  if (total > MAX_CASES_TOTAL_BYTES) {
    throw new SubmissionRejectedError('invalid', 'tests.cases', `tests.cases together are over ${MAX_CASES_TOTAL_BYTES} bytes`);
  }
  if (cases.length > MAX_CASES * 2) {
    throw new SubmissionRejectedError('invalid', 'tests.cases', `too many tests (${cases.length})`);
  }
  if (ioChallenge && !LANGUAGES[request.language].testStyles.includes('stdin-stdout')) {
    throw new SubmissionRejectedError('invalid', 'tests.cases', `stdin/stdout cases are not supported for ${LANGUAGES[request.language].name} yet`);
  }
  if (adHocCases.length > 0 && !entry && !ioChallenge) {
    throw new SubmissionRejectedError('invalid', 'tests.entry', 'tests.entry is required to run cases without a challenge');
  }
  const runsScript = adHoc && script !== undefined && script.trim() !== '';
  // A compiled language builds the tests into the program (judge-core/program-run.ts), which is
  // another build than the function-case driver's: one job holds one of the two.
  if (runsScript && compiled && cases.length > 0) {
    throw new SubmissionRejectedError(
      'invalid',
      'tests.script',
      `tests.script cannot run beside a challenge's cases in ${LANGUAGES[request.language].name}: run it without challengeId`,
    );
  }
  if (runsScript && ioChallenge) {
    throw new SubmissionRejectedError('invalid', 'tests.script', 'tests.script cannot run with stdin/stdout cases: the program is the whole submission');
  }
  if (cases.length === 0 && !runsScript) {
    throw new SubmissionRejectedError(
      'invalid',
      request.challengeId === undefined ? 'tests' : 'challengeId',
      request.challengeId === undefined
        ? 'nothing to run: give a challengeId, or tests with cases or a script'
        : 'nothing to run: the challenge has no tests for this mode',
    );
  }

  return {
    id,
    language: request.language,
    code: request.code,
    ...(entry && cases.length > 0 && !ioChallenge ? { entry } : {}),
    ...(signature && compiled && !ioChallenge ? { signature } : {}),
    cases,
    ...(runsScript ? { script } : {}),
    ...(compare ? { compare } : {}),
    submittedAt: now,
  };
}
