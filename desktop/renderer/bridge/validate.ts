/**
 * Schema validation that names the offending field, for IPC arguments and settings.
 * Shared by main (IPC handlers, settings store) and the browser guest.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export interface FieldProblem {
  /** Dotted path of the bad field, e.g. "request.code"; the label alone for the value itself. */
  field: string;
  message: string;
}

/** Answers undefined when `value` fits `schema`, else the first problem with its field named. */
export function findProblem(schema: TSchema, value: unknown, label: string): FieldProblem | undefined {
  if (Value.Check(schema, value)) return undefined;
  const first = Value.Errors(schema, value).First();
  const pointer = first?.path ?? '';
  const field = pointer === '' ? label : `${label}.${pointer.slice(1).split('/').join('.')}`;
  return { field, message: `${field}: ${first?.message ?? 'invalid value'}` };
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
