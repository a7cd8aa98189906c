/**
 * Runs a harness on the host, the way the worker runs it in a container: the input JSON on stdin,
 * the report frame read back from stdout with the job's nonce. Used by the unit tests and by
 * scripts/corpus-check.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { HarnessInput, HarnessReport, HarnessTestReport } from '../../protocol/index.js';
import { parseReportFrame } from '../../judge-core/report-frame.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const JS_HARNESS = path.join(root, 'sandbox-image', 'harness', 'javascript', 'harness.cjs');
export const PY_HARNESS = path.join(root, 'sandbox-image', 'harness', 'python', 'harness.py');

/** The languages whose harness runs the JSON harness input in-process (the compiled ones use drivers). */
export const HARNESS_LANGUAGES = ['javascript', 'python'] as const;
export type HarnessLanguage = (typeof HARNESS_LANGUAGES)[number];

/**
 * The interpreter itself rather than whatever `python3` names on PATH: version managers put a
 * shell-script shim there that costs more start-up time than the tests.
 */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';

export interface HarnessRun {
  report: HarnessReport | undefined;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  nonce: string;
}

export const DEFAULT_LIMITS: HarnessInput['limits'] = { testTimeoutMs: 2000, outputBytes: 64 * 1024, valueBytes: 64 * 1024 };

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Spawn the harness, feed it `input` (nonce filled in), and parse its frame. Kills it after `killAfterMs`. */
export function runHarness(
  language: HarnessLanguage,
  input: Partial<HarnessInput> & { code: string },
  options: { killAfterMs?: number; cwd?: string; nodeArgs?: string[]; harnessArgs?: string[] } = {},
): Promise<HarnessRun> {
  const nonce = input.nonce ?? newNonce();
  const full: HarnessInput = { cases: [], limits: DEFAULT_LIMITS, ...input, nonce };
  return runHarnessText(language, JSON.stringify(full), nonce, options);
}

/** Spawn the harness with exactly `stdin` (malformed input included) and parse the frame keyed by `nonce`. */
export function runHarnessText(
  language: HarnessLanguage,
  stdin: string,
  nonce: string,
  options: { killAfterMs?: number; cwd?: string; nodeArgs?: string[]; harnessArgs?: string[] } = {},
): Promise<HarnessRun> {
  const [cmd, args] =
    language === 'javascript'
      ? [process.execPath, [...(options.nodeArgs ?? []), JS_HARNESS, ...(options.harnessArgs ?? [])]]
      : [PYTHON, [PY_HARNESS, ...(options.harnessArgs ?? [])]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({ report: parseReportFrame(stdout, nonce), stdout, stderr: Buffer.concat(err).toString('utf8'), exitCode: code, nonce });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}

/** Short per-test budget so timeout tests stay quick. */
export const FAST_LIMITS: HarnessInput['limits'] = { testTimeoutMs: 400, outputBytes: 64 * 1024, valueBytes: 64 * 1024 };

/** The report of a run that must have ended cleanly with one. */
export function reportOf(run: HarnessRun): HarnessReport {
  expect(run.exitCode).toBe(0);
  expect(run.report, run.stderr).toBeDefined();
  return run.report as HarnessReport;
}

/** Runs `code` and calls `entry` once with no arguments; returns that case's report. */
export async function callOnce(language: HarnessLanguage, code: string, entry = 'f', limits = FAST_LIMITS): Promise<HarnessTestReport> {
  const report = reportOf(await runHarness(language, { code, entry, cases: [{ name: 'c', args: [] }], limits }));
  expect(report.tests).toHaveLength(1);
  return report.tests[0] as HarnessTestReport;
}
