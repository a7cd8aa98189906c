import { mkdtemp, cp, readFile, writeFile, rm, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { ChallengeFileSchema, LANGUAGES, LANGUAGE_IDS, PublicChallengeSchema, isIoTest, isLanguageId, type SubmissionResult } from '../../protocol/index.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { testsForMode } from '../../judge-core/catalog.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { judgeSolution, closeSolutionJudge } from '../support/solution-runner.js';

const CHALLENGES_DIR = fileURLToPath(new URL('../../challenges/', import.meta.url));
/**
 * The languages this file judges in the process sandbox. The compiled ones need Docker's compile
 * stage, and TypeScript (offered by six challenges, a second of compiler per run) is judged
 * beside them: test/integration/catalog-compiled-docker.test.ts judges their references and wrong
 * solutions there.
 */
const PROCESS_LANGUAGES = Object.keys(LANGUAGES)
  .filter(isLanguageId)
  .filter((language) => !LANGUAGE_RUNTIMES[language].compile && !LANGUAGE_RUNTIMES[language].typeChecks);
const DIFFICULTY_RANK = { easy: 0, medium: 1, hard: 2 } as const;

let catalog: Catalog;
const challengeIds = (await readdir(CHALLENGES_DIR, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
  .map((e) => e.name)
  .sort();

beforeAll(async () => {
  catalog = await loadCatalog(CHALLENGES_DIR);
});

afterAll(async () => {
  await closeSolutionJudge();
});

/** The failing tests of a result, for assertion messages. */
function failures(result: SubmissionResult): string {
  const failed = result.tests.filter((t) => !t.passed).map(({ name, expected, actual, error }) => ({ name, expected, actual, error }));
  return JSON.stringify({ verdict: result.verdict, error: result.error, failed }).slice(0, 2000);
}

describe('the real catalog', () => {
  it('holds at least 8 challenges of every difficulty', () => {
    const list = catalog.list();
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.map((c) => c.id).sort()).toEqual(challengeIds);
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      expect(list.some((c) => c.difficulty === difficulty)).toBe(true);
    }
  });

  it('keeps the two-sum fixed point of the contract', async () => {
    const ch = catalog.get('two-sum');
    expect(ch).toBeDefined();
    expect(ch?.entry).toMatchObject({ javascript: 'twoSum', typescript: 'twoSum', python: 'two_sum', c: 'twoSum', cpp: 'twoSum', java: 'twoSum', go: 'twoSum', rust: 'two_sum' });
    expect(ch?.languages).toEqual([...LANGUAGE_IDS].sort());
    expect(ch?.starter.javascript).toMatch(/function twoSum\(nums, target\)/);
    expect(ch?.starter.python).toMatch(/def two_sum\(nums, target\):/);
    for (const t of ch?.tests ?? []) {
      if (isIoTest(t)) continue;
      const [i, j] = t.expected as [number, number];
      const [nums, target] = t.args as [number[], number];
      expect(i).toBeLessThan(j);
      expect(nums[i]! + nums[j]!).toBe(target);
    }
    const example = ch?.tests.find((t) => !t.hidden);
    expect(example).toEqual({ name: 'example 1', args: [[2, 7, 11, 15], 9], expected: [0, 1], hidden: false });
  });

  it('lists challenges by difficulty, then title', () => {
    const list = catalog.list();
    for (let k = 1; k < list.length; k++) {
      const a = list[k - 1]!;
      const b = list[k]!;
      const order = DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || a.title.localeCompare(b.title, 'en');
      expect(order, `${a.id} before ${b.id}`).toBeLessThanOrEqual(0);
    }
  });

  it('answers undefined for an unknown id', () => {
    expect(catalog.get('no-such-challenge')).toBeUndefined();
    expect(catalog.publicView('no-such-challenge')).toBeUndefined();
  });

  it('does not let callers change the catalog through what it returns', () => {
    const first = catalog.get('two-sum')!;
    first.tests.length = 0;
    first.title = 'changed';
    expect(catalog.get('two-sum')?.tests.length).toBeGreaterThan(0);
    expect(catalog.get('two-sum')?.title).toBe('Two Sum');
  });

  it('strips lint directives from the starter code clients get', () => {
    for (const id of challengeIds) {
      for (const code of Object.values(catalog.get(id)!.starter)) expect(code).not.toMatch(/eslint/);
    }
  });
});

describe.concurrent.each(challengeIds)('challenge %s', (id) => {
  it('has a valid challenge.json with 6 to 15 tests, at least 2 visible and 2 hidden', async () => {
    const raw: unknown = JSON.parse(await readFile(path.join(CHALLENGES_DIR, id, 'challenge.json'), 'utf8'));
    expect([...Value.Errors(ChallengeFileSchema, raw)]).toEqual([]);
    const ch = catalog.get(id)!;
    expect(ch.id).toBe(id);
    expect(ch.tests.length).toBeGreaterThanOrEqual(6);
    expect(ch.tests.length).toBeLessThanOrEqual(15);
    expect(ch.tests.filter((t) => !t.hidden).length).toBeGreaterThanOrEqual(2);
    expect(ch.tests.filter((t) => t.hidden).length).toBeGreaterThanOrEqual(2);
    expect(new Set(ch.tests.map((t) => t.name)).size).toBe(ch.tests.length);
    expect(ch.statement).toMatch(/^# /);
    for (const lang of ch.languages) {
      expect(isLanguageId(lang)).toBe(true);
      expect(ch.statement, `statement names the ${lang} entry`).toContain(ch.entry[lang]!);
      expect(ch.starter[lang]).toContain(ch.entry[lang]!);
    }
  });

  it('shows clients no hidden test, only how many there are', () => {
    const ch = catalog.get(id)!;
    const view = catalog.publicView(id)!;
    expect(Value.Check(PublicChallengeSchema, view)).toBe(true);
    const hidden = ch.tests.filter((t) => t.hidden);
    expect(view.hiddenTestCount).toBe(hidden.length);
    expect(view.tests).toEqual(
      ch.tests
        .filter((t) => !t.hidden)
        .map((t) => (isIoTest(t) ? { name: t.name, input: t.input, expectedOutput: t.expectedOutput } : { name: t.name, args: t.args, expected: t.expected })),
    );
    const serialized = JSON.stringify(view);
    for (const t of hidden) {
      expect(serialized).not.toContain(JSON.stringify(t.name));
      // What identifies a test: its arguments and answer, or its input and output.
      const key = (v: Record<string, unknown>) => JSON.stringify('input' in v ? [v.input, v.expectedOutput] : [v.args, v.expected]);
      const leaked = view.tests.some((v) => key(v) === key(t));
      expect(leaked, `hidden test "${t.name}" appears in the public view`).toBe(false);
      // Large hidden inputs are distinctive enough that their text must not appear at all.
      const input = isIoTest(t) ? JSON.stringify(t.input) : JSON.stringify(t.args);
      if (input.length > 40) expect(serialized).not.toContain(input);
    }
  });

  it('runs visible tests on run and every test on submit, keeping the hidden flags', () => {
    const ch = catalog.get(id)!;
    const run = testsForMode(ch, 'run');
    expect(run.every((t) => !t.hidden)).toBe(true);
    expect(run.map((t) => t.name)).toEqual(ch.tests.filter((t) => !t.hidden).map((t) => t.name));
    expect(testsForMode(ch, 'submit')).toEqual(ch.tests);
  });

  // Real processes, started while the rest of the unit tier runs beside them on two cores.
  const JUDGING_TIMEOUT_MS = 90_000;

  // Through the real judge path: buildJob, the real harness in the process sandbox, the real
  // report framing and verdict (the same comparison the worker uses).
  for (const language of PROCESS_LANGUAGES) {
    it(`has a ${language} reference that passes every test and a wrong solution that fails a visible one`, async () => {
      const ch = catalog.get(id)!;
      expect(ch.entry[language], `entry for ${language}`).toBeDefined();
      const ext = LANGUAGES[language].extension;
      const dir = path.join(CHALLENGES_DIR, id, 'solutions');
      // The wrong solution only meets the visible tests (a run): it must fail where users can see
      // why, and some (exponential ones) would take long on the big hidden inputs.
      const [reference, wrong] = await Promise.all([
        judgeSolution(catalog, id, language, path.join(dir, `reference.${ext}`), 'submit'),
        judgeSolution(catalog, id, language, path.join(dir, `wrong.${ext}`), 'run'),
      ]);
      expect(reference.verdict, `reference.${ext}: ${failures(reference)}`).toBe('accepted');
      expect(reference.tests.map((t) => t.name)).toEqual(ch.tests.map((t) => t.name));
      expect(wrong.verdict, `wrong.${ext} must not be accepted`).not.toBe('accepted');
      expect(wrong.tests.some((t) => !t.hidden && !t.passed), `wrong.${ext} fails at least one visible test: ${failures(wrong)}`).toBe(true);
    }, JUDGING_TIMEOUT_MS);
  }

  it('ships starters that return a placeholder, not a solution', async () => {
    const ch = catalog.get(id)!;
    for (const language of PROCESS_LANGUAGES.filter((l) => ch.languages.includes(l))) {
      const file = path.join(CHALLENGES_DIR, id, `starter.${LANGUAGES[language].extension}`);
      const result = await judgeSolution(catalog, id, language, file, 'run');
      expect(result.verdict, `${language} starter solves it`).not.toBe('accepted');
    }
  }, JUDGING_TIMEOUT_MS);
});

describe('loadCatalog on a broken catalog', () => {
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'pairjudge-catalog-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function copyOf(name: string, from = 'two-sum'): Promise<string> {
    const root = path.join(tmp, name);
    await cp(path.join(CHALLENGES_DIR, from), path.join(root, from), { recursive: true });
    return root;
  }

  async function editJson(file: string, edit: (data: Record<string, unknown>) => void): Promise<void> {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(data);
    await writeFile(file, JSON.stringify(data));
  }

  it('loads a good copy', async () => {
    const root = await copyOf('good');
    const loaded = await loadCatalog(root);
    expect(loaded.list().map((c) => c.id)).toEqual(['two-sum']);
  });

  it('fails naming the folder and the field when a field has the wrong type', async () => {
    const root = await copyOf('bad-difficulty');
    await editJson(path.join(root, 'two-sum', 'challenge.json'), (d) => {
      d.difficulty = 'trivial';
    });
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*\/difficulty/);
  });

  it('fails naming the test field when a test lacks its expected value', async () => {
    const root = await copyOf('no-expected');
    await editJson(path.join(root, 'two-sum', 'challenge.json'), (d) => {
      const tests = d.tests as Record<string, unknown>[];
      delete tests[2]!.expected;
    });
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*\/tests\/2\/expected/);
  });

  it('fails when challenge.json is not JSON', async () => {
    const root = await copyOf('not-json');
    await writeFile(path.join(root, 'two-sum', 'challenge.json'), '{ "id": ');
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*challenge\.json.*not valid JSON/);
  });

  it('fails when the id differs from the folder name', async () => {
    const root = await copyOf('wrong-id');
    await editJson(path.join(root, 'two-sum', 'challenge.json'), (d) => {
      d.id = 'three-sum';
    });
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*\/id/);
  });

  it('fails when two tests share a name', async () => {
    const root = await copyOf('duplicate-test');
    await editJson(path.join(root, 'two-sum', 'challenge.json'), (d) => {
      const tests = d.tests as Record<string, unknown>[];
      tests[1]!.name = tests[0]!.name;
    });
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*\/tests\/1\/name.*duplicate/);
  });

  it('fails when a starter for an offered language is missing', async () => {
    const root = await copyOf('no-starter');
    await rm(path.join(root, 'two-sum', 'starter.py'));
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*starter\.py.*missing/);
  });

  it('fails when statement.md is missing', async () => {
    const root = await copyOf('no-statement');
    await rm(path.join(root, 'two-sum', 'statement.md'));
    await expect(loadCatalog(root)).rejects.toThrow(/"two-sum".*statement\.md.*missing/);
  });

  it('offers only languages the judge knows, without needing their starters', async () => {
    const root = await copyOf('extra-language');
    await editJson(path.join(root, 'two-sum', 'challenge.json'), (d) => {
      d.entry = { ...(d.entry as object), cobol: 'TWO_SUM' };
    });
    const loaded = await loadCatalog(root);
    expect(loaded.list()[0]?.languages).toEqual([...LANGUAGE_IDS].sort());
    expect(Object.keys(loaded.publicView('two-sum')!.starter).sort()).toEqual([...LANGUAGE_IDS].sort());
  });
});
