/**
 * Comparing a value the harness reported (serialized, with "$pj" tags: protocol/harness.ts) with
 * the plain JSON expected value of a case (the renderer shows such values with its own formatter).
 * Runs in the worker, outside the sandbox; never executes anything from the submission.
 */
import { MAX_VALUE_DEPTH } from './value-depth.js';
import { SERIALIZED_TAG } from '../protocol/index.js';

type Tagged = Record<string, unknown> & { [SERIALIZED_TAG]: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTagged(v: unknown): v is Tagged {
  return isPlainObject(v) && typeof v[SERIALIZED_TAG] === 'string';
}

/**
 * Two integers must match exactly: answers modulo 1e9+7, counts and ids are integers, and a
 * relative tolerance would accept 2000000001 for 2000000000. A non-integer answer to an integer
 * expected value must also round to it.
 *
 * Other numbers are equal within 1e-9, relative to the larger magnitude or absolute near zero: a
 * solution that sums floats in another order (0.1 + 0.2 vs 0.3) or a Python and a JavaScript
 * solution computing the same formula must not be judged wrong for the last bits of a double.
 */
function numbersEqual(actual: number, expected: number): boolean {
  const a = actual;
  const b = expected;
  if (a === b) return true; // also -0 === 0
  // A forged report can carry 1e400, which JSON.parse reads as Infinity; the relative tolerance
  // below would then accept it for any expected number (Infinity <= 1e-9 * Infinity).
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b)) return false;
  const diff = Math.abs(a - b);
  // A float answer to an integer expected value must at least round to it: the relative slack
  // alone would accept 2000000001.5 for 2000000000 (or 345 off for 1.2e14).
  if (Number.isInteger(expected) && diff >= 0.5) return false;
  return diff <= 1e-9 || diff <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Deep equality of a serialized actual value with a plain JSON expected value. Total: whatever
 * shape a (possibly forged) report has, it answers true or false and never throws.
 */
export function valuesEqual(actual: unknown, expected: unknown): boolean {
  return equalAt(actual, expected, 0);
}

function equalAt(actual: unknown, expected: unknown, depth: number): boolean {
  if (depth > MAX_VALUE_DEPTH) return false;
  if (isTagged(actual)) return taggedEqual(actual, expected, depth);
  if (typeof actual === 'number') return typeof expected === 'number' && numbersEqual(actual, expected);
  if (actual === null || typeof actual !== 'object') return actual === expected;
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || expected.length !== actual.length) return false;
    return actual.every((item, i) => equalAt(item, expected[i], depth + 1));
  }
  return objectsEqual(actual as Record<string, unknown>, expected, depth);
}

function objectsEqual(actual: Record<string, unknown>, expected: unknown, depth: number): boolean {
  if (!isPlainObject(expected)) return false;
  const keys = Object.keys(actual);
  if (keys.length !== Object.keys(expected).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(expected, k) && equalAt(actual[k], expected[k], depth + 1));
}

function taggedEqual(actual: Tagged, expected: unknown, depth: number): boolean {
  switch (actual[SERIALIZED_TAG]) {
    // A plain object that had its own "$pj" key: compare its literal keys.
    case 'escaped':
      return isPlainObject(actual.value) && objectsEqual(actual.value, expected, depth + 1);
    // A bigint equals an integer JSON number of the same value (JSON has no bigints; an expected
    // 2**64 written as a number is what the author meant), or a string of its digits never.
    case 'bigint':
      return (
        typeof expected === 'number' &&
        Number.isInteger(expected) &&
        typeof actual.value === 'string' &&
        /^-?\d{1,400}$/.test(actual.value) &&
        BigInt(actual.value) === BigInt(expected)
      );
    // A Set compares as an array of its members (in order; Python sets arrive sorted already).
    case 'set':
      return Array.isArray(actual.values) && equalAt(actual.values, expected, depth + 1);
    // NaN, Infinity, undefined, functions, symbols, cycles, truncation, maps and other objects
    // have no plain JSON form: they never equal an expected value.
    default:
      return false;
  }
}
