/**
 * The challenge catalog in memory: what the gateway serves and what it builds jobs from.
 * Hidden tests stay inside `LoadedChallenge`; every view meant for clients goes through
 * `publicView`, which reduces them to a count.
 */
import {
  isIoTest,
  type ChallengeFile,
  type ChallengeSummary,
  type ChallengeTest,
  type Difficulty,
  type PublicChallenge,
  type SubmissionMode,
} from '../protocol/index.js';

/** A challenge as loaded from disk, hidden tests included. Never send it to a client as is. */
export interface LoadedChallenge extends ChallengeFile {
  /** Languages offered: the keys of `entry` the judge knows (LANGUAGE_IDS), sorted. */
  languages: string[];
  /** Markdown of statement.md. */
  statement: string;
  /** Starter code per offered language. */
  starter: Record<string, string>;
}

export interface Catalog {
  /** Every challenge, sorted by difficulty (easy, medium, hard) then title. */
  list(): ChallengeSummary[];
  /** The full challenge, hidden tests included: for building judge jobs only. */
  get(id: string): LoadedChallenge | undefined;
  /** What clients may see: hidden tests removed, `hiddenTestCount` set. */
  publicView(id: string): PublicChallenge | undefined;
}

const DIFFICULTY_ORDER: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

export function createCatalog(challenges: LoadedChallenge[]): Catalog {
  const byId = new Map(challenges.map((ch) => [ch.id, ch]));
  const summaries: ChallengeSummary[] = [...challenges]
    .sort(
      (a, b) =>
        DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
        a.title.localeCompare(b.title, 'en') ||
        a.id.localeCompare(b.id, 'en'),
    )
    .map((ch) => ({
      id: ch.id,
      title: ch.title,
      difficulty: ch.difficulty,
      tags: [...ch.tags],
      languages: [...ch.languages],
    }));

  return {
    // Copies everywhere: callers (route handlers, tests) must not be able to edit the catalog.
    list: () => structuredClone(summaries),
    get: (id) => {
      const ch = byId.get(id);
      return ch && structuredClone(ch);
    },
    publicView: (id) => {
      const ch = byId.get(id);
      return ch && toPublicView(ch);
    },
  };
}

/** The client view of a challenge. Built field by field so nothing hidden slips through by default. */
export function toPublicView(ch: LoadedChallenge): PublicChallenge {
  const visible = ch.tests.filter((t) => !t.hidden);
  return {
    id: ch.id,
    title: ch.title,
    difficulty: ch.difficulty,
    tags: [...ch.tags],
    languages: [...ch.languages],
    statement: ch.statement,
    entry: { ...ch.entry },
    ...(ch.signature ? { signature: structuredClone(ch.signature) } : {}),
    starter: { ...ch.starter },
    tests: visible.map((t) =>
      isIoTest(t)
        ? { name: t.name, input: t.input, expectedOutput: t.expectedOutput }
        : { name: t.name, args: structuredClone(t.args), expected: structuredClone(t.expected) },
    ),
    ...(ch.compare ? { compare: { ...ch.compare } } : {}),
    hiddenTestCount: ch.tests.length - visible.length,
  };
}

/**
 * The challenge tests a submission runs: `run` gets the visible ones (quick feedback while
 * editing), `submit` gets all of them, hidden included. Each keeps its `hidden` flag so the
 * worker can withhold expected/actual values of hidden tests in the result.
 */
export function testsForMode(ch: LoadedChallenge, mode: SubmissionMode): ChallengeTest[] {
  const chosen = mode === 'run' ? ch.tests.filter((t) => !t.hidden) : ch.tests;
  return chosen.map((t) =>
    isIoTest(t)
      ? { name: t.name, input: t.input, expectedOutput: t.expectedOutput, hidden: t.hidden }
      : { name: t.name, args: structuredClone(t.args), expected: structuredClone(t.expected), hidden: t.hidden },
  );
}
