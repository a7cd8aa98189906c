/**
 * The harness contract's "Serialized values" and input checks (protocol/harness.ts), written once
 * as a table and run against BOTH harnesses (test/unit/harness-values.test.ts). A row gives the
 * value in each language it exists in (a source expression) and what the report must carry.
 *
 * A row a harness does not meet yet stays in the table with `disagrees` naming the harness and
 * what it does instead; the test leaves that language out of its assertions (and says so in its
 * title) rather than weakening the expectation. Remove the mark when the harness is fixed.
 */
import type { HarnessLanguage } from './harness-runner.js';

/**
 * Helpers the expressions may use, defined in both languages before the values: `named` is a
 * function named "named", `nest(n)` is 0 inside n nested arrays (lists).
 */
export const VALUE_HELPERS: Record<HarnessLanguage, string> = {
  javascript: 'function named() {}\nfunction nest(n) { let v = 0; for (let i = 0; i < n; i++) v = [v]; return v; }\n',
  python: 'def named():\n    pass\n\n\ndef nest(n):\n    v = 0\n    for _ in range(n):\n        v = [v]\n    return v\n',
};

export interface ValueRow {
  what: string;
  /** A JavaScript expression, evaluated inside the case's function. */
  javascript?: string;
  /** A Python expression, evaluated inside the case's function. */
  python?: string;
  /** The serialized value the report must carry. */
  expected: unknown;
  /** Harnesses that do not meet this row yet, with what they do instead. */
  disagrees?: Partial<Record<HarnessLanguage, string>>;
}

