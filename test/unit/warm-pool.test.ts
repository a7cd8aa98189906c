/**
 * The warm pool's bookkeeping with fake entries (no Docker): fills to size, hands each entry out
 * once, prefers warm ones, replaces entries that die or outlive the time-to-live, retires the old
 * generation, yields to running jobs, and removes everything on close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WarmPool, type PoolEntry, type PoolEvent } from '../../judge-server/sandbox/warm-pool.js';

class FakeEntry implements PoolEntry {
  static count = 0;
  readonly id = `fake-${++FakeEntry.count}`;
  readonly startedAt: number;
  hasExited = false;
  isWarm = false;
  removed = false;
  readonly exited: Promise<void>;
  readonly warm: Promise<void>;
  die!: () => void;
  warmUp!: () => void;

  constructor(
    readonly generation: string,
    now: number,
  ) {
    this.startedAt = now;
    this.exited = new Promise((resolve) => {
      this.die = () => {
        this.hasExited = true;
        resolve();
      };
    });
    this.warm = new Promise((resolve) => {
      this.warmUp = () => {
        this.isWarm = true;
        resolve();
      };
    });
  }

  async remove(): Promise<void> {
    this.removed = true;
  }
}

const pools: WarmPool<FakeEntry>[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

function makePool(options: { size?: number; ttlMs?: number; busy?: () => boolean; warmAtOnce?: boolean } = {}) {
  const launched: FakeEntry[] = [];
  const events: PoolEvent<FakeEntry>[] = [];
  const state = { generation: 'image-1', now: 1_000 };
  const pool = new WarmPool<FakeEntry>({
    sizes: { python: options.size ?? 2 },
    ttlMs: options.ttlMs ?? 60_000,
    maintenanceMs: 60_000,
    maxDeferMs: 200,
    now: () => state.now,
    currentGeneration: async () => state.generation,
    busy: options.busy ?? (() => false),
    launch: async (_language, generation) => {
      const entry = new FakeEntry(generation, state.now);
      launched.push(entry);
      if (options.warmAtOnce !== false) entry.warmUp();
      return entry;
    },
    onEvent: (event) => events.push(event),
  });
  pools.push(pool);
  return { pool, launched, events, state };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('warm pool', () => {
  it('fills to its size and hands each entry out exactly once', async () => {
    const { pool, launched } = makePool({ size: 2 });
    await pool.start();
    await until(() => pool.idleCount('python') === 2, 'a full pool');
    const first = pool.take('python');
    const second = pool.take('python');
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(first).not.toBe(second);
    await until(() => pool.idleCount('python') === 2, 'a refill');
    const taken = new Set([first, second, pool.take('python'), pool.take('python')]);
    expect(taken.size).toBe(4);
    expect(launched.length).toBeGreaterThanOrEqual(4);
  });

  it('answers undefined for a language without a pool', async () => {
    const { pool } = makePool();
    await pool.start();
    expect(pool.take('javascript')).toBeUndefined();
  });

  it('prefers a warm entry over an older cold one', async () => {
    const { pool, launched } = makePool({ size: 2, warmAtOnce: false });
    await pool.start();
    await until(() => launched.length === 1, 'a first launch');
    // The pump waits for the first to be warm before the next; let it through, then warm only the second.
    launched[0]!.warmUp();
    launched[0]!.isWarm = false;
    await until(() => launched.length === 2, 'a second launch');
    launched[1]!.warmUp();
    expect(pool.take('python')).toBe(launched[1]);
  });

  it('replaces an entry that dies while pooled', async () => {
    const { pool, launched, events } = makePool({ size: 1 });
    await pool.start();
    await until(() => pool.idleCount('python') === 1, 'a full pool');
    launched[0]!.die();
    await until(() => launched.length === 2 && pool.idleCount('python') === 1, 'a replacement');
    expect(launched[0]!.removed).toBe(true);
    expect(events).toContainEqual({ type: 'retired', language: 'python', reason: 'died' });
    expect(pool.take('python')).toBe(launched[1]);
  });

  it('replaces entries past the time-to-live and of an old generation', async () => {
    const { pool, launched, events, state } = makePool({ size: 1, ttlMs: 10_000 });
    await pool.start();
    await until(() => pool.idleCount('python') === 1, 'a full pool');
    state.now += 10_000;
    await pool.maintain();
    await until(() => launched.length === 2 && pool.idleCount('python') === 1, 'a fresh entry');
    expect(events).toContainEqual({ type: 'retired', language: 'python', reason: 'ttl' });
    state.generation = 'image-2';
    await pool.maintain();
    await until(() => launched.length === 3 && pool.idleCount('python') === 1, 'an entry of the new image');
    expect(launched[1]!.removed).toBe(true);
    expect(pool.take('python')?.generation).toBe('image-2');
  });

  it('refills a language with no warm entry at once, even while jobs run', async () => {
    const { pool, launched } = makePool({ size: 1, busy: () => true });
    await pool.start();
    await until(() => launched.length === 1, 'a launch');
  });

  it('waits for a quiet moment while jobs run and a warm entry is left, up to a bound', async () => {
    let busy = false;
    const { pool, launched } = makePool({ size: 2, busy: () => busy });
    await pool.start();
    await until(() => pool.idleCount('python') === 2, 'a full pool');
    busy = true;
    pool.take('python');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(launched.length).toBe(2);
    // Past maxDeferMs (200 ms here) it launches anyway: refilling must not starve under load.
    await until(() => launched.length === 3, 'a launch after the bound');
  });

  it('removes every pooled entry on close and launches no more', async () => {
    const { pool, launched } = makePool({ size: 3 });
    await pool.start();
    await until(() => pool.idleCount('python') === 3, 'a full pool');
    await pool.close();
    expect(launched.every((entry) => entry.removed)).toBe(true);
    expect(pool.take('python')).toBeUndefined();
    const count = launched.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(launched.length).toBe(count);
  });
});
