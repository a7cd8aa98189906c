/**
 * Messages on the broker: a job (judge-core/job.ts) and a reply, which carries the finished result
 * or a "running" notice. Both are validated when read: a malformed message is a bug, not user input.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SubmissionResultSchema } from '../../protocol/index.js';
import { JobTimingSchema, JudgeJobSchema, type JudgeJob } from '../../judge-core/job.js';

export type { JobCase, JobTiming, JudgeJob } from '../../judge-core/job.js';

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
