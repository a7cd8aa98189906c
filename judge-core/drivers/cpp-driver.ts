/**
 * The C++ function-case driver, generated from the challenge's signature: it includes the runtime
 * first (a precompiled header in the image, which halves the build), then the submission (so the
 * compiler's messages name solution.cpp and its lines), reads each case's
 * arguments as the signature's C++ types, calls the entry and serializes what it returns (any type
 * the runtime's `put` knows, so `vector<long long>` for `int[]` is fine). The runtime around it is
 * sandbox-image/harness/compiled/cpp/pairjudge.hpp.
 */
import { parseValueType, type Signature, type ValueType } from '../../protocol/index.js';

export function cppType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'int';
    case 'long':
      return 'long long';
    case 'double':
      return 'double';
    case 'bool':
      return 'bool';
    case 'string':
      return 'std::string';
    case 'array':
      return `std::vector<${cppType(type.of)}>`;
    case 'map':
      return `std::map<std::string, ${cppType(type.of)}>`;
  }
}

export function cppDriver(signature: Signature, entry: string): string {
  const reads = signature.params.map(
    (param, i) => `  auto a${i} = pairjudge::read<${cppType(parseValueType(param.type))}>(in);`,
  );
  const args = signature.params.map((_, i) => `a${i}`).join(', ');
  return [
    '#include "pairjudge.hpp"',
    '#include "solution.cpp"',
    'static std::string pairjudge_case(pairjudge::Reader& in, pairjudge::Timer& timer) {',
    ...reads,
    '  timer.start();',
    `  auto result = ${entry}(${args});`,
    '  timer.stop();',
    '  return pairjudge::json(result);',
    '}',
    'int main() { return pairjudge::main(pairjudge_case); }',
    '',
  ].join('\n');
}
