/**
 * Two-sum jobs for judging tests that run without the gateway, and the check that a result shows
 * no hidden input of the challenge.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { LanguageId, SubmissionResult } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import type { RunLimits } from '../../judge-core/run-job.js';

interface ChallengeTest {
  name: string;
  args: unknown[];
  expected: unknown;
  hidden: boolean;
}
export const twoSum = JSON.parse(readFileSync(new URL('../../challenges/two-sum/challenge.json', import.meta.url), 'utf8')) as { tests: ChallengeTest[] };
export const reference = readFileSync(new URL('../../challenges/two-sum/solutions/reference.py', import.meta.url), 'utf8');

export const LIMITS: RunLimits = {
  wallTimeMs: 8000,
  memoryBytes: 256 * 1024 * 1024,
  cpus: 1,
  pids: 64,
  testTimeoutMs: 2000,
  outputBytes: 64 * 1024,
  valueBytes: 64 * 1024,
  rawOutputBytes: 2 * 1024 * 1024,
};

export function twoSumJob(code: string, mode: 'run' | 'submit' = 'submit', language: LanguageId = 'python'): JudgeJob {
  const tests = twoSum.tests.filter((test) => mode === 'submit' || !test.hidden);
  const entry = language === 'python' ? 'two_sum' : 'twoSum';
  return { id: `job-${Math.random().toString(36).slice(2)}`, language, code, entry, cases: tests, submittedAt: Date.now() };
}

/** Strings that would show a hidden input: each hidden case's arguments as JSON, and a few of its distinctive numbers. */
export function hiddenInputMarks(): string[] {
  const marks = twoSum.tests.filter((test) => test.hidden).map((test) => JSON.stringify(test.args));
  return [...marks, '-3, 4, 3, 90', '-3,4,3,90', '[5, 1, 2, 20', '[5,1,2,20', '-1000000001', '7992,7996', '7992, 7996', '[1,1,5,7]', '[1, 1, 5, 7]'];
}

export function expectNoHiddenInput(result: SubmissionResult): void {
  const text = JSON.stringify(result);
  for (const mark of hiddenInputMarks()) expect(text, `shows ${mark}`).not.toContain(mark);
}

