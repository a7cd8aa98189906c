/**
 * node:util parseArgs with our error shape: every parse failure becomes a UsageError naming the
 * option or argument (parseArgs's own messages already do; they only need the prefix removed).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    throw new UsageError(`${command}: ${message.replace(/^TypeError \[[A-Z_]+\]: /, '')}`);
  }
}

/** Checks an http(s) URL given on the command line; `name` is the option, for the message. */
export function parseServerUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an http:// or https:// URL, not '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${name} must be an http:// or https:// URL, not '${value}'`);
  }
  return value.replace(/\/+$/, '');
}

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';
