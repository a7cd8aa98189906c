/**
 * The C function-case driver. The submission is compiled as C (gcc, with the entry's prototype
 * forced in by `-include signature.h`, so a function that does not match the signature is a compile
 * error naming its line, not a silent mismatch at run time); the driver is C++ around the same
 * runtime as C++'s (pairjudge.hpp), calling the entry through `extern "C"`.
 *
 * The C shapes of the signature's types, in the style C judges use:
 *   int, long, double, bool, string   -> int, long long, double, bool, char*
 *   T[] parameter `xs`                -> T* xs, int xsSize
 *   T[][] parameter `xs`              -> T** xs, int xsSize, int* xsColSize
 *   T[] returned                      -> T* f(..., int* returnSize)
 *   T[][] returned                    -> T** f(..., int* returnSize, int** returnColumnSizes)
 * Maps, and arrays nested deeper (or of strings past one level), have no C shape here: a challenge
 * using them is not offered in C.
 */
import { parseValueType, type Signature, type ValueType } from '../../protocol/index.js';
import { cppType } from './cpp-driver.js';

export class UnsupportedSignatureError extends Error {
  override name = 'UnsupportedSignatureError';
}

type Scalar = 'int' | 'long' | 'double' | 'bool' | 'string';

function scalarC(kind: Scalar): string {
  return { int: 'int', long: 'long long', double: 'double', bool: 'bool', string: 'char*' }[kind];
}

/** 0: scalar, 1: array of scalars, 2: array of arrays of non-string scalars. */
function shape(type: ValueType): { depth: 0 | 1 | 2; scalar: Scalar } {
  if (type.kind === 'map') throw new UnsupportedSignatureError('maps have no C shape');
  if (type.kind !== 'array') return { depth: 0, scalar: type.kind };
  if (type.of.kind === 'map') throw new UnsupportedSignatureError('maps have no C shape');
  if (type.of.kind !== 'array') return { depth: 1, scalar: type.of.kind };
  const inner = type.of.of;
  if (inner.kind === 'array' || inner.kind === 'map' || inner.kind === 'string') {
    throw new UnsupportedSignatureError('arrays nested this deep have no C shape');
  }
  return { depth: 2, scalar: inner.kind };
}

/** The entry's C prototype, e.g. `int* twoSum(int* nums, int numsSize, int target, int* returnSize);`. */
export function cPrototype(signature: Signature, entry: string): string {
  const params: string[] = [];
  for (const param of signature.params) {
    const { depth, scalar } = shape(parseValueType(param.type));
    const c = scalarC(scalar);
    if (depth === 0) params.push(`${c} ${param.name}`);
    else if (depth === 1) params.push(`${c}* ${param.name}`, `int ${param.name}Size`);
    else params.push(`${c}** ${param.name}`, `int ${param.name}Size`, `int* ${param.name}ColSize`);
  }
  const ret = shape(parseValueType(signature.returns));
  const c = scalarC(ret.scalar);
  if (ret.depth === 1) params.push('int* returnSize');
  if (ret.depth === 2) params.push('int* returnSize', 'int** returnColumnSizes');
  const returns = c + '*'.repeat(ret.depth);
  return `${returns} ${entry}(${params.length > 0 ? params.join(', ') : 'void'});`;
}

export function cSignatureHeader(signature: Signature, entry: string): string {
  return ['#include <stdbool.h>', cPrototype(signature, entry), ''].join('\n');
}

/** Throws UnsupportedSignatureError when the signature has no C shape. */
export function cDriver(signature: Signature, entry: string): string {
  const lines: string[] = [];
  const args: string[] = [];
  signature.params.forEach((param, i) => {
    const type = parseValueType(param.type);
    const { depth } = shape(type);
    lines.push(`  auto v${i} = pairjudge::read<${cppType(type)}>(in);`);
    if (depth === 0) {
      args.push(type.kind === 'string' ? `v${i}.data()` : `v${i}`);
    } else if (depth === 1) {
      lines.push(`  auto c${i} = pairjudge::cArray(v${i});`);
      args.push(`c${i}.data.get()`, `c${i}.size`);
    } else {
      lines.push(`  auto c${i} = pairjudge::cMatrix(v${i});`);
      args.push(`c${i}.ptrs.get()`, `c${i}.size`, `c${i}.cols.get()`);
    }
  });
  const ret = shape(parseValueType(signature.returns));
  if (ret.depth >= 1) {
    lines.push('  int returnSize = 0;');
    args.push('&returnSize');
  }
  if (ret.depth === 2) {
    lines.push('  int* returnColumnSizes = nullptr;');
    args.push('&returnColumnSizes');
  }
  const result =
    ret.depth === 0
      ? 'result'
      : ret.depth === 1
        ? 'pairjudge::fromC(result, returnSize)'
        : 'pairjudge::fromC(result, returnSize, returnColumnSizes)';
  return [
    // The runtime first: its precompiled header is used only as the first include.
    '#include "pairjudge.hpp"',
    'extern "C" {',
    '#include "signature.h"',
    '}',
    'static std::string pairjudge_case(pairjudge::Reader& in, pairjudge::Timer& timer) {',
    ...lines,
    '  timer.start();',
    `  auto result = ${entry}(${args.join(', ')});`,
    '  timer.stop();',
    `  return pairjudge::json(${result});`,
    '}',
    'int main() { return pairjudge::main(pairjudge_case); }',
    '',
  ].join('\n');
}
