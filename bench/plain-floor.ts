/**
 * The floor a judge is measured against: a fresh plain `node` / `python3` process on the host
 * that loads the solution file, calls its entry on every test's arguments and prints the
 * results as JSON. No sandbox, no harness, no queue: just the language runtime doing the work.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { LanguageId } from '../protocol/index.js';

const NODE_DRIVER = `
const fs = require('node:fs');
const [file, entry, argsJson] = process.argv.slice(1);
const fn = new Function(fs.readFileSync(file, 'utf8') + '\\nreturn ' + entry + ';')();
process.stdout.write(JSON.stringify(JSON.parse(argsJson).map((args) => fn(...args))));
`;

/** TypeScript's floor: plain node with the compiler transpiling the file first (no type check). */
const TYPESCRIPT_DRIVER = `
const fs = require('node:fs');
const [file, entry, argsJson, compiler] = process.argv.slice(1);
const ts = require(compiler);
const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
const fn = new Function(js + '\\nreturn ' + entry + ';')();
process.stdout.write(JSON.stringify(JSON.parse(argsJson).map((args) => fn(...args))));
`;

const PYTHON_DRIVER = `
import json, sys
file, entry, args_json = sys.argv[1:4]
scope = {"__name__": "solution"}
exec(compile(open(file).read(), file, "exec"), scope)
fn = scope[entry]
sys.stdout.write(json.dumps([fn(*args) for args in json.loads(args_json)]))
`;

/** The real interpreter, not a version manager's shim on PATH (which costs more than the work). */
const PYTHON = process.env.PAIRJUDGE_BENCH_PYTHON ?? '/usr/bin/python3';

/** Runs the solution on every argument list in one fresh process; resolves with the returned values. */
export function runPlainProcess(language: LanguageId, file: string, entry: string, argLists: unknown[][]): Promise<unknown[]> {
  const [command, args] =
    language === 'python'
      ? [PYTHON, ['-c', PYTHON_DRIVER, file, entry, JSON.stringify(argLists)]]
      : language === 'typescript'
        ? [process.execPath, ['-e', TYPESCRIPT_DRIVER, file, entry, JSON.stringify(argLists), createRequire(import.meta.url).resolve('typescript')]]
        : [process.execPath, ['-e', NODE_DRIVER, file, entry, JSON.stringify(argLists)]];
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as unknown[]);
    });
  });
}
