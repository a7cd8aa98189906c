/**
 * judge-core's decideVerdict caps output with Node's Buffer (byteLength, and a UTF-8 cut), the one
 * Node global on the path a local browser Run takes. Until the core measures with TextEncoder, the
 * browser guest gets exactly those two operations, built on TextEncoder/TextDecoder; nothing else
 * of Buffer exists, so any other use fails loudly rather than half-working.
 */
interface MinimalBuffer {
  subarray(start: number, end: number): { toString(encoding: 'utf8'): string };
}

export function installByteLengthShim(): void {
  const scope = globalThis as { Buffer?: unknown };
  if (scope.Buffer !== undefined) return;
  const encoder = new TextEncoder();
  scope.Buffer = {
    byteLength: (text: string) => encoder.encode(text).length,
    from: (text: string): MinimalBuffer => {
      const bytes = encoder.encode(text);
      return {
        subarray: (start, end) => ({
          // A cut inside a character drops it, as Node's decoder would replace it.
          toString: () => new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start, end)).replace(/\uFFFD$/, ''),
        }),
      };
    },
  };
}
