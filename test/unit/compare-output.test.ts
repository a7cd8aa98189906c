/** The stdin/stdout comparison rule (judge-core/compare-output.ts): examples, then properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseOutput, outputMatches } from '../../judge-core/compare-output.js';

const exact = { mode: 'exact' } as const;
const tokens = (tolerance?: number) => ({ mode: 'tokens', ...(tolerance === undefined ? {} : { tolerance }) }) as const;

describe('exact comparison', () => {
  it.each([
    ['3', '3\n'],
    ['3\r\n4\r\n', '3\n4'],
    ['3 \t\n4  ', '3\n4'],
    ['a\rb', 'a\nb'],
    ['1 2\n\n\n', '1 2'],
    ['', '\n\n'],
  ])('accepts %j for %j', (actual, expected) => {
    expect(outputMatches(actual, expected, exact)).toBe(true);
    expect(outputMatches(actual, expected, undefined)).toBe(true);
  });

  it.each([
    [' 3', '3'],
    ['1  2', '1 2'],
    ['1\n\n2', '1\n2'],
    ['3', '4'],
    ['1.0', '1'],
    ['', '0'],
  ])('refuses %j for %j', (actual, expected) => {
    expect(outputMatches(actual, expected, exact)).toBe(false);
  });
});

describe('token comparison', () => {
  it('ignores layout and compares numbers within the tolerance', () => {
    expect(outputMatches('1  2\n3', '1 2 3', tokens())).toBe(true);
    expect(outputMatches('0.3333333', '0.333333333333', tokens(1e-6))).toBe(true);
    expect(outputMatches('0.3334', '0.333333333333', tokens(1e-6))).toBe(false);
    expect(outputMatches('1.0 2e0', '1 2', tokens(0))).toBe(true);
    // Relative for large values, absolute near zero.
    expect(outputMatches('1000000.5', '1000000', tokens(1e-6))).toBe(true);
    expect(outputMatches('0.0000005', '0', tokens(1e-6))).toBe(true);
    expect(outputMatches('0.000002', '0', tokens(1e-6))).toBe(false);
  });

  it('compares words as text and counts tokens', () => {
    expect(outputMatches('YES', 'YES', tokens())).toBe(true);
    expect(outputMatches('yes', 'YES', tokens())).toBe(false);
    expect(outputMatches('1 2', '1 2 3', tokens())).toBe(false);
    expect(outputMatches('nan', 'nan', tokens())).toBe(true);
    expect(outputMatches('inf', '1e999', tokens())).toBe(false);
    expect(outputMatches('0x10', '16', tokens())).toBe(false);
  });
});

// Text made of the characters the rule treats specially, so that edge cases come up often.
const line = fc.stringMatching(/^[a-z0-9 .\t-]{0,8}$/);
const text = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
const trailing = fc.stringMatching(/^[ \t]{0,3}$/);

describe('properties', () => {
  it('normalising is idempotent and leaves no CR, trailing blank or blank last line', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normaliseOutput(s);
        expect(normaliseOutput(once)).toBe(once);
        expect(once).not.toContain('\r');
        expect(once).not.toMatch(/[ \t]$/m);
        expect(once.endsWith('\n')).toBe(false);
      }),
    );
  });

  it('a program may end lines with CRLF, pad them and add blank lines at the end', () => {
    fc.assert(
      fc.property(text, fc.array(trailing, { maxLength: 6 }), fc.boolean(), fc.nat(3), (expected, pads, crlf, blanks) => {
        const lines = expected.split('\n').map((l, i) => l + (pads[i] ?? ''));
        const actual = lines.join(crlf ? '\r\n' : '\n') + '\n'.repeat(blanks);
        expect(outputMatches(actual, expected, exact)).toBe(true);
      }),
    );
  });

  it('what matches exactly matches token-wise too', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        if (outputMatches(a, b, exact)) expect(outputMatches(a, b, tokens(0))).toBe(true);
      }),
    );
  });

  it('is symmetric in exact mode', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(outputMatches(a, b, exact)).toBe(outputMatches(b, a, exact));
      }),
    );
  });

  it('a changed visible character fails exact mode', () => {
    fc.assert(
      fc.property(text.filter((t) => /[a-z0-9]/.test(t)), fc.nat(), (expected, at) => {
        const positions = [...expected].flatMap((c, i) => (/[a-z0-9]/.test(c) ? [i] : []));
        const i = positions[at % positions.length]!;
        const actual = expected.slice(0, i) + (expected[i] === 'x' ? 'y' : 'x') + expected.slice(i + 1);
        expect(outputMatches(actual, expected, exact)).toBe(false);
      }),
    );
  });

  it('numbers pass token-wise within the tolerance and fail beyond it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        (values, pick) => {
          const expected = values.map((v) => String(v)).join(' ');
          const near = values.map((v) => String(v + 1e-8 * Math.max(1, Math.abs(v)))).join('\n');
          expect(outputMatches(near, expected, tokens(1e-6))).toBe(true);
          const k = pick % values.length;
          const far = values.map((v, i) => String(i === k ? v + 1e-3 * Math.max(1, Math.abs(v)) : v)).join(' ');
          expect(outputMatches(far, expected, tokens(1e-6))).toBe(false);
        },
      ),
    );
  });
});
