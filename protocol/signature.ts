/**
 * A challenge's typed signature, declared once for every language: parameter and return types in a
 * small language-neutral notation, from which each compiled language's driver is generated
 * (judge-core/drivers/*). Languages that are dynamically typed (JavaScript, Python) ignore it.
 *
 * The notation:
 *   int (32-bit) | long (64-bit) | double | bool | string
 *   T[]                 an array of T (nests: int[][])
 *   map<string,T>       a map with string keys
 */
import { Type, type Static } from '@sinclair/typebox';

export const SignatureSchema = Type.Object(
  {
    params: Type.Array(
      Type.Object(
        {
          name: Type.String({ pattern: '^[a-z][A-Za-z0-9]{0,39}$' }),
          type: Type.String({ minLength: 1, maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    returns: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type Signature = Static<typeof SignatureSchema>;

export type ValueType =
  | { kind: 'int' | 'long' | 'double' | 'bool' | 'string' }
  | { kind: 'array'; of: ValueType }
  | { kind: 'map'; of: ValueType };

const SCALARS = ['int', 'long', 'double', 'bool', 'string'] as const;

/** Parses a type of the notation; throws an Error saying what is wrong. */
export function parseValueType(text: string): ValueType {
  const source = text.replace(/\s+/g, '');
  let type: ValueType;
  let rest: string;
  const map = /^map<string,(.+)>((?:\[\])*)$/.exec(source);
  if (map) {
    type = { kind: 'map', of: parseValueType(map[1]!) };
    rest = map[2]!;
  } else {
    const scalar = /^([a-z]+)((?:\[\])*)$/.exec(source);
    if (!scalar || !(SCALARS as readonly string[]).includes(scalar[1]!)) {
      throw new Error(`"${text}" is not a type (int, long, double, bool, string, T[], map<string,T>)`);
    }
    type = { kind: scalar[1] as (typeof SCALARS)[number] };
    rest = scalar[2]!;
  }
  for (let i = 0; i < rest.length / 2; i++) type = { kind: 'array', of: type };
  return type;
}

/** Says why `value` (a JSON value from a test) does not fit `type`, or returns undefined when it does. */
export function valueTypeMismatch(value: unknown, type: ValueType, path = 'value'): string | undefined {
  switch (type.kind) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31
        ? undefined
        : `${path} is not a 32-bit integer`;
    case 'long':
      return Number.isSafeInteger(value) ? undefined : `${path} is not a (safe) 64-bit integer`;
    case 'double':
      return typeof value === 'number' ? undefined : `${path} is not a number`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `${path} is not a boolean`;
    case 'string':
      return typeof value === 'string' ? undefined : `${path} is not a string`;
    case 'array': {
      if (!Array.isArray(value)) return `${path} is not an array`;
      for (let i = 0; i < value.length; i++) {
        const inner = valueTypeMismatch(value[i], type.of, `${path}[${i}]`);
        if (inner) return inner;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} is not an object`;
      for (const [key, item] of Object.entries(value)) {
        const inner = valueTypeMismatch(item, type.of, `${path}.${key}`);
        if (inner) return inner;
      }
      return undefined;
    }
  }
}
