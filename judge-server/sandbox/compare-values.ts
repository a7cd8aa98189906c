/**
 * Comparing a value the harness reported (serialized, with "$pj" tags: protocol/harness.ts) with
 * the plain JSON expected value of a case (the renderer shows such values with its own formatter).
 * Runs in the worker, outside the sandbox; never executes anything from the submission.
 */
import { SERIALIZED_TAG } from '../../protocol/index.js';

type Tagged = Record<string, unknown> & { [SERIALIZED_TAG]: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTagged(v: unknown): v is Tagged {
  return isPlainObject(v) && typeof v[SERIALIZED_TAG] === 'string';
}

/**
 * Numbers are equal within 1e-9, relative to the larger magnitude or absolute near zero: a
 * solution that sums floats in another order (0.1 + 0.2 vs 0.3) or a Python and a JavaScript
 * solution computing the same formula must not be judged wrong for the last bits of a double.
 * Integers of ordinary size still have to match exactly in practice (they differ by >= 1).
 */
function numbersEqual(a: number, b: number): boolean {
  if (a === b) return true; // also -0 === 0
  const diff = Math.abs(a - b);
  return diff <= 1e-9 || diff <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Deep equality of a serialized actual value with a plain JSON expected value. */
export function valuesEqual(actual: unknown, expected: unknown): boolean {
  if (isTagged(actual)) return taggedEqual(actual, expected);
  if (typeof actual === 'number') return typeof expected === 'number' && numbersEqual(actual, expected);
  if (actual === null || typeof actual !== 'object') return actual === expected;
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || expected.length !== actual.length) return false;
    return actual.every((item, i) => valuesEqual(item, expected[i]));
  }
  return objectsEqual(actual as Record<string, unknown>, expected);
}

function objectsEqual(actual: Record<string, unknown>, expected: unknown): boolean {
  if (!isPlainObject(expected)) return false;
  const keys = Object.keys(actual);
  if (keys.length !== Object.keys(expected).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(expected, k) && valuesEqual(actual[k], expected[k]));
}

function taggedEqual(actual: Tagged, expected: unknown): boolean {
  switch (actual[SERIALIZED_TAG]) {
    // A plain object that had its own "$pj" key: compare its literal keys.
    case 'escaped':
      return isPlainObject(actual.value) && objectsEqual(actual.value, expected);
    // A bigint equals an integer JSON number of the same value (JSON has no bigints; an expected
    // 2**64 written as a number is what the author meant), or a string of its digits never.
    case 'bigint':
      return typeof expected === 'number' && Number.isInteger(expected) && typeof actual.value === 'string' && BigInt(actual.value) === BigInt(expected);
    // A Set compares as an array of its members (in order; Python sets arrive sorted already).
    case 'set':
      return Array.isArray(actual.values) && valuesEqual(actual.values, expected);
    // NaN, Infinity, undefined, functions, symbols, cycles, truncation, maps and other objects
    // have no plain JSON form: they never equal an expected value.
    default:
      return false;
  }
}