/** `levels` arrays nested around `inner`. */
function nested(levels: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

const TRUNCATED = { $pj: 'truncated' };

export const VALUE_TABLE: ValueRow[] = [
  // ---- Plain JSON ------------------------------------------------------------------------------
  { what: 'null / None', javascript: 'null', python: 'None', expected: null },
  { what: 'booleans', javascript: '[true, false]', python: '[True, False]', expected: [true, false] },
  { what: 'integers and floats', javascript: '[0, -7, 1.5, 1e21]', python: '[0, -7, 1.5, 1e21]', expected: [0, -7, 1.5, 1e21] },
  { what: 'a float with an integral value is a number', javascript: '2.0', python: '2.0', expected: 2 },
  { what: 'unicode strings', javascript: '"héllo 😀"', python: '"héllo 😀"', expected: 'héllo 😀' },
  {
    what: 'nested arrays and objects, key order kept',
    javascript: '{ b: [1, { c: "d" }], a: null }',
    python: '{"b": [1, {"c": "d"}], "a": None}',
    expected: { b: [1, { c: 'd' }], a: null },
  },
  {
    what: 'negative zero is 0 (JSON has no -0: JSON.stringify(-0) is "0")',
    javascript: '-0',
    python: '-0.0',
    expected: 0,
    disagrees: { python: 'writes -0.0, which the judge reads back as -0 (the comparison treats -0 and 0 as equal, so no verdict changes)' },
  },
  { what: 'the largest safe integer is a number', javascript: '9007199254740991', python: '2**53 - 1', expected: 9007199254740991 },

  // ---- Tags for what JSON cannot carry ---------------------------------------------------------
  { what: 'undefined (JavaScript only)', javascript: 'undefined', expected: { $pj: 'undefined' } },
  { what: 'NaN', javascript: 'NaN', python: 'float("nan")', expected: { $pj: 'nan' } },
  { what: 'positive infinity', javascript: 'Infinity', python: 'float("inf")', expected: { $pj: 'infinity', sign: 1 } },
  { what: 'negative infinity', javascript: '-Infinity', python: 'float("-inf")', expected: { $pj: 'infinity', sign: -1 } },
  { what: 'a big integer', javascript: '2n ** 64n', python: '2**64', expected: { $pj: 'bigint', value: '18446744073709551616' } },
  { what: 'a negative big integer', javascript: '-(2n ** 64n)', python: '-(2**64)', expected: { $pj: 'bigint', value: '-18446744073709551616' } },
  { what: 'a small JavaScript BigInt is still a bigint', javascript: '5n', expected: { $pj: 'bigint', value: '5' } },
  { what: 'a Python int just past 2**53 is a bigint', python: '2**53 + 1', expected: { $pj: 'bigint', value: '9007199254740993' } },
  {
    what: 'a container that holds itself',
    javascript: '(() => { const a = [1]; a.push(a); return a; })()',
    python: '(lambda a: (a.append(a), a)[1])([1])',
    expected: [1, { $pj: 'circular' }],
  },
  {
    what: 'the same value twice is not circular',
    javascript: '(() => { const x = [1]; return [x, x]; })()',
    python: '(lambda x: [x, x])([1])',
    expected: [[1], [1]],
  },
  { what: 'a named function', javascript: 'named', python: 'named', expected: { $pj: 'function', name: 'named' } },
  { what: 'a symbol (JavaScript only)', javascript: 'Symbol("s")', expected: { $pj: 'symbol', description: 's' } },
  { what: 'deeper than 64 levels is truncated', javascript: 'nest(70)', python: 'nest(70)', expected: nested(64, TRUNCATED) },
  { what: '64 levels are kept', javascript: 'nest(64)', python: 'nest(64)', expected: nested(64, 0) },
  {
    what: 'a map (JavaScript Map, Python dict with non-string keys)',
    javascript: 'new Map([[1, "a"], [2, "b"]])',
    python: '{1: "a", 2: "b"}',
    expected: { $pj: 'map', entries: [[1, 'a'], [2, 'b']] },
  },
  { what: 'a JavaScript Set', javascript: 'new Set([3, 1])', expected: { $pj: 'set', values: [3, 1] } },
  { what: 'a Python set whose items sort is a sorted array', python: '{3, 1, 2}', expected: [1, 2, 3] },
  {
    what: 'a plain object with its own "$pj" key is escaped',
    javascript: '({ $pj: "nan", a: [NaN] })',
    python: '{"$pj": "nan", "a": [float("nan")]}',
    expected: { $pj: 'escaped', value: { $pj: 'nan', a: [{ $pj: 'nan' }] } },
  },
  {
    what: 'any other Python object is its type and repr',
    python: 'type("Point", (), {"__repr__": lambda self: "Point(1, 2)"})()',
    expected: { $pj: 'object', type: 'Point', repr: 'Point(1, 2)' },
  },
  {
    what: 'a Python repr is capped at 200 characters',
    python: 'type("Long", (), {"__repr__": lambda self: "x" * 500})()',
    expected: { $pj: 'object', type: 'Long', repr: 'x'.repeat(200) + '…' },
  },
  { what: 'a Python set of strings is sorted too', python: 'frozenset({"b", "a"})', expected: ['a', 'b'] },
  {
    what: 'a Python dict with tuple keys is a map whose keys are arrays',
    python: '{(1, 2): "a"}',
    expected: { $pj: 'map', entries: [[[1, 2], 'a']] },
  },
  {
    what: 'a JavaScript Map and Set nest like any value',
    javascript: '({ m: new Map([[{ k: 1 }, new Set(["z"])]]) })',
    expected: { m: { $pj: 'map', entries: [[{ k: 1 }, { $pj: 'set', values: ['z'] }]] } },
  },
  { what: 'a Python map nests like any value', python: '{"m": {1: 2}}', expected: { m: { $pj: 'map', entries: [[1, 2]] } } },
  { what: 'Python tuples are arrays', python: '(1, (2, 3))', expected: [1, [2, 3]] },
  { what: 'JavaScript Dates are ISO strings', javascript: 'new Date(0)', expected: '1970-01-01T00:00:00.000Z' },
  { what: 'JavaScript typed arrays are arrays', javascript: 'new Uint8Array([1, 2, 255])', expected: [1, 2, 255] },

  // ---- What is read of an object ---------------------------------------------------------------
  {
    what: 'a getter never runs: the accessor is left out',
    javascript: '({ a: 1, get b() { throw new Error("ran"); } })',
    expected: { a: 1 },
  },
  {
    what: 'an accessor array element reads as undefined',
    javascript: '(() => { const a = [1, 2]; Object.defineProperty(a, 1, { get() { return 3; }, enumerable: true }); return a; })()',
    expected: [1, { $pj: 'undefined' }],
  },
  { what: 'a hole in an array reads as undefined', javascript: '[1, , 3]', expected: [1, { $pj: 'undefined' }, 3] },
  { what: 'a property holding undefined is kept', javascript: '({ a: undefined })', expected: { a: { $pj: 'undefined' } } },
  { what: 'a class instance is its own properties', javascript: 'new (class Point { constructor() { this.x = 1; } })()', expected: { x: 1 } },
  { what: 'an object without a prototype is a plain object', javascript: 'Object.assign(Object.create(null), { q: 1 })', expected: { q: 1 } },
  {
    what: 'only own enumerable properties are read',
    javascript: '(() => { const o = Object.create({ inherited: 1 }); o.own = 2; Object.defineProperty(o, "hidden", { value: 3, enumerable: false }); return o; })()',
    expected: { own: 2 },
  },
];

/**
 * The value budget (limits.valueBytes): past it, the rest of a container is cut and a `truncated`
 * tag ends it. How much fits is approximate by design (UTF-16 units in JavaScript), so these rows
 * state the shape, not the exact cut.
 */
export interface BudgetRow {
  what: string;
  javascript: string;
  python: string;
  valueBytes: number;
  /** What any harness's value must satisfy. */
  holds: (value: unknown) => string | undefined;
}

export const BUDGET_TABLE: BudgetRow[] = [
  {
    what: 'a string longer than the budget is a truncated tag',
    javascript: '"x".repeat(2000)',
    python: '"x" * 2000',
    valueBytes: 256,
    holds: (value) => (JSON.stringify(value) === JSON.stringify(TRUNCATED) ? undefined : `got ${JSON.stringify(value).slice(0, 80)}`),
  },
  {
    what: 'a long array is cut and ends with a truncated tag',
    javascript: 'Array.from({ length: 1000 }, (_, i) => i)',
    python: 'list(range(1000))',
    valueBytes: 256,
    holds: (value) => {
      if (!Array.isArray(value)) return 'not an array';
      if (value.length >= 1000 || value.length < 10) return `kept ${value.length} items of 1000 within 256 bytes`;
      if (JSON.stringify(value.at(-1)) !== JSON.stringify(TRUNCATED)) return 'does not end with a truncated tag';
      return value.slice(0, -1).every((v, i) => v === i) ? undefined : 'the kept items are not the first ones';
    },
  },
  {
    what: 'the cut keeps the serialized value near the budget',
    javascript: 'Array.from({ length: 200 }, () => "x".repeat(100))',
    python: '["x" * 100 for _ in range(200)]',
    valueBytes: 1024,
    holds: (value) => {
      const size = JSON.stringify(value).length;
      return size <= 2 * 1024 ? undefined : `serialized size ${size} is far past the 1024-byte budget`;
    },
  },
];

/**
 * Input checks: a malformed job gets a report with `fatal` naming the field, never a crash and
 * never a run. `stdin` is the exact text written to the harness.
 */
export interface InputRow {
  what: string;
  stdin: string;
  /** The fatal message must contain this (the field's name). */
  names: string;
}

const LIMITS = { testTimeoutMs: 1000, outputBytes: 1024, valueBytes: 1024 };
const job = (fields: Record<string, unknown>) => JSON.stringify({ nonce: 'n0nce', code: 'x = 1', cases: [], limits: LIMITS, ...fields });

export const INPUT_TABLE: InputRow[] = [
  { what: 'text that is not JSON', stdin: '{ not json', names: '' },
  { what: 'a JSON array instead of an object', stdin: '[]', names: '' },
  { what: 'code that is not a string', stdin: job({ code: 42 }), names: 'code' },
  { what: 'cases that are not an array', stdin: job({ cases: {} }), names: 'cases' },
  { what: 'a case without a string name', stdin: job({ entry: 'f', cases: [{ name: 1, args: [] }] }), names: 'cases[0]' },
  { what: 'a case without an args array', stdin: job({ entry: 'f', cases: [{ name: 'a', args: 'x' }] }), names: 'cases[0]' },
  { what: 'cases without an entry', stdin: job({ cases: [{ name: 'a', args: [] }] }), names: 'entry' },
  { what: 'a script that is not a string', stdin: job({ script: 5 }), names: 'script' },
  { what: 'a time limit that is not a number', stdin: job({ limits: { ...LIMITS, testTimeoutMs: 'soon' } }), names: 'limits.testTimeoutMs' },
  { what: 'an output limit that is not finite', stdin: job({ limits: { ...LIMITS, outputBytes: null } }), names: 'limits.outputBytes' },
  { what: 'a value limit that is missing', stdin: job({ limits: { testTimeoutMs: 1000, outputBytes: 1024 } }), names: 'limits.valueBytes' },
];
