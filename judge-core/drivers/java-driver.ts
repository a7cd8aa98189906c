/**
 * The Java function-case driver, generated from the challenge's signature: the submission is a
 * `class Solution` with the entry as a method (the style Java judges use); `Main` reads each
 * case's arguments as the signature's Java types and calls `new Solution().entry(...)`. The runtime
 * around it is sandbox-image/harness/compiled/java/PairJudge.java (precompiled in the image).
 *
 *   int, long, double, bool, string   -> int, long, double, boolean, String
 *   T[]                               -> T[] (int[], String[], int[][] …)
 *   map<string,T>                     -> Map<String, T> (boxed values)
 */
import { parseValueType, type Signature, type ValueType } from '../../protocol/index.js';

export function javaType(type: ValueType, boxed = false): string {
  switch (type.kind) {
    case 'int':
      return boxed ? 'Integer' : 'int';
    case 'long':
      return boxed ? 'Long' : 'long';
    case 'double':
      return boxed ? 'Double' : 'double';
    case 'bool':
      return boxed ? 'Boolean' : 'boolean';
    case 'string':
      return 'String';
    case 'array':
      return `${javaType(type.of)}[]`;
    case 'map':
      return `java.util.Map<String, ${javaType(type.of, true)}>`;
  }
}

/** A Java expression reading one value of `type` from `in`. */
export function javaRead(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'in.readInt()';
    case 'long':
      return 'in.readLong()';
    case 'double':
      return 'in.readDouble()';
    case 'bool':
      return 'in.readBool()';
    case 'string':
      return 'in.readString()';
    case 'array':
      if (type.of.kind === 'int') return 'in.readIntArray()';
      if (type.of.kind === 'long') return 'in.readLongArray()';
      if (type.of.kind === 'double') return 'in.readDoubleArray()';
      if (type.of.kind === 'bool') return 'in.readBoolArray()';
      // Generic array creation is not allowed for a parameterized type: a map array is read raw.
      return `in.readArray(${type.of.kind === 'map' ? 'java.util.Map[]' : javaType(type.of)}[]::new, () -> ${javaRead(type.of)})`.replace('java.util.Map[][]', 'java.util.Map[]');
    case 'map':
      return `in.<${javaType(type.of, true)}>readMap(() -> ${javaRead(type.of)})`;
  }
}

export function javaDriver(signature: Signature, entry: string): string {
  const reads = signature.params.map((param, i) => {
    const type = parseValueType(param.type);
    return `      ${javaType(type)} a${i} = ${javaRead(type)};`;
  });
  const args = signature.params.map((_, i) => `a${i}`).join(', ');
  return [
    'public final class Main {',
    '  public static void main(String[] args) throws Exception {',
    '    PairJudge.main((in, startedAt) -> {',
    ...reads,
    '      startedAt[0] = System.nanoTime();',
    `      return new Solution().${entry}(${args});`,
    '    });',
    '  }',
    '}',
    '',
  ].join('\n');
}
