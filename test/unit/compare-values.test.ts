import { describe, expect, it } from 'vitest';
import { valuesEqual } from '../../judge-core/compare-values.js';

describe('valuesEqual', () => {
  it('compares plain JSON deeply', () => {
    expect(valuesEqual([0, 1], [0, 1])).toBe(true);
    expect(valuesEqual([0, 1], [1, 0])).toBe(false);
    expect(valuesEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(valuesEqual('1', 1)).toBe(false);
    expect(valuesEqual(null, null)).toBe(true);
    expect(valuesEqual([], {})).toBe(false);
    expect(valuesEqual(true, 1)).toBe(false);
  });

  it('treats numbers within 1e-9 as equal, and -0 as 0', () => {
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(valuesEqual(1e12 + 1e-4, 1e12)).toBe(true);
    expect(valuesEqual(1.0001, 1)).toBe(false);
    expect(valuesEqual(-0, 0)).toBe(true);
    expect(valuesEqual(3, 4)).toBe(false);
  });

  it('never equates a non-finite number (JSON.parse reads a forged 1e400 as Infinity) with a finite one', () => {
    expect(valuesEqual(JSON.parse('[1e400,-1e400]'), [0, 1])).toBe(false);
    expect(valuesEqual(Infinity, 5)).toBe(false);
    expect(valuesEqual(NaN, 0)).toBe(false);
  });

  it('never equates tags without a JSON form to plain values', () => {
    expect(valuesEqual({ $pj: 'undefined' }, null)).toBe(false);
    expect(valuesEqual({ $pj: 'nan' }, { $pj: 'nan' })).toBe(false);
    expect(valuesEqual({ $pj: 'infinity', sign: 1 }, 1e308)).toBe(false);
    expect(valuesEqual({ $pj: 'circular' }, {})).toBe(false);
    expect(valuesEqual({ $pj: 'truncated' }, [])).toBe(false);
    expect(valuesEqual({ $pj: 'function', name: 'f' }, 'f')).toBe(false);
    expect(valuesEqual({ $pj: 'map', entries: [['a', 1]] }, { a: 1 })).toBe(false);
    expect(valuesEqual({ $pj: 'object', type: 'P', repr: 'P()' }, 'P()')).toBe(false);
  });

  it('compares what was obviously meant: sets as arrays, bigints as integers, escaped objects by their keys', () => {
    expect(valuesEqual({ $pj: 'set', values: [1, 2, 3] }, [1, 2, 3])).toBe(true);
    expect(valuesEqual({ $pj: 'set', values: [1, 2] }, [2, 1])).toBe(false);
    expect(valuesEqual({ $pj: 'bigint', value: '9007199254740993' }, 9007199254740992)).toBe(false);
    expect(valuesEqual({ $pj: 'bigint', value: '18446744073709551616' }, 18446744073709551616)).toBe(true);
    expect(valuesEqual({ $pj: 'bigint', value: '5' }, '5')).toBe(false);
    expect(valuesEqual({ $pj: 'escaped', value: { $pj: 'nan' } }, { $pj: 'nan' })).toBe(true);
    expect(valuesEqual([{ $pj: 'escaped', value: { $pj: 1, x: 2 } }], [{ $pj: 1, x: 2 }])).toBe(true);
  });

  it('does not let an expected value that looks like a tag match a plain actual value', () => {
    expect(valuesEqual(null, { $pj: 'undefined' })).toBe(false);
  });
});

describe('valuesEqual against hostile or tricky reports', () => {
  it('never accepts an integer that is off by one, however large', () => {
    expect(valuesEqual(2_000_000_001, 2_000_000_000)).toBe(false);
    expect(valuesEqual(1_000_000_006, 1_000_000_007)).toBe(false);
    expect(valuesEqual(1e12 + 999, 1e12)).toBe(false);
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(true);
    // A float computation that lands next to an integral answer is still right.
    expect(valuesEqual(2.9999999999999996, 3)).toBe(true);
  });

  it('answers false rather than throwing for forged bigints and absurd depth', () => {
    expect(valuesEqual({ $pj: 'bigint', value: 'zz' }, 1)).toBe(false);
    let deep: unknown = 1;
    let deepExpected: unknown = 1;
    for (let i = 0; i < 10_000; i++) {
      deep = [deep];
      deepExpected = [deepExpected];
    }
    expect(valuesEqual(deep, deepExpected)).toBe(false);
  });
});

describe('non-integer answers to integer expected values', () => {
  it('refuses a float that is off by more than the last bits, however large the integer', () => {
    expect(valuesEqual(123456789012345.5, 123456789012000)).toBe(false);
    expect(valuesEqual(2000000001.5, 2000000000)).toBe(false);
  });

  it('forgives only the last bits of a float computation', () => {
    expect(valuesEqual(2.0000000000004, 2)).toBe(true);
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(true);
  });
});
