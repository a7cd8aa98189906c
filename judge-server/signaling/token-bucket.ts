/**
 * A token bucket: `burst` actions at once, refilled at `ratePerSecond`. The clock is
 * injected so limits can be tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (the caller is over its rate). */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely: nothing to remember about its owner. */
  idle(): boolean {
    return this.tokens + ((this.now() - this.last) / 1000) * this.ratePerSecond >= this.burst;
  }
}
