/* eslint-disable no-var, @typescript-eslint/no-explicit-any -- globals of another realm, declared the way the sandbox defines them (var globals, untyped helpers) */
// The globals of the JavaScript sandbox (prelude/globals.js, prelude/console.js), as the type
// checker sees them. The checker reads this beside the ES2022 library and the user's file only:
// there is no DOM and no Node API in the sandbox, so their types are not offered either.
// Kept loose on purpose: a type error here would be ours, reported against the user's code.

interface PairJudgeConsole {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  assert(condition?: unknown, ...data: unknown[]): void;
  table(...data: unknown[]): void;
  dir(...data: unknown[]): void;
}
declare var console: PairJudgeConsole;

declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function clearInterval(id: number | undefined): void;
declare function clearImmediate(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;

/** Standard input of a stdin/stdout run: require('fs').readFileSync(0, 'utf8'). */
declare function require(name: 'fs' | 'node:fs'): { readFileSync(file: 0 | '/dev/stdin', encoding?: string): string };
/** assert and assert/strict; nothing else is available in the sandbox. */
declare function require(name: string): any;

declare var assert: any;
declare function expect(actual: unknown): any;
declare function test(name: string, fn: () => unknown): void;
declare function it(name: string, fn: () => unknown): void;
declare function describe(name: string, fn: () => unknown): void;
