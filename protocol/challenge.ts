/**
 * Challenges of the catalog. On disk each lives in `challenges/<id>/` as `challenge.json`
 * (metadata, entry names, tests), `statement.md` and `starter.<ext>` per language.
 * Hidden tests never leave the gateway except inside a job for the worker.
 */
import { Type, type Static } from '@sinclair/typebox';
import { MAX_CASES, MAX_CODE_BYTES } from './limits.js';
import { CHALLENGE_ID_PATTERN, IDENTIFIER_PATTERN } from './submission.js';
import { SignatureSchema } from './signature.js';

export const DifficultySchema = Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]);
export type Difficulty = Static<typeof DifficultySchema>;

/** A function case: the entry function is called with `args` and must return `expected`. */
export const FunctionTestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    args: Type.Array(Type.Unknown()),
    expected: Type.Unknown(),
    hidden: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type FunctionTest = Static<typeof FunctionTestSchema>;

/**
 * A stdin/stdout case: the whole program runs with `input` on its standard input and what it
 * writes to standard output is compared with `expectedOutput` by the challenge's `compare` rule
 * (judge-core/compare-output.ts).
 */
export const IoTestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    input: Type.String(),
    expectedOutput: Type.String(),
    hidden: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type IoTest = Static<typeof IoTestSchema>;

export const ChallengeTestSchema = Type.Union([FunctionTestSchema, IoTestSchema]);
export type ChallengeTest = Static<typeof ChallengeTestSchema>;

/** True for a stdin/stdout case (it has `input`), false for a function case. */
export function isIoTest<T extends object>(test: T): test is Extract<T, { input: string }> {
  return 'input' in test && typeof test.input === 'string';
}

/**
 * How stdin/stdout output is compared (judge-core/compare-output.ts):
 * - `exact` (the default): equal after line endings become LF, trailing spaces and tabs of each
 *   line are dropped and trailing blank lines are dropped.
 * - `tokens`: split on whitespace; tokens that both read as numbers are equal within `tolerance`
 *   (absolute or relative, whichever is larger), any other tokens must be equal as text.
 */
export const OutputCompareSchema = Type.Union([
  Type.Object({ mode: Type.Literal('exact') }, { additionalProperties: false }),
  Type.Object(
    { mode: Type.Literal('tokens'), tolerance: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })) },
    { additionalProperties: false },
  ),
]);
export type OutputCompare = Static<typeof OutputCompareSchema>;

/** Entry function name per language; a language missing here is not offered for the challenge. */
export const EntryNamesSchema = Type.Record(Type.String(), Type.String({ pattern: IDENTIFIER_PATTERN }));

/** What `challenge.json` holds. */
export const ChallengeFileSchema = Type.Object(
  {
    id: Type.String({ pattern: CHALLENGE_ID_PATTERN }),
    title: Type.String({ minLength: 1 }),
    difficulty: DifficultySchema,
    tags: Type.Array(Type.String()),
    /**
     * Function cases: the function each language's code defines. Stdin/stdout challenges name
     * the program (`main`, or `Main` for a Java class): only the keys say which languages are offered.
     */
    entry: EntryNamesSchema,
    /** Parameter and return types (protocol/signature.ts); required for the compiled languages. */
    signature: Type.Optional(SignatureSchema),
    tests: Type.Array(ChallengeTestSchema, { minItems: 1 }),
    /** Stdin/stdout challenges only: how output is compared (`exact` when absent). */
    compare: Type.Optional(OutputCompareSchema),
  },
  { additionalProperties: false },
);
export type ChallengeFile = Static<typeof ChallengeFileSchema>;

export const ChallengeSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  difficulty: DifficultySchema,
  tags: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  /** Set on challenges a coach wrote through the API (not from the catalog folder). */
  authored: Type.Optional(Type.Boolean()),
  /** The name of the token that wrote it (authored challenges only). */
  owner: Type.Optional(Type.String()),
});
export type ChallengeSummary = Static<typeof ChallengeSummarySchema>;

/** A challenge as clients see it: hidden tests reduced to a count. */
export const PublicChallengeSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  difficulty: DifficultySchema,
  tags: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  statement: Type.String({ description: 'Markdown' }),
  entry: EntryNamesSchema,
  /** The typed signature every language's driver is generated from (protocol/signature.ts). */
  signature: Type.Optional(SignatureSchema),
  starter: Type.Record(Type.String(), Type.String()),
  tests: Type.Array(
    Type.Union([
      Type.Object({ name: Type.String(), args: Type.Array(Type.Unknown()), expected: Type.Unknown() }),
      Type.Object({ name: Type.String(), input: Type.String(), expectedOutput: Type.String() }),
    ]),
  ),
  compare: Type.Optional(OutputCompareSchema),
  hiddenTestCount: Type.Integer(),
  authored: Type.Optional(Type.Boolean()),
  owner: Type.Optional(Type.String()),
});
export type PublicChallenge = Static<typeof PublicChallengeSchema>;

/*
 * Authored challenges: written by a coach through POST/PUT /v1/challenges with a coach token.
 * The body carries what a catalog folder holds (challenge.json's fields, statement.md, the
 * starter files) in one document; the gateway gives the id. Every rule the catalog loader applies
 * applies here too (judge-core/challenge-rules.ts); the schema below only bounds sizes so a hostile
 * body cannot make the gateway store or judge something huge.
 */

/** Markdown of an authored statement, at most this many characters. */
export const MAX_STATEMENT_CHARS = 64 * 1024;
export const MAX_TITLE_CHARS = 120;
export const MAX_TAGS = 10;

const CodePerLanguageSchema = Type.Record(Type.String(), Type.String({ maxLength: MAX_CODE_BYTES }), { maxProperties: 8 });

export const AuthoredChallengeInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: MAX_TITLE_CHARS }),
    difficulty: DifficultySchema,
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: MAX_TAGS }),
    statement: Type.String({ minLength: 1, maxLength: MAX_STATEMENT_CHARS, description: 'Markdown' }),
    entry: Type.Record(Type.String(), Type.String({ pattern: IDENTIFIER_PATTERN }), { maxProperties: 8 }),
    starter: CodePerLanguageSchema,
    tests: Type.Array(ChallengeTestSchema, { minItems: 1, maxItems: MAX_CASES }),
    compare: Type.Optional(OutputCompareSchema),
    /** Solutions per language that must pass every test before the challenge is saved. */
    reference: Type.Optional(CodePerLanguageSchema),
  },
  { additionalProperties: false },
);
export type AuthoredChallengeInput = Static<typeof AuthoredChallengeInputSchema>;

/** The answer to a create or an update: the id to use in submissions and rooms. */
export const AuthoredChallengeSavedSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  owner: Type.String(),
  /** Languages whose reference solution was judged and accepted before saving. */
  verifiedLanguages: Type.Array(Type.String()),
});
export type AuthoredChallengeSaved = Static<typeof AuthoredChallengeSavedSchema>;
