import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/**
 * A union of string literals from a readonly tuple, typed as precisely as if each literal had been
 * written out (Array.map alone loses the tuple and Fastify's type provider then infers `never`).
 */
export function literalUnion<const T extends readonly string[]>(values: T, options?: { description?: string }) {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T> extends infer L extends TLiteral[] ? L : never>;
}
