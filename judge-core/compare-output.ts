/**
 * How a stdin/stdout case's output is judged, outside the sandbox. A pure function: the expected
 * output never enters the sandbox, and the rule is the same for every language.
 *
 * `exact` (the default): both texts are normalised, then compared as strings. Normalising turns
 * CRLF and lone CR into LF, drops the spaces and tabs at the end of each line and drops blank
 * lines at the end. So `"3 \r\n\n"` equals `"3"`, but `"3"` does not equal `" 3"` and an inner
 * blank line counts.
 *
 * `tokens`: both texts are split on whitespace (spaces, tabs, line breaks: layout does not count)
 * and must have the same number of tokens. Two tokens that both read as finite decimal numbers are
 * equal when |a - b| <= tolerance * max(1, |b|) (absolute near zero, relative for large values;
 * tolerance 0 asks for equal values, so `1.0` equals `1`); any other pair must be equal as text.
 */
import type { OutputCompare } from '../protocol/index.js';

export const DEFAULT_TOKEN_TOLERANCE = 1e-6;

/** Line endings to LF, trailing spaces and tabs off each line, trailing blank lines off. */
export function normaliseOutput(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/[ \t]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

// A decimal number as a program prints one: sign, digits, optional fraction and exponent.
// `inf`, `nan`, hex and the like are compared as text.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function tokensOf(text: string): string[] {
  return text.split(/\s+/).filter((token) => token !== '');
}

function tokensEqual(actual: string, expected: string, tolerance: number): boolean {
  if (actual === expected) return true;
  if (!NUMBER.test(actual) || !NUMBER.test(expected)) return false;
  const a = Number(actual);
  const b = Number(expected);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}

export function outputMatches(actual: string, expected: string, rule: OutputCompare | undefined): boolean {
  if (!rule || rule.mode === 'exact') return normaliseOutput(actual) === normaliseOutput(expected);
  const tolerance = rule.tolerance ?? DEFAULT_TOKEN_TOLERANCE;
  const got = tokensOf(actual);
  const want = tokensOf(expected);
  return got.length === want.length && got.every((token, index) => tokensEqual(token, want[index]!, tolerance));
}
