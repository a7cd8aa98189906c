/**
 * How deep a value may nest, one definition for every place that checks it: requests (cases a
 * client sends), the comparison of returned values, and what a result shows. Deeper values cannot
 * be serialized safely everywhere they go (JSON parsers, React, the broker).
 */
export const MAX_VALUE_DEPTH = 64;

/** Depth of a JSON value, counted without recursion so that absurd nesting cannot overflow the stack. */
export function valueDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_VALUE_DEPTH) return deepest;
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return deepest;
}

const encoder = new TextEncoder();

/** Bytes of a string as UTF-8, in any runtime (the core runs in Node and in the browser). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).byteLength;
}
