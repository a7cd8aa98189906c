/**
 * Messages on the broker. A job carries everything the worker needs, expected values included
 * (they stay on the worker's side of the sandbox); a reply carries the finished result or a
 * "running" notice. Both are validated when read: a malformed message is a bug, not user input.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LanguageSchema, SubmissionResultSchema } from '../../protocol/index.js';

export const JobCaseSchema = Type.Object({
  name: Type.String(),
  args: Type.Array(Type.Unknown()),
  expected: Type.Unknown(),
  hidden: Type.Boolean(),
});
export type JobCase = Static<typeof JobCaseSchema>;

export const JudgeJobSchema = Type.Object({
  id: Type.String(),
  language: LanguageSchema,
  code: Type.String(),
  entry: Type.Optional(Type.String()),
  cases: Type.Array(JobCaseSchema),
  script: Type.Optional(Type.String()),
  /** Per-test time budget chosen by the challenge, clamped by the worker's own maximum. */
  testTimeoutMs: Type.Optional(Type.Number()),
  submittedAt: Type.Number(),
});
export type JudgeJob = Static<typeof JudgeJobSchema>;

export const JobTimingSchema = Type.Object({ queueWaitMs: Type.Number(), runMs: Type.Number() });
export type JobTiming = Static<typeof JobTimingSchema>;

export const ReplySchema = Type.Union([
  Type.Object({ type: Type.Literal('running'), id: Type.String() }),
  Type.Object({
    type: Type.Literal('result'),
    result: SubmissionResultSchema,
    timing: Type.Optional(JobTimingSchema),
  }),
]);
export type Reply = Static<typeof ReplySchema>;

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

export function encodeMessage(value: JudgeJob | Reply): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function decodeJob(content: Buffer): JudgeJob {
  return decode(JudgeJobSchema, content, 'job');
}

export function decodeReply(content: Buffer): Reply {
  return decode(ReplySchema, content, 'reply');
}

function decode<T extends typeof JudgeJobSchema | typeof ReplySchema>(schema: T, content: Buffer, what: string): Static<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new MalformedMessageError(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (!Value.Check(schema, parsed)) {
    const first = Value.Errors(schema, parsed).First();
    throw new MalformedMessageError(`${what} is malformed at ${first?.path || '/'}: ${first?.message ?? 'invalid'}`);
  }
  return parsed as Static<T>;
}
