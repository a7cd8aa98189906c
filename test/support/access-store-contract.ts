/**
 * The contract every token store and authored-challenge store keeps, run against each
 * implementation (SQLite file, PostgreSQL) by test/integration/access-stores.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../judge-core/catalog.js';
import { assembleChallenge } from '../../judge-core/challenge-rules.js';
import type { AuthoredRecord } from '../../judge-server/authored/authored-store.js';
import { createAuthoredCatalog } from '../../judge-server/authored/authored-catalog.js';
import type { AccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken, hashToken } from '../../judge-server/tokens/token-secret.js';
import { reverseChallenge } from './authored-fixtures.js';

function record(id: string, owner = 'tok-1', at = 1000): AuthoredRecord {
  const input = reverseChallenge();
  const challenge = assembleChallenge({
    file: { id, title: input.title, difficulty: input.difficulty, tags: input.tags, entry: input.entry, tests: input.tests },
    statement: input.statement,
    starter: input.starter,
  });
  return { id, ownerTokenId: owner, ownerName: 'Ada', challenge, reference: { python: 'def reverse_word(w): return w[::-1]' }, createdAt: at, updatedAt: at };
}

export function accessStoreContract(name: string, open: () => Promise<AccessStores>): void {
  describe(`${name}: token store`, () => {
    it('finds a token by the hash of its secret and never stores the secret', async () => {
      const stores = await open();
      try {
        const { token, id, hash } = generateToken();
        await stores.tokens.add({ id, name: 'ada', role: 'coach', hash, createdAt: 5 });
        expect(await stores.tokens.findByHash(hashToken(token))).toEqual({ id, name: 'ada', role: 'coach', hash, createdAt: 5 });
        expect(await stores.tokens.findByHash(hashToken(`${token}x`))).toBeUndefined();
        const listed = await stores.tokens.list();
        expect(listed.map((t) => t.id)).toContain(id);
        expect(JSON.stringify(listed)).not.toContain(token);
      } finally {
        await stores.close();
      }
    });

    it('refuses a second token with the same hash', async () => {
      const stores = await open();
      try {
        const { id, hash } = generateToken();
        await stores.tokens.add({ id, name: 'a', role: 'user', hash, createdAt: 1 });
        await expect(stores.tokens.add({ id: `${id}-2`, name: 'b', role: 'user', hash, createdAt: 2 })).rejects.toThrow();
      } finally {
        await stores.close();
      }
    });

    it('keeps tokens across a reopen of the store', async () => {
      const { id, hash } = generateToken();
      const first = await open();
      await first.tokens.add({ id, name: 'kept', role: 'admin', hash, createdAt: 9 });
      await first.close();
      const second = await open();
      try {
        expect((await second.tokens.findByHash(hash))?.role).toBe('admin');
      } finally {
        await second.close();
      }
    });
  });

  describe(`${name}: authored-challenge store`, () => {
    it('adds, reads, lists, replaces and removes a challenge with its hidden tests', async () => {
      const stores = await open();
      try {
        const id = `rev-${Math.random().toString(16).slice(2, 8)}`;
        const original = record(id);
        await stores.authored.add(original);
        expect(await stores.authored.get(id)).toEqual(original);
        expect((await stores.authored.get(id))?.challenge.tests.filter((t) => t.hidden)).toHaveLength(2);
        expect((await stores.authored.list()).map((r) => r.id)).toContain(id);

        const changed = { ...original, challenge: { ...original.challenge, title: 'Reverse it' }, updatedAt: 2000 };
        expect(await stores.authored.replace(changed)).toBe(true);
        expect((await stores.authored.get(id))?.challenge.title).toBe('Reverse it');
        expect((await stores.authored.get(id))?.createdAt).toBe(1000);

        expect(await stores.authored.remove(id)).toBe(true);
        expect(await stores.authored.get(id)).toBeUndefined();
        expect(await stores.authored.remove(id)).toBe(false);
        expect(await stores.authored.replace(changed)).toBe(false);
      } finally {
        await stores.close();
      }
    });

    it('refuses a second challenge with the same id', async () => {
      const stores = await open();
      try {
        await stores.authored.add(record('dup-id-1'));
        await expect(stores.authored.add(record('dup-id-1', 'tok-2'))).rejects.toThrow();
        expect((await stores.authored.get('dup-id-1'))?.ownerTokenId).toBe('tok-1');
      } finally {
        await stores.close();
      }
    });

    it('lets a second store on the same database see a change at once through the catalog', async () => {
      const writer = await open();
      const reader = await open();
      try {
        const catalog = createAuthoredCatalog(createCatalog([]), reader.authored);
        await catalog.refresh();
        expect(catalog.get('shared-1')).toBeUndefined();
        await writer.authored.add(record('shared-1'));
        await catalog.refreshOne('shared-1');
        expect(catalog.publicView('shared-1')).toMatchObject({ id: 'shared-1', authored: true, owner: 'Ada', hiddenTestCount: 2 });
        await writer.authored.remove('shared-1');
        await catalog.refreshOne('shared-1');
        expect(catalog.get('shared-1')).toBeUndefined();
      } finally {
        await writer.close();
        await reader.close();
      }
    });
  });
}
