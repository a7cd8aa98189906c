/** A small authored challenge (reverse a string) used by the authored-challenge tests. */
import type { AuthoredChallengeInput } from '../../protocol/index.js';

export function reverseChallenge(overrides: Partial<AuthoredChallengeInput> = {}): AuthoredChallengeInput {
  return {
    title: 'Reverse a word',
    difficulty: 'easy',
    tags: ['string'],
    statement: '# Reverse a word\n\nReturn `word` with its letters in reverse order.',
    entry: { javascript: 'reverseWord', python: 'reverse_word' },
    starter: {
      javascript: 'function reverseWord(word) {\n  return word;\n}\n',
      python: 'def reverse_word(word):\n    return word\n',
    },
    tests: [
      { name: 'visible abc', args: ['abc'], expected: 'cba', hidden: false },
      { name: 'visible empty', args: [''], expected: '', hidden: false },
      { name: 'hidden palindrome-ish', args: ['secret-input-xyzzy'], expected: 'yzzyx-tupni-terces', hidden: true },
      { name: 'hidden long', args: ['abcdefghij'], expected: 'jihgfedcba', hidden: true },
    ],
    ...overrides,
  };
}

export const REVERSE_REFERENCE = {
  javascript: 'function reverseWord(word) {\n  return [...word].reverse().join("");\n}\n',
  python: 'def reverse_word(word):\n    return word[::-1]\n',
};

/** Passes the visible tests only: the hidden ones catch it. */
export const REVERSE_VISIBLE_ONLY = {
  javascript: 'function reverseWord(word) {\n  return word === "abc" ? "cba" : word === "" ? "" : "nope";\n}\n',
};
