/**
 * The stdin of a compiled language's function-case driver: the harness input (protocol/harness.ts)
 * in a token form that a few lines of C++, Java, Go or Rust read without a JSON parser, typed by the
 * challenge's signature. Only what the harness input carries goes in (nonce, limits, case names and
 * arguments); expected values never do.
 *
 *   <nonce> <testTimeoutMs> <outputBytes> <valueBytes> <case count>
 *   <name> <arg 1> … <arg n>            one line per case
 *
 * Values by type: int and long in decimal; double as the shortest decimal that reads back the same
 * (strtod, parseDouble and ParseFloat all read it); bool as 1 or 0; a string as
 * `<UTF-8 byte count>:<bytes>` (so any character can be in it); an array as its length then its
 * items; a map<string,T> as its size then key and value pairs.
 */
import { parseValueType, valueTypeMismatch, type HarnessInput, type Signature, type ValueType } from '../../protocol/index.js';

export class DriverInputError extends Error {
  override name = 'DriverInputError';
}

export function encodeText(text: string): string {
  return `${Buffer.byteLength(text, 'utf8')}:${text}`;
}

export function encodeValue(value: unknown, type: ValueType): string {
  switch (type.kind) {
    case 'int':
    case 'long':
      return String(value);
    case 'double':
      return String(value);
    case 'bool':
      return value ? '1' : '0';
    case 'string':
      return encodeText(value as string);
    case 'array': {
      const items = value as unknown[];
      return [String(items.length), ...items.map((item) => encodeValue(item, type.of))].join(' ');
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      return [String(entries.length), ...entries.map(([key, item]) => `${encodeText(key)} ${encodeValue(item, type.of)}`)].join(' ');
    }
  }
}

/** Checks a case's arguments against the signature; returns what is wrong, or undefined. */
export function argsMismatch(args: unknown[], signature: Signature): string | undefined {
  if (args.length !== signature.params.length) {
    return `takes ${signature.params.length} argument${signature.params.length === 1 ? '' : 's'}, not ${args.length}`;
  }
  for (let i = 0; i < args.length; i++) {
    const param = signature.params[i]!;
    const problem = valueTypeMismatch(args[i], parseValueType(param.type), param.name);
    if (problem) return `${problem} (${param.type})`;
  }
  return undefined;
}

export function encodeDriverInput(input: HarnessInput, signature: Signature): string {
  const types = signature.params.map((param) => parseValueType(param.type));
  const lines = [
    [encodeText(input.nonce), input.limits.testTimeoutMs, input.limits.outputBytes, input.limits.valueBytes, input.cases.length].join(' '),
  ];
  for (const testCase of input.cases) {
    // Stdin/stdout cases run the program itself, never through a driver (run-job.ts).
    if (!('args' in testCase)) throw new DriverInputError(`test "${testCase.name}" is a stdin/stdout case`);
    const problem = argsMismatch(testCase.args, signature);
    if (problem) throw new DriverInputError(`test "${testCase.name}": ${problem}`);
    lines.push([encodeText(testCase.name), ...testCase.args.map((arg, i) => encodeValue(arg, types[i]!))].join(' '));
  }
  return lines.join('\n') + '\n';
}
