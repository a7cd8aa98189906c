/**
 * A small, readable diff of two one-line renderings: the common start and end stay plain and
 * only the part that differs is marked. For test values like `[0, 1]` vs `[1, 2]` this points at
 * the difference without the noise of a line diff.
 */
export interface DiffParts {
  prefix: string;
  expected: string;
  actual: string;
  suffix: string;
}

export function diffParts(expected: string, actual: string): DiffParts {
  let start = 0;
  const limit = Math.min(expected.length, actual.length);
  while (start < limit && expected[start] === actual[start]) start++;
  let end = 0;
  while (
    end < limit - start &&
    expected[expected.length - 1 - end] === actual[actual.length - 1 - end]
  ) {
    end++;
  }
  return {
    prefix: expected.slice(0, start),
    expected: expected.slice(start, expected.length - end),
    actual: actual.slice(start, actual.length - end),
    suffix: expected.slice(expected.length - end),
  };
}
