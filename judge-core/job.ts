/**
 * A judge job: everything a sandbox run needs, expected values included (they stay on the
 * judge's side of the sandbox and never enter it). Built by `buildJob`, carried by any queue,
 * run by `runJob`. Validated when read from a queue: a malformed job is a bug, not user input.
 */
import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, OutputCompareSchema, SignatureSchema } from '../protocol/index.js';

export const FunctionJobCaseSchema = Type.Object({
  name: Type.String(),
  args: Type.Array(Type.Unknown()),
  expected: Type.Unknown(),
  hidden: Type.Boolean(),
});

/** A stdin/stdout case (protocol/challenge.ts IoTest). */
export const IoJobCaseSchema = Type.Object({
  name: Type.String(),
  input: Type.String(),
  expectedOutput: Type.String(),
  hidden: Type.Boolean(),
});

export const JobCaseSchema = Type.Union([FunctionJobCaseSchema, IoJobCaseSchema]);
export type JobCase = Static<typeof JobCaseSchema>;

export const JudgeJobSchema = Type.Object({
  id: Type.String(),
  language: LanguageSchema,
  code: Type.String(),
  entry: Type.Optional(Type.String()),
  /** The challenge's typed signature: compiled languages generate their driver from it. */
  signature: Type.Optional(SignatureSchema),
  cases: Type.Array(JobCaseSchema),
  script: Type.Optional(Type.String()),
  /** How stdin/stdout cases' output is compared (`exact` when absent). */
  compare: Type.Optional(OutputCompareSchema),
  /** Per-test time budget chosen by the challenge, clamped by the worker's own maximum. */
  testTimeoutMs: Type.Optional(Type.Number()),
  submittedAt: Type.Number(),
});
export type JudgeJob = Static<typeof JudgeJobSchema>;

export const JobTimingSchema = Type.Object({ queueWaitMs: Type.Number(), runMs: Type.Number() });
export type JobTiming = Static<typeof JobTimingSchema>;

/** What running a job produced: the contract's result plus how long it waited and ran. */
export interface HandledJob {
  result: import('../protocol/index.js').SubmissionResult;
  timing: JobTiming;
}
