/**
 * Checks the gateway's answers against contract v1 before any shell trusts them.
 */
import { Value } from '@sinclair/typebox/value';
import {
  AuthoredChallengeSavedSchema,
  ChallengeSummarySchema,
  PublicChallengeSchema,
  SubmissionPendingSchema,
  SubmissionResultSchema,
  type AuthoredChallengeSaved,
  type ChallengeSummary,
  type PublicChallenge,
  type SubmissionPending,
  type SubmissionResult,
} from '../protocol/index.js';
import type { LanguageEntry } from './judge-error.js';

/** The catalog list: a bare array, or `{ challenges: [...] }`. Undefined when neither. */
export function readChallengeList(body: unknown): ChallengeSummary[] | undefined {
  const list = Array.isArray(body) ? body : (body as { challenges?: unknown } | null)?.challenges;
  if (!Array.isArray(list)) return undefined;
  return list.every((item) => Value.Check(ChallengeSummarySchema, item)) ? (list as ChallengeSummary[]) : undefined;
}

export function readAuthoredSaved(body: unknown): AuthoredChallengeSaved | undefined {
  return Value.Check(AuthoredChallengeSavedSchema, body) ? body : undefined;
}

export function readChallenge(body: unknown): PublicChallenge | undefined {
  return Value.Check(PublicChallengeSchema, body) ? body : undefined;
}

/** Languages: `[{ id, name }]`, `["javascript"]` or `{ languages: [...] }`. */
export function readLanguages(body: unknown): LanguageEntry[] | undefined {
  const list = Array.isArray(body) ? body : (body as { languages?: unknown } | null)?.languages;
  if (!Array.isArray(list)) return undefined;
  const entries: LanguageEntry[] = [];
  for (const item of list) {
    if (typeof item === 'string') entries.push({ id: item, name: item });
    else if (item && typeof item === 'object' && typeof (item as LanguageEntry).id === 'string') {
      const { id, name } = item as { id: string; name?: unknown };
      entries.push({ id, name: typeof name === 'string' ? name : id });
    } else return undefined;
  }
  return entries;
}

export type SubmissionAnswer = { done: SubmissionResult } | { pending: SubmissionPending };

export function readSubmission(body: unknown): SubmissionAnswer | undefined {
  if (Value.Check(SubmissionResultSchema, body)) return { done: body };
  if (Value.Check(SubmissionPendingSchema, body)) return { pending: body };
  return undefined;
}
