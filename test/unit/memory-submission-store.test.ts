import { describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { MemorySubmissionStore } from '../../judge-server/gateway/store/memory-submission-store.js';

const result = (id: string, verdict: SubmissionResult['verdict'] = 'accepted'): SubmissionResult => ({
  id,
  status: 'done',
  verdict,
  tests: [],
  stdout: '',
  durationMs: 1,
});

describe('MemorySubmissionStore', () => {
  it('moves a submission from queued to running to done', async () => {
    const store = new MemorySubmissionStore({ ttlMs: 60_000, maxEntries: 10 });
    await store.accept('a');
    expect(await store.get('a')).toEqual({ id: 'a', status: 'queued' });
    await store.markRunning('a');
    expect(await store.get('a')).toEqual({ id: 'a', status: 'running' });
    await store.complete(result('a'));
    expect((await store.get('a'))?.status).toBe('done');
  });

  it('wakes a waiter when the result arrives and times out otherwise', async () => {
    const store = new MemorySubmissionStore({ ttlMs: 60_000, maxEntries: 10 });
    await store.accept('a');
    const waiting = store.waitForResult('a', 5000);
    await store.complete(result('a', 'wrong_answer'));
    expect((await waiting)?.verdict).toBe('wrong_answer');
    await store.accept('b');
    expect(await store.waitForResult('b', 20)).toBeUndefined();
    expect(await store.waitForResult('b', 0)).toBeUndefined();
  });

  it('keeps the first result when one arrives twice (a redelivered job)', async () => {
    const store = new MemorySubmissionStore({ ttlMs: 60_000, maxEntries: 10 });
    await store.complete(result('a', 'accepted'));
    await store.complete(result('a', 'internal_error'));
    await store.markRunning('a');
    expect(await store.get('a')).toMatchObject({ status: 'done', verdict: 'accepted' });
  });

  it('forgets the oldest entries past its size and entries past their age', async () => {
    let now = 0;
    const store = new MemorySubmissionStore({ ttlMs: 1000, maxEntries: 2, now: () => now });
    await store.accept('a');
    await store.accept('b');
    await store.accept('c');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
    now = 5000;
    expect(await store.get('c')).toBeUndefined();
  });
});
