/**
 * Compiles and runs a C++ or Java program made of a solution and its test program on this host,
 * with the plain compiler and runtime and no sandbox: the floor the judge is measured against
 * (scripts/corpus-check.ts without --url, bench/judge.ts). Trusted input only.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type NativeLanguage = 'cpp' | 'java';

/** The compile command per language, as the host runs it (the file name is the last argument). */
export const NATIVE_COMPILE: Record<NativeLanguage, { file: string; command: string[] }> = {
  // -lcrypto: HumanEvalPack's CPP/162 uses OpenSSL's MD5.
  // No -O2: the corpus checks answers, and an unoptimised build takes a fraction of the time.
  cpp: { file: 'main.cpp', command: ['g++', '-std=c++17', '-o', 'main', 'main.cpp', '-lcrypto'] },
  // The JVM flags the judge's Java runtime uses too: C1 only and the serial GC start fastest.
  java: { file: 'Main.java', command: ['javac', '-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-encoding', 'UTF-8', 'Main.java'] },
};
const NATIVE_RUN: Record<NativeLanguage, string[]> = {
  cpp: ['./main'],
  java: ['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss64m', '-cp', '.', 'Main'],
};

export interface NativeStep {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  ms: number;
}

export interface NativeRun {
  compile: NativeStep;
  /** Absent when the compile failed. */
  run?: NativeStep;
}

function step(command: string[], cwd: string, timeoutMs: number): Promise<NativeStep> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let bytes = 0;
    const keep = (chunk: Buffer) => {
      // Enough to say why it failed; a program that floods its output is not kept whole.
      if (bytes < 64 * 1024) chunks.push(chunk);
      bytes += chunk.length;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, timedOut, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
    });
  });
}

/**
 * Builds `code` followed by `script` (the test program with its `main`) as one file and runs it.
 * It passes when both steps exit 0 in time: a failed assert, an exception or a non-zero exit fails.
 */
export async function runNative(language: NativeLanguage, code: string, script: string, options: { compileTimeoutMs?: number; runTimeoutMs?: number } = {}): Promise<NativeRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pairjudge-native-${language}-`));
  try {
    const { file, command } = NATIVE_COMPILE[language];
    await writeFile(path.join(dir, file), `${code}\n${script}\n`);
    const compile = await step(command, dir, options.compileTimeoutMs ?? 60_000);
    if (compile.exitCode !== 0) return { compile };
    return { compile, run: await step(NATIVE_RUN[language], dir, options.runTimeoutMs ?? 10_000) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function nativePassed(result: NativeRun): boolean {
  return result.compile.exitCode === 0 && result.run !== undefined && !result.run.timedOut && result.run.exitCode === 0;
}
