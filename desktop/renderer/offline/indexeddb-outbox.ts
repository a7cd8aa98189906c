/**
 * The browser guest's outbox in IndexedDB: one record per queued Submit, keyed by its
 * idempotency key, with its order number. A put resolves when its transaction completes, i.e.
 * the browser has committed it, so "queued" is shown only for a stored entry. Every tab of the
 * guest may send the outbox; the shared key makes a second send the same submission.
 */
import type { SubmissionRequest, SubmissionResult } from '../../../protocol/index.js';
import type { JudgeError } from '../bridge/bridge-api.js';
import type { OutboxEntry } from '../bridge/offline-api.js';
import type { OutboxQueue } from './outbox-sender.js';

const DB_NAME = 'pairjudge-outbox';
const STORE = 'entries';

export interface IndexedDbOutbox extends OutboxQueue {
  list(): Promise<OutboxEntry[]>;
  add(request: SubmissionRequest, key: string): Promise<OutboxEntry>;
  settle(key: string, outcome: { result: SubmissionResult } | { error: JudgeError }): Promise<void>;
  remove(key: string): Promise<void>;
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function openIndexedDbOutbox(factory: IDBFactory = indexedDB): IndexedDbOutbox {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    db ??= new Promise((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    });
    return db;
  };

  async function list(): Promise<OutboxEntry[]> {
    const transaction = (await open()).transaction(STORE, 'readonly');
    const all = (await requestDone(transaction.objectStore(STORE).getAll())) as OutboxEntry[];
    return all.sort((a, b) => a.seq - b.seq);
  }

  async function put(entry: OutboxEntry): Promise<void> {
    const transaction = (await open()).transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).put(entry);
    await transactionDone(transaction);
  }

  return {
    list,
    async add(request, key) {
      const entries = await list();
      // Order by time first: two tabs queuing at once still get distinct, increasing numbers.
      const seq = Math.max(Date.now(), ...entries.map((entry) => entry.seq + 1));
      const entry: OutboxEntry = { key, seq, queuedAt: Date.now(), request, state: 'queued' };
      await put(entry);
      return entry;
    },
    async settle(key, outcome) {
      const entry = (await list()).find((item) => item.key === key);
      if (!entry || entry.state !== 'queued') return;
      await put(
        'result' in outcome
          ? { ...entry, state: 'done', result: outcome.result, settledAt: Date.now() }
          : { ...entry, state: 'failed', error: outcome.error, settledAt: Date.now() },
      );
    },
    async remove(key) {
      const transaction = (await open()).transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).delete(key);
      await transactionDone(transaction);
    },
  };
}
