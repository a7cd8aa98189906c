/** The rules shared by the catalog loader and authored challenges (judge-core/challenge-rules.ts). */
import { describe, expect, it } from 'vitest';
import { ChallengeRuleError, assembleChallenge } from '../../judge-core/challenge-rules.js';
import { challengeFromInput } from '../../judge-server/authored/authored-input.js';
import { reverseChallenge } from '../support/authored-fixtures.js';

function parts(edit: (file: Record<string, unknown>) => void = () => undefined) {
  const input = reverseChallenge();
  const file: Record<string, unknown> = { id: 'rev', title: input.title, difficulty: input.difficulty, tags: input.tags, entry: { ...input.entry }, tests: structuredClone(input.tests) };
  edit(file);
  return { file, statement: input.statement, starter: { ...input.starter } };
}

function ruleError(run: () => unknown): ChallengeRuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof ChallengeRuleError) return error;
    throw error;
  }
  throw new Error('no rule was broken');
}

describe('challenge rules', () => {
  it('assembles a good challenge with its offered languages sorted', () => {
    const challenge = assembleChallenge(parts());
    expect(challenge.languages).toEqual(['javascript', 'python']);
    expect(challenge.tests.filter((t) => t.hidden)).toHaveLength(2);
  });

  it('names the schema field at fault as a JSON pointer', () => {
    const error = ruleError(() => assembleChallenge(parts((f) => ((f.tests as Record<string, unknown>[])[1]!.args = 'x'))));
    expect(error).toMatchObject({ part: 'file', pointer: '/tests/1/args' });
  });

  it('refuses two tests with one name, naming the second', () => {
    const error = ruleError(() => assembleChallenge(parts((f) => ((f.tests as { name: string }[])[3]!.name = 'visible abc'))));
    expect(error).toMatchObject({ part: 'file', pointer: '/tests/3/name', detail: 'duplicate test name "visible abc"' });
  });

  it('refuses a test over the per-case size limit', () => {
    const error = ruleError(() => assembleChallenge(parts((f) => ((f.tests as { args: unknown[] }[])[0]!.args = ['x'.repeat(70 * 1024)]))));
    expect(error).toMatchObject({ pointer: '/tests/0', detail: expect.stringMatching(/over 65536 bytes/) });
  });

  it('ignores entry names of languages the judge does not run, but needs one it does', () => {
    expect(assembleChallenge(parts((f) => (f.entry = { javascript: 'reverseWord', python: 'reverse_word', cobol: 'X' }))).languages).toEqual(['javascript', 'python']);
    expect(ruleError(() => assembleChallenge(parts((f) => (f.entry = { cobol: 'X' }))))).toMatchObject({ pointer: '/entry' });
  });

  it('needs starter code for every offered language and a statement that is not blank', () => {
    const noStarter = parts();
    delete (noStarter.starter as Record<string, string | undefined>).python;
    expect(ruleError(() => assembleChallenge(noStarter))).toMatchObject({ part: 'starter', pointer: '/python' });
    expect(ruleError(() => assembleChallenge({ ...parts(), statement: ' \n\t' }))).toMatchObject({ part: 'statement', detail: 'is empty' });
  });

  describe('stdin/stdout cases', () => {
    const io = (name: string, hidden = false) => ({ name, input: `${name}\n`, expectedOutput: name.toUpperCase(), hidden });
    const ioParts = (edit: (file: Record<string, unknown>) => void = () => undefined) =>
      parts((f) => {
        f.entry = { javascript: 'main', python: 'main' };
        f.tests = [io('a'), io('b'), io('c', true)];
        edit(f);
      });

    it('assembles a challenge of stdin/stdout cases, with or without a compare rule', () => {
      expect(assembleChallenge(ioParts()).tests[0]).toEqual(io('a'));
      expect(assembleChallenge(ioParts((f) => (f.compare = { mode: 'tokens', tolerance: 1e-6 }))).compare).toEqual({ mode: 'tokens', tolerance: 1e-6 });
    });

    it('refuses a challenge that mixes the two kinds of case, naming the odd one', () => {
      const error = ruleError(() => assembleChallenge(ioParts((f) => (f.tests as unknown[]).push({ name: 'f', args: [1], expected: 1, hidden: true }))));
      expect(error).toMatchObject({ part: 'file', pointer: '/tests/3', detail: expect.stringMatching(/is a function case/) });
      const other = ruleError(() => assembleChallenge(parts((f) => (f.tests as unknown[]).push(io('z')))));
      expect(other).toMatchObject({ pointer: expect.stringMatching(/^\/tests\/\d+$/), detail: expect.stringMatching(/is a stdin\/stdout case/) });
    });

    it('refuses a compare rule on function cases, and a bad one anywhere', () => {
      expect(ruleError(() => assembleChallenge(parts((f) => (f.compare = { mode: 'exact' }))))).toMatchObject({ pointer: '/compare' });
      expect(ruleError(() => assembleChallenge(ioParts((f) => (f.compare = { mode: 'tokens', tolerance: -1 }))))).toMatchObject({ pointer: expect.stringMatching(/^\/compare/) });
      expect(ruleError(() => assembleChallenge(ioParts((f) => (f.compare = { mode: 'fuzzy' }))))).toMatchObject({ pointer: expect.stringMatching(/^\/compare/) });
    });

    it('says which field of a stdin/stdout case is wrong', () => {
      const bad = (edit: (test: Record<string, unknown>) => void) =>
        ruleError(() => assembleChallenge(ioParts((f) => edit((f.tests as Record<string, unknown>[])[1]!))));
      expect(bad((t) => (t.input = 3))).toMatchObject({ pointer: '/tests/1/input' });
      expect(bad((t) => delete t.expectedOutput)).toMatchObject({ pointer: '/tests/1/expectedOutput' });
      expect(bad((t) => (t.args = []))).toMatchObject({ pointer: '/tests/1/args' });
    });

    it('bounds the size of input and expected output together', () => {
      const error = ruleError(() => assembleChallenge(ioParts((f) => ((f.tests as { input: string }[])[0]!.input = 'x'.repeat(70 * 1024)))));
      expect(error).toMatchObject({ pointer: '/tests/0', detail: expect.stringMatching(/over 65536 bytes/) });
    });
  });

  it('phrases a broken rule as the request field for authored challenges', () => {
    expect(() => challengeFromInput('rev', reverseChallenge({ tests: [{ name: 'a', args: [], expected: 1, hidden: false }, { name: 'a', args: [], expected: 2, hidden: true }] }))).toThrow(
      expect.objectContaining({ statusCode: 400, field: 'tests[1].name' }),
    );
    expect(() => challengeFromInput('rev', reverseChallenge({ starter: { javascript: 'x' } }))).toThrow(expect.objectContaining({ field: 'starter.python' }));
  });
});
