/**
 * In-memory SubmissionStore: bounded by count and age. It lives and dies with the gateway
 * process (README says what survives what).
 */
import type { SubmissionResult, SubmissionState } from '../../../protocol/index.js';
import type { SubmissionStore } from './submission-store.js';

interface Entry {
  state: SubmissionState;
  touchedAt: number;
}

export interface MemoryStoreOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export class MemorySubmissionStore implements SubmissionStore {
  // Map keeps insertion order, so the first key is always the oldest.
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, Set<(result: SubmissionResult) => void>>();
  private readonly now: () => number;

  constructor(private readonly options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  async accept(id: string): Promise<void> {
    if (!this.entries.has(id)) this.put(id, { id, status: 'queued' });
  }

  async markRunning(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry || entry.state.status === 'queued') this.put(id, { id, status: 'running' });
  }

  async complete(result: SubmissionResult): Promise<void> {
    const existing = this.entries.get(result.id);
    if (existing?.state.status === 'done') return;
    this.put(result.id, result);
    const waiting = this.waiters.get(result.id);
    this.waiters.delete(result.id);
    waiting?.forEach((wake) => wake(result));
  }

  async get(id: string): Promise<SubmissionState | undefined> {
    this.evict();
    return this.entries.get(id)?.state;
  }

  waitForResult(id: string, timeoutMs: number): Promise<SubmissionResult | undefined> {
    const state = this.entries.get(id)?.state;
    if (state?.status === 'done') return Promise.resolve(state);
    if (timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const wake = (result: SubmissionResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        set.delete(wake);
        if (set.size === 0) this.waiters.delete(id);
        resolve(undefined);
      }, timeoutMs);
      set.add(wake);
    });
  }

  get size(): number {
    return this.entries.size;
  }

  private put(id: string, state: SubmissionState): void {
    this.entries.delete(id);
    this.entries.set(id, { state, touchedAt: this.now() });
    this.evict();
  }

  private evict(): void {
    const oldest = this.now() - this.options.ttlMs;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && entry.touchedAt >= oldest) break;
      this.entries.delete(id);
    }
  }
}
