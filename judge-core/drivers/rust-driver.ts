/**
 * The Rust function-case driver, generated from the challenge's signature: main.rs includes the
 * runtime (sandbox-image/harness/compiled/rust/pairjudge.rs) and the submission (so the compiler's
 * messages name solution.rs and its lines), reads each case's arguments as the signature's Rust
 * types and calls the entry, a free function taking its arguments by value.
 *
 *   int, long, double, bool, string   -> i32, i64, f64, bool, String
 *   T[]                               -> Vec<T>
 *   map<string,T>                     -> HashMap<String, T>
 */
import { parseValueType, type Signature, type ValueType } from '../../protocol/index.js';

export function rustType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'i32';
    case 'long':
      return 'i64';
    case 'double':
      return 'f64';
    case 'bool':
      return 'bool';
    case 'string':
      return 'String';
    case 'array':
      return `Vec<${rustType(type.of)}>`;
    case 'map':
      return `std::collections::HashMap<String, ${rustType(type.of)}>`;
  }
}

function rustRead(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'r.int()';
    case 'long':
      return 'r.long()';
    case 'double':
      return 'r.double()';
    case 'bool':
      return 'r.boolean()';
    case 'string':
      return 'r.string()';
    case 'array':
      return `r.vec(|r| ${rustRead(type.of)})`;
    case 'map':
      return `r.map(|r| ${rustRead(type.of)})`;
  }
}

export function rustDriver(signature: Signature, entry: string): string {
  const reads = signature.params.map((param, i) => {
    const type = parseValueType(param.type);
    return `    let a${i}: ${rustType(type)} = ${rustRead(type)};`;
  });
  const args = signature.params.map((_, i) => `a${i}`).join(', ');
  return [
    'include!("pairjudge.rs");',
    'include!("solution.rs");',
    '',
    'fn pj_case(r: &mut pairjudge::Reader, start: &mut std::time::Instant) -> String {',
    ...reads,
    '    *start = std::time::Instant::now();',
    `    let result = ${entry}(${args});`,
    '    pairjudge::to_json(&result)',
    '}',
    '',
    'fn main() {',
    '    pairjudge::main(pj_case);',
    '}',
    '',
  ].join('\n');
}
