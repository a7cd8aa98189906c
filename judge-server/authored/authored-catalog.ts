/**
 * The gateway's catalog: the challenges on disk plus those coaches wrote, behind the one Catalog
 * interface buildJob and the routes already use. Authored challenges are held in memory for the
 * synchronous Catalog calls and re-read from the store before anything depends on them being
 * current (a listing, a submission naming one), since another gateway sharing the store may
 * have changed them.
 */
import type { ChallengeSummary, Difficulty, PublicChallenge } from '../../protocol/index.js';
import { toPublicView, type Catalog, type LoadedChallenge } from '../../judge-core/catalog.js';
import type { AuthoredRecord, AuthoredStore } from './authored-store.js';

const DIFFICULTY_ORDER: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

export interface AuthoredCatalog extends Catalog {
  /** True for ids of the disk catalog, which no authored challenge may take. */
  isCatalogId(id: string): boolean;
  /** Re-reads every authored challenge from the store. */
  refresh(): Promise<void>;
  /** Re-reads one (a submission is about to use it); unknown ids are dropped from memory. */
  refreshOne(id: string): Promise<AuthoredRecord | undefined>;
  /** The stored record behind an authored id, as of the last read. */
  record(id: string): AuthoredRecord | undefined;
  /** Authored records of one owner token. */
  ownedBy(tokenId: string): AuthoredRecord[];
  remember(record: AuthoredRecord): void;
  forget(id: string): void;
}

export function createAuthoredCatalog(disk: Catalog, store: AuthoredStore): AuthoredCatalog {
  let records = new Map<string, AuthoredRecord>();
  const isCatalogId = (id: string) => disk.get(id) !== undefined;

  function summaries(): ChallengeSummary[] {
    return [...records.values()]
      .sort(
        (a, b) =>
          DIFFICULTY_ORDER[a.challenge.difficulty] - DIFFICULTY_ORDER[b.challenge.difficulty] ||
          a.challenge.title.localeCompare(b.challenge.title, 'en') ||
          a.id.localeCompare(b.id, 'en'),
      )
      .map((r) => ({
        id: r.id,
        title: r.challenge.title,
        difficulty: r.challenge.difficulty,
        tags: [...r.challenge.tags],
        languages: [...r.challenge.languages],
        authored: true,
        owner: r.ownerName,
      }));
  }

  return {
    // The disk catalog first (the curated set), then what coaches wrote.
    list: () => [...disk.list(), ...summaries()],
    get: (id): LoadedChallenge | undefined => disk.get(id) ?? (records.has(id) ? structuredClone(records.get(id)!.challenge) : undefined),
    publicView: (id): PublicChallenge | undefined => {
      const fromDisk = disk.publicView(id);
      if (fromDisk) return fromDisk;
      const record = records.get(id);
      // Through the catalog's own toPublicView: hidden tests are stripped exactly as for catalog ones.
      return record && { ...toPublicView(record.challenge), authored: true, owner: record.ownerName };
    },
    isCatalogId,
    async refresh() {
      const all = await store.list();
      records = new Map(all.filter((r) => !isCatalogId(r.id)).map((r) => [r.id, r]));
    },
    async refreshOne(id) {
      if (isCatalogId(id)) return undefined;
      const record = await store.get(id);
      if (record) records.set(id, record);
      else records.delete(id);
      return record;
    },
    record: (id) => records.get(id),
    ownedBy: (tokenId) => [...records.values()].filter((r) => r.ownerTokenId === tokenId),
    remember(record) {
      records.set(record.id, record);
    },
    forget(id) {
      records.delete(id);
    },
  };
}
