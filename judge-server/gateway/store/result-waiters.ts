/**
 * Clients holding a request open for a result. A result this gateway stores wakes its waiters at
 * once (`notify`); a result stored by another gateway sharing the store (or stored while this one
 * was reconnecting) is found by one batched store read every `pollMs` for all waiting ids.
 */
import type { SubmissionResult } from '../../../protocol/index.js';
import type { SubmissionStore } from './submission-store.js';

export class ResultWaiters {
  private readonly waiting = new Map<string, Set<(result: SubmissionResult) => void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly store: SubmissionStore,
    private readonly pollMs: number,
    private readonly onPollError: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves with the result once there is one, or undefined after `timeoutMs`. */
  async wait(id: string, timeoutMs: number): Promise<SubmissionResult | undefined> {
    const [stored] = await this.store.getResults([id]);
    if (stored) return stored;
    if (timeoutMs <= 0) return undefined;
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      this.waiting.set(id, set);
      const wake = (result: SubmissionResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        set.delete(wake);
        if (set.size === 0) this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      set.add(wake);
      this.ensurePolling();
    });
  }

  notify(result: SubmissionResult): void {
    const set = this.waiting.get(result.id);
    if (!set) return;
    this.waiting.delete(result.id);
    for (const wake of set) wake(result);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private ensurePolling(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.waiting.size === 0) {
      this.close();
      return;
    }
    if (this.polling) return;
    this.polling = true;
    try {
      for (const result of await this.store.getResults([...this.waiting.keys()])) this.notify(result);
    } catch (error) {
      // The store is away for a moment: the waiters keep waiting and the next poll tries again.
      this.onPollError(error);
    } finally {
      this.polling = false;
    }
  }
}
