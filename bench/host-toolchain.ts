/**
 * The plain host side of the per-language comparison: the registry's own compile command run in a
 * temp directory on the host (same files, same flags), and the artefact or interpreter run there
 * on the same driver input, with no container, no loader and no verdict around it.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HarnessInput, LanguageId } from '../protocol/index.js';
import type { SourceFile } from '../judge-core/sandbox.js';
import { LANGUAGE_RUNTIMES } from '../judge-core/languages.js';
import type { RunLimits } from '../judge-core/run-job.js';

/** The program each compile command starts with (the rest of the toolchain comes with it). */
const COMPILER: Partial<Record<LanguageId, string>> = { c: 'gcc', cpp: 'g++', java: 'javac', go: 'go', rust: 'rustc' };

export function run(command: string, args: string[], options: { cwd?: string; stdin?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

function onPath(program: string): Promise<boolean> {
  return new Promise((resolve) => execFile('sh', ['-c', `command -v ${program}`], (error) => resolve(!error)));
}

export interface HostToolchain {
  /** The language's compiler, or undefined when the host has none ("n/a" in the table). */
  compiler(language: LanguageId): Promise<string | undefined>;
  /** Compiles `files` with the registry's command in a fresh directory; resolves with the artefact's path. */
  compile(language: LanguageId, files: SourceFile[]): Promise<string>;
  /** Runs a compiled artefact on the driver input the judge would send; resolves with its stdout. */
  runArtefact(language: LanguageId, artefact: string, stdin: string, limits: RunLimits): Promise<string>;
  root: string;
}

/**
 * A temp tree standing in for the image's harness root: the compiled runtimes' sources from
 * sandbox-image/harness/compiled, and (when javac is there) the Java runtime's classes, built once
 * as the image builds them.
 */
export async function hostToolchain(repoRoot: string): Promise<HostToolchain> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pairjudge-bench-host-'));
  const harness = path.join(root, 'harness');
  cpSync(path.join(repoRoot, 'sandbox-image', 'harness', 'compiled'), path.join(harness, 'compiled'), { recursive: true });
  const found = new Map<LanguageId, string | undefined>();
  const compiler = async (language: LanguageId) => {
    if (!found.has(language)) {
      const program = COMPILER[language];
      found.set(language, program && (await onPath(program)) ? program : undefined);
    }
    return found.get(language);
  };
  if (await compiler('java')) {
    const classes = path.join(harness, 'compiled', 'java', 'classes');
    mkdirSync(classes, { recursive: true });
    const built = await run('javac', ['-encoding', 'UTF-8', '-d', classes, path.join(harness, 'compiled', 'java', 'PairJudge.java')]);
    if (built.code !== 0) throw new Error(`javac of the Java runtime failed: ${built.stderr}`);
  }
  let builds = 0;
  return {
    root,
    compiler,
    async compile(language, files) {
      const step = LANGUAGE_RUNTIMES[language].compile;
      if (!step) throw new Error(`${language} has no compile step`);
      const dir = path.join(root, `build-${++builds}`);
      mkdirSync(dir);
      for (const file of files) writeFileSync(path.join(dir, file.name), file.text);
      const [command, ...args] = step.command(harness);
      const done = await run(command!, args, { cwd: dir });
      if (done.code !== 0) throw new Error(`host compile of ${language} failed (exit ${done.code}): ${done.stderr.slice(0, 2000)}`);
      return path.join(dir, 'artefact');
    },
    async runArtefact(language, artefact, stdin, limits) {
      let command = artefact;
      let args: string[] = [];
      if (language === 'java') {
        // The registry's JVM and flags, less the loader; the jar and classes where they are here.
        const jvm = LANGUAGE_RUNTIMES.java.command(limits).slice(2);
        const cp = jvm.indexOf('-cp');
        jvm[cp + 1] = `${artefact}:${path.join(harness, 'compiled', 'java', 'classes')}`;
        [command, ...args] = jvm as [string, ...string[]];
      }
      const done = await run(command, args, { stdin });
      if (done.code !== 0) throw new Error(`host run of ${language} failed (exit ${done.code}): ${done.stderr.slice(0, 2000)}`);
      return done.stdout;
    },
  };
}

/** The harness input a run part sends (as run-job.ts builds it), for the host's driver. */
export function harnessInput(nonce: string, entry: string, cases: { name: string; args: unknown[] }[], limits: RunLimits): HarnessInput {
  return {
    nonce,
    code: '',
    entry,
    cases: cases.map((c) => ({ name: c.name, args: c.args })),
    limits: { testTimeoutMs: limits.testTimeoutMs, outputBytes: limits.outputBytes, valueBytes: limits.valueBytes },
  };
}
