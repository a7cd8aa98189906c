/**
 * Keeps each room's Yjs document in IndexedDB, keyed by room code, so a reload (or a crash)
 * rejoins with every local edit and the resync sends the partner only what they miss.
 *
 * One object store, one record per room: the whole document as `Y.encodeStateAsUpdate`. Saving
 * the full state (debounced) instead of appending every update keeps the store tiny and the
 * restore a single `applyUpdate`; a pairing document is small (tens of KiB).
 */
import * as Y from 'yjs';

const DB_NAME = 'pairjudge-rooms';
const STORE = 'rooms';
/** Origin of restored state: not an edit of this session, so the undo manager ignores it. */
export const RESTORE_ORIGIN = 'pairjudge:restore';
/** Rooms not touched for this long are deleted when a room is opened: old sessions do not pile up. */
export const ROOM_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

interface StoredRoom {
  code: string;
  state: Uint8Array;
  savedAt: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(STORE, { keyPath: 'code' });
  };
  return request(req);
}

export class RoomPersistence {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory | undefined = globalThis.indexedDB) {}

  /** False where IndexedDB is missing (some private modes): the room then lives in memory only. */
  get available(): boolean {
    return this.factory !== undefined;
  }

  private database(): Promise<IDBDatabase> {
    if (!this.factory) return Promise.reject(new Error('IndexedDB is not available'));
    this.db ??= openDatabase(this.factory);
    return this.db;
  }

  async load(code: string): Promise<Uint8Array | null> {
    const db = await this.database();
    const room = (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(code))) as StoredRoom | undefined;
    return room ? room.state : null;
  }

  async save(code: string, state: Uint8Array): Promise<void> {
    const db = await this.database();
    const room: StoredRoom = { code, state, savedAt: Date.now() };
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(room));
  }

  async delete(code: string): Promise<void> {
    const db = await this.database();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(code));
  }

  async pruneOlderThan(cutoff: number): Promise<void> {
    const db = await this.database();
    const rooms = (await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll())) as StoredRoom[];
    for (const room of rooms) if (room.savedAt < cutoff) await this.delete(room.code);
  }

  /** Applies the stored state of `code` to `doc`; answers whether there was any. */
  async restoreInto(doc: Y.Doc, code: string): Promise<boolean> {
    const state = await this.load(code);
    if (!state) return false;
    Y.applyUpdate(doc, state, RESTORE_ORIGIN);
    return true;
  }

  /**
   * Saves `doc` under `code` after every change, at most once per `debounceMs`, and once more on
   * page hide. Returns a stop function that flushes a pending save.
   */
  track(doc: Y.Doc, code: string, onError: (error: Error) => void, debounceMs = 250): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      this.save(code, Y.encodeStateAsUpdate(doc)).catch(onError);
    };
    const onUpdate = () => {
      timer ??= setTimeout(flush, debounceMs);
    };
    const onPageHide = () => {
      if (timer) flush();
    };
    doc.on('update', onUpdate);
    globalThis.addEventListener?.('pagehide', onPageHide);
    flush();
    return () => {
      doc.off('update', onUpdate);
      globalThis.removeEventListener?.('pagehide', onPageHide);
      if (timer) flush();
    };
  }
}
