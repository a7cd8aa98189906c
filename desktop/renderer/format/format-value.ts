/**
 * Shows a serialized test value (JSON plus `$pj` tags, see protocol/harness.ts) the way a
 * programmer reads it: strings quoted, NaN and undefined by name, Maps and Sets spelled out.
 * Display only: it never evaluates anything.
 */
import { SERIALIZED_TAG } from '../../../protocol/index.js';

type Tagged = { [SERIALIZED_TAG]: string } & Record<string, unknown>;

function isTagged(value: unknown): value is Tagged {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Tagged)[SERIALIZED_TAG] === 'string';
}

function formatTagged(value: Tagged, depth: number): string {
  switch (value[SERIALIZED_TAG]) {
    case 'undefined':
      return 'undefined';
    case 'nan':
      return 'NaN';
    case 'infinity':
      return value.sign === -1 ? '-Infinity' : 'Infinity';
    case 'bigint':
      return `${String(value.value)}n`;
    case 'circular':
      return '[Circular]';
    case 'function':
      return value.name ? `[Function ${String(value.name)}]` : '[Function]';
    case 'symbol':
      return `Symbol(${value.description === undefined ? '' : String(value.description)})`;
    case 'truncated':
      return '…';
    case 'map': {
      const entries = Array.isArray(value.entries) ? value.entries : [];
      const inner = entries.map((entry) =>
        Array.isArray(entry) ? `${formatAt(entry[0], depth + 1)} => ${formatAt(entry[1], depth + 1)}` : '…',
      );
      return `Map(${inner.length}) {${inner.length ? ` ${inner.join(', ')} ` : ''}}`;
    }
    case 'set': {
      const values = Array.isArray(value.values) ? value.values : [];
      const inner = values.map((item) => formatAt(item, depth + 1));
      return `Set(${inner.length}) {${inner.length ? ` ${inner.join(', ')} ` : ''}}`;
    }
    default:
      return JSON.stringify(value);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatAt(value: unknown, depth: number): string {
  if (depth > 20) return '…';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map((item) => formatAt(item, depth + 1)).join(', ')}]`;
  if (isTagged(value)) return formatTagged(value, depth);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${formatAt(item, depth + 1)}`,
    );
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return String(value);
}

export function formatValue(value: unknown): string {
  return formatAt(value, 0);
}

/** Arguments as a call would show them: `[2, 7, 11, 15], 9`. */
export function formatArgs(args: readonly unknown[]): string {
  return args.map((arg) => formatValue(arg)).join(', ');
}
