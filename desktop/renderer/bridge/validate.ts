/**
 * Schema validation that names the offending field, for IPC arguments and settings.
 * Shared by main (IPC handlers, settings store) and the browser guest.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import type { ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';

export interface FieldProblem {
  /** Dotted path of the bad field, e.g. "request.code"; the label alone for the value itself. */
  field: string;
  message: string;
}

/** Answers undefined when `value` fits `schema`, else the first problem with its field named. */
export function findProblem(schema: TSchema, value: unknown, label: string): FieldProblem | undefined {
  if (Value.Check(schema, value)) return undefined;
  const first = mostSpecific(Value.Errors(schema, value).First());
  const pointer = first?.path ?? '';
  const field = pointer === '' ? label : `${label}.${pointer.slice(1).split('/').join('.')}`;
  return { field, message: `${field}: ${first?.message ?? 'invalid value'}` };
}

/** Errors looked at per union variant: enough to rank them, bounded for a huge bad value. */
const VARIANT_ERRORS_SEEN = 20;

/**
 * A value that fits no variant of a union (a challenge test that is neither a function case nor a
 * stdin/stdout case) is reported at the union itself, which names no field. The variant it came
 * closest to — fewest errors, then the deepest path — names the field the person got wrong.
 */
function mostSpecific(error: ValueError | undefined): ValueError | undefined {
  if (!error || error.errors.length === 0) return error;
  let best: { error: ValueError; count: number } | undefined;
  for (const variant of error.errors) {
    let first: ValueError | undefined;
    let count = 0;
    for (const item of variant) {
      first ??= item;
      if (++count >= VARIANT_ERRORS_SEEN) break;
    }
    if (!first) continue;
    if (!best || count < best.count || (count === best.count && first.path.length > best.error.path.length)) best = { error: first, count };
  }
  return best ? mostSpecific(best.error) : error;
}

export class ValidationError extends Error {
  readonly field: string;
  constructor(problem: FieldProblem) {
    super(problem.message);
    this.name = 'ValidationError';
    this.field = problem.field;
  }
}

/** Throws ValidationError naming the field unless `value` fits `schema`. */
export function assertValid<T extends TSchema>(schema: T, value: unknown, label: string): asserts value is Static<T> {
  const problem = findProblem(schema, value, label);
  if (problem) throw new ValidationError(problem);
}
