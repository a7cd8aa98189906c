/**
 * The Go function-case driver, generated from the challenge's signature: the submission is a file
 * of `package main` with the entry as a function; the driver reads each case's arguments as the
 * signature's Go types and calls it. The runtime around it is
 * sandbox-image/harness/compiled/go/pairjudge.go (copied into the build).
 *
 *   int, long, double, bool, string   -> int, int64, float64, bool, string
 *   T[]                               -> []T
 *   map<string,T>                     -> map[string]T
 */
import { parseValueType, type Signature, type ValueType } from '../../protocol/index.js';

export function goType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'int';
    case 'long':
      return 'int64';
    case 'double':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'array':
      return `[]${goType(type.of)}`;
    case 'map':
      return `map[string]${goType(type.of)}`;
  }
}

function goRead(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'in.Int()';
    case 'long':
      return 'in.Int64()';
    case 'double':
      return 'in.Float()';
    case 'bool':
      return 'in.Bool()';
    case 'string':
      return 'in.Str()';
    case 'array':
      return `pjSlice(in, func() ${goType(type.of)} { return ${goRead(type.of)} })`;
    case 'map':
      return `pjMap(in, func() ${goType(type.of)} { return ${goRead(type.of)} })`;
  }
}

export function goDriver(signature: Signature, entry: string): string {
  const reads = signature.params.map((param, i) => `\ta${i} := ${goRead(parseValueType(param.type))}`);
  const args = signature.params.map((_, i) => `a${i}`).join(', ');
  return [
    'package main',
    '',
    'import "time"',
    '',
    'func pjCase(in *pjReader, start *time.Time) any {',
    ...reads,
    '\t*start = time.Now()',
    `\treturn ${entry}(${args})`,
    '}',
    '',
    'func main() { pjMain(pjCase) }',
    '',
  ].join('\n');
}
