/**
 * The catalog the person has seen, on disk in the user-data folder, so challenges open with the
 * judge unreachable: every list and challenge the judge answers is written through; when the
 * judge cannot be reached, the last answers are served instead. Public views only (hidden tests
 * never reach a client). One JSON file, replaced atomically, so a crash leaves the old or the new.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ChallengeSummarySchema, PublicChallengeSchema, type ChallengeSummary, type PublicChallenge } from '../../../protocol/index.js';
import { JudgeClientError, type JudgeClient } from '../judge-client.js';

/** Challenges kept; the least recently fetched go first. */
export const MAX_CACHED_CHALLENGES = 200;

const CacheFileSchema = Type.Object({
  list: Type.Optional(Type.Array(ChallengeSummarySchema)),
  challenges: Type.Array(PublicChallengeSchema),
});
type CacheFile = { list?: ChallengeSummary[]; challenges: PublicChallenge[] };

export interface CatalogCache {
  list(): ChallengeSummary[] | undefined;
  challenge(id: string): PublicChallenge | undefined;
  saveList(list: ChallengeSummary[]): void;
  saveChallenge(challenge: PublicChallenge): void;
}

export function openCatalogCache(file: string): CatalogCache {
  let data: CacheFile = { challenges: [] };
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Value.Check(CacheFileSchema, parsed)) data = parsed;
  } catch {
    // No cache yet, or an unreadable one: start empty; the next answers rebuild it.
  }

  function persist(): void {
    mkdirSync(dirname(file), { recursive: true });
    const temp = join(dirname(file), `.catalog-cache.${process.pid}.tmp`);
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  }

  return {
    list: () => data.list && structuredClone(data.list),
    challenge: (id) => {
      const found = data.challenges.find((challenge) => challenge.id === id);
      return found && structuredClone(found);
    },
    saveList(list) {
      data = { ...data, list: structuredClone(list) };
      persist();
    },
    saveChallenge(challenge) {
      const others = data.challenges.filter((item) => item.id !== challenge.id);
      data = { ...data, challenges: [...others, structuredClone(challenge)].slice(-MAX_CACHED_CHALLENGES) };
      persist();
    },
  };
}

function isUnreachable(error: unknown): boolean {
  return error instanceof JudgeClientError && error.info.kind === 'unreachable';
}

/** The judge client with the catalog calls written through to the cache and served from it when the judge is unreachable. */
export function withCatalogCache(judge: JudgeClient, cache: CatalogCache): JudgeClient {
  return {
    ...judge,
    async listChallenges() {
      try {
        const list = await judge.listChallenges();
        cache.saveList(list);
        return list;
      } catch (error) {
        const cached = cache.list();
        if (isUnreachable(error) && cached) return cached;
        throw error;
      }
    },
    async getChallenge(id) {
      try {
        const challenge = await judge.getChallenge(id);
        cache.saveChallenge(challenge);
        return challenge;
      } catch (error) {
        const cached = cache.challenge(id);
        if (isUnreachable(error) && cached) return cached;
        throw error;
      }
    },
  };
}
