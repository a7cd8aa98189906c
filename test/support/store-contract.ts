/**
 * The behaviour every SubmissionStore must have, run against SQLite (unit tier) and PostgreSQL
 * (integration tier). `open` gives a fresh, empty store; `openPeer` a second handle on the same
 * data (another gateway process sharing it).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import type { NewSubmission, SubmissionStore } from '../../judge-server/gateway/store/submission-store.js';

export interface StoreFixture {
  store: SubmissionStore;
  openPeer(): Promise<SubmissionStore>;
  cleanup(): Promise<void>;
}

export function job(id: string, language: JudgeJob['language'] = 'python'): JudgeJob {
  return { id, language, code: 'def f(): return 1\n', entry: 'f', cases: [{ name: 'one', args: [], expected: 1, hidden: false }], submittedAt: 1000 };
}

export function submission(overrides: Partial<NewSubmission> = {}): NewSubmission {
  const id = overrides.id ?? randomUUID();
  return { id, requestHash: 'h1', job: job(id), now: 1000, maxQueued: 1000, ...overrides };
}

export function result(id: string, verdict: SubmissionResult['verdict'] = 'accepted'): SubmissionResult {
  return { id, status: 'done', verdict, tests: [{ name: 'one', passed: verdict === 'accepted', hidden: false }], stdout: '', durationMs: 12 };
}

export function describeStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name} submission store`, () => {
    const fixtures: StoreFixture[] = [];
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup();
    });
    const fresh = async () => {
      const fixture = await open();
      fixtures.push(fixture);
      return fixture;
    };

    it('keeps a submission from acceptance through running to its result', async () => {
      const { store } = await fresh();
      const s = submission();
      expect(await store.accept(s)).toEqual({ kind: 'created', id: s.id });
      expect(await store.get(s.id)).toEqual({ id: s.id, status: 'queued' });
      await store.markRunning(s.id, 1100);
      expect(await store.get(s.id)).toEqual({ id: s.id, status: 'running' });
      expect(await store.complete(result(s.id), 1200)).toEqual({ kind: 'stored', language: 'python' });
      expect(await store.get(s.id)).toEqual(result(s.id));
      // A late "running" notice does not undo the result.
      await store.markRunning(s.id, 1300);
      expect((await store.get(s.id))?.status).toBe('done');
    });

    it('keeps the first result and reports later ones as duplicates', async () => {
      const { store } = await fresh();
      const s = submission();
      await store.accept(s);
      expect((await store.complete(result(s.id, 'wrong_answer'), 1100)).kind).toBe('stored');
      expect(await store.complete(result(s.id, 'accepted'), 1200)).toEqual({ kind: 'duplicate' });
      expect((await store.get(s.id)) as SubmissionResult).toMatchObject({ verdict: 'wrong_answer' });
      expect(await store.complete(result(randomUUID()), 1200)).toEqual({ kind: 'unknown' });
      expect(await store.get(randomUUID())).toBeUndefined();
    });

    it('answers a known idempotency key with the earlier submission and its request hash', async () => {
      const { store } = await fresh();
      const first = submission({ idempotencyKey: 'key-1', requestHash: 'aaa' });
      await store.accept(first);
      expect(await store.accept(submission({ idempotencyKey: 'key-1', requestHash: 'bbb' }))).toEqual({ kind: 'existing', id: first.id, requestHash: 'aaa' });
      expect((await store.accept(submission({ idempotencyKey: 'key-2' }))).kind).toBe('created');
      expect((await store.accept(submission())).kind).toBe('created');
    });

    it('creates one submission when requests with one key race, from two handles', async () => {
      const { store, openPeer } = await fresh();
      const peer = await openPeer();
      try {
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 ? peer : store).accept(submission({ idempotencyKey: 'raced' }))),
        );
        const created = outcomes.filter((o) => o.kind === 'created');
        expect(created).toHaveLength(1);
        expect(new Set(outcomes.map((o) => (o.kind === 'full' ? 'full' : o.id)))).toEqual(new Set([created[0]!.kind === 'created' && created[0]!.id]));
      } finally {
        await peer.close();
      }
    });

    it('refuses new submissions once maxQueued wait, but still answers a known key', async () => {
      const { store } = await fresh();
      const a = submission({ maxQueued: 2, idempotencyKey: 'k-a' });
      await store.accept(a);
      await store.accept(submission({ maxQueued: 2 }));
      expect(await store.countQueued()).toBe(2);
      expect(await store.accept(submission({ maxQueued: 2 }))).toEqual({ kind: 'full', queued: 2 });
      expect((await store.accept(submission({ maxQueued: 2, idempotencyKey: 'k-a' }))).kind).toBe('existing');
      // Running submissions no longer wait: room again.
      await store.markRunning(a.id, 1100);
      expect(await store.countQueued()).toBe(1);
      expect((await store.accept(submission({ maxQueued: 2 }))).kind).toBe('created');
    });

    it('hands each unpublished submission to one publisher at a time, oldest first, until published', async () => {
      const { store, openPeer } = await fresh();
      const old = submission({ now: 1000 });
      const young = submission({ now: 2000 });
      await store.accept(young);
      await store.accept(old);
      const claimed = await store.claimUnpublished(10, 3000, 5000);
      expect(claimed.map((c) => c.id)).toEqual([old.id, young.id]);
      expect(claimed[0]!.job).toEqual(old.job);
      // Leased: neither this handle nor a peer gets them again before the lease ends.
      const peer = await openPeer();
      try {
        expect(await peer.claimUnpublished(10, 4000, 5000)).toEqual([]);
        await store.markPublished(old.id, 4000);
        await store.releaseClaim(young.id);
        expect((await peer.claimUnpublished(10, 4100, 5000)).map((c) => c.id)).toEqual([young.id]);
        // The lease of a publisher that died runs out; published ones never come back.
        expect((await store.claimUnpublished(10, 20_000, 5000)).map((c) => c.id)).toEqual([young.id]);
      } finally {
        await peer.close();
      }
    });

    it('splits concurrent claims between two handles without overlap', async () => {
      const { store, openPeer } = await fresh();
      const peer = await openPeer();
      try {
        for (let i = 0; i < 40; i++) await store.accept(submission({ now: 1000 + i }));
        const [a, b, c, d] = await Promise.all([
          store.claimUnpublished(10, 5000, 10_000),
          peer.claimUnpublished(10, 5000, 10_000),
          store.claimUnpublished(10, 5000, 10_000),
          peer.claimUnpublished(10, 5000, 10_000),
        ]);
        const ids = [...a!, ...b!, ...c!, ...d!].map((x) => x.id);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
      } finally {
        await peer.close();
      }
    });

    it('does not publish a submission that already has a result', async () => {
      const { store } = await fresh();
      const s = submission();
      await store.accept(s);
      await store.complete(result(s.id), 1100);
      expect(await store.claimUnpublished(10, 2000, 1000)).toEqual([]);
    });

    it('reaps submissions not done by the deadline as the given result, and only those', async () => {
      const { store } = await fresh();
      const queued = submission({ now: 1000 });
      const running = submission({ now: 1000 });
      const done = submission({ now: 1000 });
      const young = submission({ now: 9000 });
      for (const s of [queued, running, done, young]) await store.accept(s);
      await store.markRunning(running.id, 1500);
      await store.complete(result(done.id), 1500);
      const reaped = await store.reapStuck(5000, 10_000, (id) => ({ ...result(id, 'internal_error'), error: { message: 'stuck' } }));
      expect(new Set(reaped)).toEqual(new Set([queued.id, running.id]));
      expect(await store.get(queued.id)).toMatchObject({ status: 'done', verdict: 'internal_error' });
      expect(await store.get(running.id)).toMatchObject({ status: 'done', verdict: 'internal_error' });
      expect(await store.get(done.id)).toMatchObject({ verdict: 'accepted' });
      expect(await store.get(young.id)).toEqual({ id: young.id, status: 'queued' });
      // A worker's result arriving after the reaper is a duplicate.
      expect((await store.complete(result(queued.id), 11_000)).kind).toBe('duplicate');
    });

    it('forgets finished submissions past retention, with their idempotency keys', async () => {
      const { store } = await fresh();
      const old = submission({ idempotencyKey: 'old-key' });
      const recent = submission();
      const pending = submission();
      for (const s of [old, recent, pending]) await store.accept(s);
      await store.complete(result(old.id), 2000);
      await store.complete(result(recent.id), 8000);
      expect(await store.purgeFinished(5000)).toBe(1);
      expect(await store.get(old.id)).toBeUndefined();
      expect(await store.get(recent.id)).toBeDefined();
      expect(await store.get(pending.id)).toBeDefined();
      expect((await store.accept(submission({ idempotencyKey: 'old-key' }))).kind).toBe('created');
    });

    it('reads many results at once, only those that are done', async () => {
      const { store, openPeer } = await fresh();
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const s = submission();
        ids.push(s.id);
        await store.accept(s);
        if (i % 3 === 0) await store.complete(result(s.id), 2000);
      }
      const peer = await openPeer();
      try {
        const found = await peer.getResults([...ids, randomUUID()]);
        expect(found.map((r) => r.id).sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
        await expect(peer.ping()).resolves.toBeUndefined();
      } finally {
        await peer.close();
      }
    });
  });
}
