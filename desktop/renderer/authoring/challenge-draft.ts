/**
 * The "Write a challenge" form's data: what the coach types (plain strings, tests as JSON text)
 * and its conversion into the body of POST/PUT /v1/challenges. Conversion checks what the form
 * can check before the judge does, and names the bad field in the form's own words
 * ("Hidden tests [2].args"), so the coach knows which box to fix.
 */
import {
  AuthoredChallengeInputSchema,
  LANGUAGES,
  LANGUAGE_IDS,
  type AuthoredChallengeInput,
  type ChallengeTest,
  type Difficulty,
  type PublicChallenge,
} from '../../../protocol/index.js';
import { findProblem } from '../bridge/validate.js';

export interface LanguageDraft {
  /** Offered in this challenge. */
  enabled: boolean;
  entry: string;
  starter: string;
  reference: string;
}

export interface ChallengeDraft {
  title: string;
  difficulty: Difficulty;
  /** Comma-separated. */
  tags: string;
  statement: string;
  languages: Record<string, LanguageDraft>;
  /** JSON arrays of `{ "name", "args", "expected" }`. */
  visibleTests: string;
  hiddenTests: string;
}

export type DraftCheck = { ok: true; value: AuthoredChallengeInput } | { ok: false; field: string; message: string };

const DEFAULT_LANGUAGES: ReadonlySet<string> = new Set(['javascript', 'python']);

const TEST_EXAMPLE = '[\n  { "name": "example", "args": [1, 2], "expected": 3 }\n]';

export function emptyDraft(): ChallengeDraft {
  const languages: Record<string, LanguageDraft> = {};
  // JavaScript and Python are on by default (each needs only a function name); every other
  // language is the author's choice: the compiled ones need a typed signature, and TypeScript an
  // entry of its own, which an empty form would refuse before the author asked for it.
  for (const id of LANGUAGE_IDS) languages[id] = { enabled: DEFAULT_LANGUAGES.has(id), entry: '', starter: '', reference: '' };
  return { title: '', difficulty: 'easy', tags: '', statement: '', languages, visibleTests: TEST_EXAMPLE, hiddenTests: '[]' };
}

/**
 * A draft from a challenge as the judge serves it. The judge never sends hidden tests or
 * reference solutions back, not even to their author, so those boxes start empty.
 */
export function draftFromChallenge(challenge: PublicChallenge): ChallengeDraft {
  const draft = emptyDraft();
  draft.title = challenge.title;
  draft.difficulty = challenge.difficulty;
  draft.tags = challenge.tags.join(', ');
  draft.statement = challenge.statement;
  for (const id of LANGUAGE_IDS) {
    const entry = challenge.entry[id];
    draft.languages[id] = { enabled: entry !== undefined, entry: entry ?? '', starter: challenge.starter[id] ?? '', reference: '' };
  }
  draft.visibleTests = JSON.stringify(challenge.tests, null, 2);
  draft.hiddenTests = '[]';
  return draft;
}

export function languageName(id: string): string {
  return (LANGUAGES as Record<string, { name: string } | undefined>)[id]?.name ?? id;
}

function parseTests(text: string, label: string, hidden: boolean): { ok: true; value: ChallengeTest[] } | { ok: false; field: string; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.trim() === '' ? '[]' : text);
  } catch (error) {
    return { ok: false, field: label, message: `${label}: not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(data)) return { ok: false, field: label, message: `${label}: must be a JSON array of tests` };
  const tests: ChallengeTest[] = [];
  for (const [index, item] of data.entries()) {
    const at = `${label} [${index}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { ok: false, field: at, message: `${at}: must be an object with name, args and expected` };
    const { name, args, expected, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest).filter((k) => k !== 'hidden');
    if (extra.length > 0) return { ok: false, field: `${at}.${extra[0]}`, message: `${at}.${extra[0]}: is not a known field (name, args, expected)` };
    if (typeof name !== 'string' || name.trim() === '') return { ok: false, field: `${at}.name`, message: `${at}.name: must be a non-empty string` };
    if (!Array.isArray(args)) return { ok: false, field: `${at}.args`, message: `${at}.args: must be an array of arguments` };
    if (!('expected' in item)) return { ok: false, field: `${at}.expected`, message: `${at}.expected: is required` };
    tests.push({ name, args, expected, hidden });
  }
  return { ok: true, value: tests };
}

/** The request body, or the first problem with the form field it is in. */
export function draftToInput(draft: ChallengeDraft): DraftCheck {
  if (draft.title.trim() === '') return { ok: false, field: 'Title', message: 'Title: is required' };
  if (draft.statement.trim() === '') return { ok: false, field: 'Statement', message: 'Statement: is required' };
  const entry: Record<string, string> = {};
  const starter: Record<string, string> = {};
  const reference: Record<string, string> = {};
  for (const [id, lang] of Object.entries(draft.languages)) {
    if (!lang.enabled) continue;
    const name = languageName(id);
    if (!/^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/.test(lang.entry)) {
      return { ok: false, field: `${name} function name`, message: `${name} function name: must be an identifier like twoSum or two_sum` };
    }
    entry[id] = lang.entry;
    starter[id] = lang.starter;
    if (lang.reference.trim() !== '') reference[id] = lang.reference;
  }
  if (Object.keys(entry).length === 0) return { ok: false, field: 'Languages', message: 'Languages: offer at least one' };

  const visible = parseTests(draft.visibleTests, 'Visible tests', false);
  if (!visible.ok) return visible;
  const hidden = parseTests(draft.hiddenTests, 'Hidden tests', true);
  if (!hidden.ok) return hidden;
  const tests = [...visible.value, ...hidden.value];
  if (tests.length === 0) return { ok: false, field: 'Visible tests', message: 'Visible tests: add at least one test' };
  const seen = new Map<string, string>();
  for (const test of tests) {
    const where = test.hidden ? 'Hidden tests' : 'Visible tests';
    if (seen.has(test.name)) return { ok: false, field: where, message: `${where}: the name "${test.name}" is used twice (names must be unique)` };
    seen.set(test.name, where);
  }

  const value: AuthoredChallengeInput = {
    title: draft.title.trim(),
    difficulty: draft.difficulty,
    tags: draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    statement: draft.statement,
    entry,
    starter,
    tests,
    ...(Object.keys(reference).length > 0 ? { reference } : {}),
  };
  // The same schema the judge applies (sizes, counts), checked here for a quicker answer.
  const problem = findProblem(AuthoredChallengeInputSchema, value, 'challenge');
  if (problem) return { ok: false, field: problem.field, message: problem.message };
  return { ok: true, value };
}
