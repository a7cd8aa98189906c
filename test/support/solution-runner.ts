/**
 * Runs a catalog solution file directly on the host with `node` or `python3` (no sandbox, no
 * broker): the catalog tests use it to prove that reference solutions pass and wrong ones fail.
 */
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LanguageId } from '../../protocol/index.js';

export type SolutionOutcome = { value: unknown } | { error: string };

/**
 * The interpreter itself rather than whatever `python3` names on PATH: version managers put a
 * shell-script shim there that costs more start-up time than the tests (it skewed the benchmark's
 * host floor).
 */
const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';

const RUNNERS: Record<LanguageId, { command: string; script: string }> = {
  javascript: { command: process.execPath, script: fileURLToPath(new URL('./run-solution.mjs', import.meta.url)) },
  python: { command: python, script: fileURLToPath(new URL('./run-solution.py', import.meta.url)) },
};

/** Calls `entry(...args)` once per argument list and returns the outcomes in order. */
export function runSolution(
  language: LanguageId,
  file: string,
  entry: string,
  argLists: unknown[][],
): Promise<SolutionOutcome[]> {
  const runner = RUNNERS[language];
  return new Promise((resolve, reject) => {
    const child = execFile(
      runner.command,
      [runner.script, file, entry],
      // The largest catalog test runs in well under a second; 15 s only catches a hang.
      { timeout: 15_000, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${language} runner failed on ${file}: ${err.message}\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as SolutionOutcome[]);
        } catch {
          reject(new Error(`${language} runner printed no JSON for ${file}: ${stdout.slice(0, 200)}`));
        }
      },
    );
    child.stdin?.end(JSON.stringify(argLists));
  });
}
