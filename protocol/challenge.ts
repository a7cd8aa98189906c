/**
 * Challenges of the catalog. On disk each lives in `challenges/<id>/` as `challenge.json`
 * (metadata, entry names, tests), `statement.md` and `starter.<ext>` per language.
 * Hidden tests never leave the gateway except inside a job for the worker.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CHALLENGE_ID_PATTERN, IDENTIFIER_PATTERN } from './submission.js';

export const DifficultySchema = Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]);
export type Difficulty = Static<typeof DifficultySchema>;

export const ChallengeTestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    args: Type.Array(Type.Unknown()),
    expected: Type.Unknown(),
    hidden: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ChallengeTest = Static<typeof ChallengeTestSchema>;

/** Entry function name per language; a language missing here is not offered for the challenge. */
export const EntryNamesSchema = Type.Record(Type.String(), Type.String({ pattern: IDENTIFIER_PATTERN }));

/** What `challenge.json` holds. */
export const ChallengeFileSchema = Type.Object(
  {
    id: Type.String({ pattern: CHALLENGE_ID_PATTERN }),
    title: Type.String({ minLength: 1 }),
    difficulty: DifficultySchema,
    tags: Type.Array(Type.String()),
    entry: EntryNamesSchema,
    tests: Type.Array(ChallengeTestSchema, { minItems: 1 }),
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
  starter: Type.Record(Type.String(), Type.String()),
  tests: Type.Array(
    Type.Object({ name: Type.String(), args: Type.Array(Type.Unknown()), expected: Type.Unknown() }),
  ),
  hiddenTestCount: Type.Integer(),
});
export type PublicChallenge = Static<typeof PublicChallengeSchema>;
