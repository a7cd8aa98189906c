import type { PublicChallenge, SubmissionResult } from '../../protocol/index.js';

export const twoSum: PublicChallenge = {
  id: 'two-sum',
  title: 'Two Sum',
  difficulty: 'easy',
  tags: ['array'],
  languages: ['javascript', 'python'],
  statement: '# Two Sum\n\nReturn indices.',
  entry: { javascript: 'twoSum', python: 'two_sum' },
  starter: { javascript: 'function twoSum(nums, target) {\n}\n', python: 'def two_sum(nums, target):\n    pass\n' },
  tests: [
    { name: 'example 1', args: [[2, 7, 11, 15], 9], expected: [0, 1] },
    { name: 'example 2', args: [[3, 2, 4], 6], expected: [1, 2] },
  ],
  hiddenTestCount: 3,
};

export const wrongAnswer: SubmissionResult = {
  id: 'sub-1',
  status: 'done',
  verdict: 'wrong_answer',
  tests: [
    { name: 'example 1', passed: true, hidden: false, expected: [0, 1], actual: [0, 1], timeMs: 2 },
    { name: 'example 2', passed: false, hidden: false, expected: [1, 2], actual: [0, 2], timeMs: 1 },
    { name: 'big input', passed: false, hidden: true, timeMs: 14 },
  ],
  stdout: 'checking 3 numbers\n',
  durationMs: 230,
};
