/**
 * Comparing a value the harness reported (serialized, with "$pj" tags: protocol/harness.ts) with
 * the plain JSON expected value of a case, and showing serialized values to people.
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

const MAX_RENDER = 4000;

/** A readable rendering: undefined, NaN, -Infinity, 12n, Map(…), Set(…), [Function f] … */
export function formatValue(v: unknown): string {
  const text = render(v, 0);
  return text.length > MAX_RENDER ? text.slice(0, MAX_RENDER) + '…' : text;
}

function render(v: unknown, depth: number): string {
  if (depth > 70) return '…';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v === 'boolean') return String(v);
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return '[' + v.map((x) => render(x, depth + 1)).join(', ') + ']';
  if (!isPlainObject(v)) return String(v);
  if (isTagged(v)) {
    switch (v[SERIALIZED_TAG]) {
      case 'undefined':
        return 'undefined';
      case 'nan':
        return 'NaN';
      case 'infinity':
        return v.sign === -1 ? '-Infinity' : 'Infinity';
      case 'bigint':
        return String(v.value) + 'n';
      case 'circular':
        return '[Circular]';
      case 'truncated':
        return '…';
      case 'function':
        return typeof v.name === 'string' && v.name !== '' ? '[Function ' + v.name + ']' : '[Function]';
      case 'symbol':
        return typeof v.description === 'string' ? 'Symbol(' + v.description + ')' : 'Symbol()';
      case 'map': {
        const entries = Array.isArray(v.entries) ? v.entries : [];
        const body = entries.map((e) => (Array.isArray(e) ? render(e[0], depth + 1) + ' => ' + render(e[1], depth + 1) : '?'));
        return 'Map(' + entries.length + ') {' + (body.length ? ' ' + body.join(', ') + ' ' : '') + '}';
      }
      case 'set': {
        const values = Array.isArray(v.values) ? v.values : [];
        return 'Set(' + values.length + ') {' + (values.length ? ' ' + values.map((x) => render(x, depth + 1)).join(', ') + ' ' : '') + '}';
      }
      case 'object':
        return typeof v.repr === 'string' ? v.repr : '[' + String(v.type) + ']';
      case 'escaped':
        return isPlainObject(v.value) ? renderObject(v.value, depth) : '{}';
      default:
        return JSON.stringify(v);
    }
  }
  return renderObject(v, depth);
}

function renderObject(o: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return '{}';
  return '{ ' + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)) + ': ' + render(o[k], depth + 1)).join(', ') + ' }';
}
