/**
 * The desktop's offline IPC handlers and catalog cache under Node, with real files in a temporary
 * folder: the outbox is written before "queued" is answered, bad arguments change nothing, and
 * the catalog the person saw is served when the judge is unreachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicChallenge, SubmissionRequest, SubmissionResult } from '../../protocol/index.js';
import { CHANNELS } from '../../desktop/renderer/bridge/channels.js';
import type { OutboxEntry } from '../../desktop/renderer/bridge/offline-api.js';
import { createOutboxSender } from '../../desktop/renderer/offline/outbox-sender.js';
import { UntrustedSenderError, type IpcHandler } from '../../desktop/main/ipc-handlers.js';
import { JudgeClientError, type JudgeClient } from '../../desktop/main/judge-client.js';
import { createOfflineHandlers } from '../../desktop/main/offline/offline-handlers.js';
import { openOutboxStore } from '../../desktop/main/offline/outbox-store.js';
import { openCatalogCache, withCatalogCache } from '../../desktop/main/offline/catalog-cache.js';
import { createLocalRunner } from '../../desktop/main/offline/local-runner.js';
import { APP_INDEX_URL, isTrustedSender, type SenderInfo } from '../../desktop/main/security.js';

const trusted: SenderInfo = { url: APP_INDEX_URL, isMainFrame: true };
const request: SubmissionRequest = { language: 'javascript', code: 'function twoSum() { return [0, 1]; }', challengeId: 'two-sum', mode: 'submit' };
const result: SubmissionResult = { id: 's1', status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 1 };
const challenge: PublicChallenge = {
  id: 'two-sum',
  title: 'Two Sum',
  difficulty: 'easy',
  tags: [],
  languages: ['javascript'],
  statement: '# Two Sum',
  entry: { javascript: 'twoSum' },
  starter: { javascript: 'function twoSum(nums, target) {}' },
  tests: [{ name: 'basic', args: [[2, 7], 9], expected: [0, 1] }],
  hiddenTestCount: 3,
};
const SOLO = { partnerCode: false, acceptWeakSandbox: false };
const unreachable = () => new JudgeClientError({ kind: 'unreachable', message: 'The judge at http://127.0.0.1:1 is unreachable.' });

describe('desktop offline handlers', () => {
  let dir: string;
  let handlers: Record<string, IpcHandler>;
  let broadcasts: OutboxEntry[][];
  let online: boolean;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pairjudge-offline-'));
    broadcasts = [];
    online = false;
    const outbox = openOutboxStore(join(dir, 'outbox'));
    const sender = createOutboxSender({
      queue: outbox,
      send: async () => {
        if (!online) throw unreachable();
        return result;
      },
    });
    const runner = createLocalRunner({
      challenge: () => challenge,
      openSandbox: async () => {
        throw new Error('no sandbox in unit tests');
      },
      limits: { wallTimeMs: 1000, memoryBytes: 1, cpus: 1, pids: 1, rawOutputBytes: 1, testTimeoutMs: 1, outputBytes: 1, valueBytes: 1 },
    });
    handlers = createOfflineHandlers({
      runner,
      outbox,
      sender,
      broadcast: (entries) => broadcasts.push(entries),
      isTrustedSender: (sender) => isTrustedSender(sender, {}),
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const call = (channel: string, ...args: unknown[]) => handlers[channel]!(trusted, args);

  it('queues a Submit on disk with a key before answering, and a new process still has it', async () => {
    const answer = (await call(CHANNELS.enqueueSubmit, request)) as { ok: true; value: OutboxEntry };
    expect(answer.ok).toBe(true);
    expect(answer.value).toMatchObject({ state: 'queued', request });
    expect(answer.value.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(broadcasts.at(-1)?.map((entry) => entry.key)).toEqual([answer.value.key]);
    expect(openOutboxStore(join(dir, 'outbox')).list()).toEqual([answer.value]);
  });

  it('refuses a malformed Submit naming the field, and queues nothing', async () => {
    const answer = await call(CHANNELS.enqueueSubmit, { ...request, language: 'cobol' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'request.language' } });
    expect(openOutboxStore(join(dir, 'outbox')).list()).toEqual([]);
  });

  it('sends the outbox when the judge is back, keeps the verdict until dismissed', async () => {
    const queued = (await call(CHANNELS.enqueueSubmit, request)) as { ok: true; value: OutboxEntry };
    await call(CHANNELS.flushOutbox);
    expect(((await call(CHANNELS.listOutbox)) as OutboxEntry[])[0]?.state).toBe('queued');
    // A queued entry cannot be dismissed: it still owes a verdict.
    await call(CHANNELS.dismissOutbox, queued.value.key);
    expect((await call(CHANNELS.listOutbox)) as OutboxEntry[]).toHaveLength(1);
    online = true;
    await call(CHANNELS.flushOutbox);
    expect(((await call(CHANNELS.listOutbox)) as OutboxEntry[])[0]).toMatchObject({ state: 'done', result });
    await call(CHANNELS.dismissOutbox, queued.value.key);
    expect(await call(CHANNELS.listOutbox)).toEqual([]);
  });

  it('answers a local Run the judge core refuses with the field, before any sandbox starts', async () => {
    const answer = await call(CHANNELS.runLocal, { language: 'javascript', code: '   ', challengeId: 'two-sum', mode: 'run' }, SOLO);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'code' } });
  });

  it('says why when no local sandbox can run', async () => {
    const answer = await call(CHANNELS.runLocal, { ...request, mode: 'run' }, SOLO);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'server', message: expect.stringContaining('no sandbox in unit tests') } });
  });

  it('refuses every offline call from a foreign frame', async () => {
    await expect(handlers[CHANNELS.enqueueSubmit]!({ url: 'https://evil.example/', isMainFrame: true }, [request])).rejects.toBeInstanceOf(UntrustedSenderError);
  });
});

describe('desktop catalog cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pairjudge-catalog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the list and challenges seen before when the judge is unreachable, across restarts', async () => {
    let up = true;
    const judge = {
      listChallenges: async () => {
        if (!up) throw unreachable();
        return [{ id: 'two-sum', title: 'Two Sum', difficulty: 'easy', tags: [], languages: ['javascript'] }];
      },
      getChallenge: async (id: string) => {
        if (!up) throw unreachable();
        if (id !== 'two-sum') throw new JudgeClientError({ kind: 'not_found', message: 'no such challenge' });
        return challenge;
      },
    } as unknown as JudgeClient;
    const file = join(dir, 'catalog-cache.json');
    const first = withCatalogCache(judge, openCatalogCache(file));
    await first.listChallenges();
    await first.getChallenge('two-sum');
    up = false;
    const reopened = withCatalogCache(judge, openCatalogCache(file));
    expect((await reopened.listChallenges()).map((item) => item.id)).toEqual(['two-sum']);
    expect(await reopened.getChallenge('two-sum')).toEqual(challenge);
    // Never seen: the judge's own failure, not an invented challenge.
    await expect(reopened.getChallenge('fizz-buzz')).rejects.toMatchObject({ info: { kind: 'unreachable' } });
  });
});
