/**
 * Turns a coach's request body into a challenge, by the catalog's own rules
 * (judge-core/challenge-rules.ts), and gives authored challenges their ids. A broken rule answers
 * 400 naming the request field (`tests[3].name`, `starter.python`).
 */
import { randomBytes } from 'node:crypto';
import type { AuthoredChallengeInput } from '../../protocol/index.js';
import type { LoadedChallenge } from '../../judge-core/catalog.js';
import { ChallengeRuleError, assembleChallenge } from '../../judge-core/challenge-rules.js';
import { RequestError } from '../gateway/request-error.js';

export function challengeFromInput(id: string, input: AuthoredChallengeInput): LoadedChallenge {
  try {
    return assembleChallenge({
      file: { id, title: input.title, difficulty: input.difficulty, tags: input.tags, entry: input.entry, tests: input.tests, ...(input.compare ? { compare: input.compare } : {}) },
      statement: input.statement,
      starter: input.starter,
    });
  } catch (error) {
    if (!(error instanceof ChallengeRuleError)) throw error;
    const field = requestField(error);
    throw new RequestError(400, 'invalid_request', field, `${field} ${error.detail}`);
  }
}

/** `/tests/3/name` in challenge.json's fields → `tests[3].name` in the request body. */
function requestField(error: ChallengeRuleError): string {
  const parts = error.pointer.split('/').filter(Boolean);
  if (error.part !== 'file') parts.unshift(error.part);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '') || 'body';
}

/**
 * A new id from the title: readable in links and logs (`reverse-words-3f9a1c`), with 24 random
 * bits so two coaches choosing one title do not collide, and never equal to a catalog id because
 * catalog folders do not end in such a suffix (the caller checks anyway).
 */
export function newAuthoredId(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${slug || 'challenge'}-${randomBytes(3).toString('hex')}`;
}
