/**
 * The desktop outbox against a real judge (the embedded one: gateway, in-process queue, this
 * machine's sandbox, its SQLite store) that is down, then up, then down and up again on the same
 * port and store. Entries live in files; the "app" is restarted by opening the folder again.
 * Every entry must be judged exactly once: the store holds one submission per idempotency key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createJudgeClient } from '../../judge-client/index.js';
import { startEmbeddedJudge, type RunningEmbeddedJudge } from '../../judge-server/embedded-judge.js';
import { sqliteFile } from '../../judge-server/gateway/store/open-submission-store.js';
import { openOutboxStore } from '../../desktop/main/offline/outbox-store.js';
import { createOutboxSender } from '../../desktop/renderer/offline/outbox-sender.js';
import type { SubmissionRequest } from '../../protocol/index.js';
import { freePort } from '../support/free-port.js';
import { freshDataDir } from '../support/test-judge.js';

const solution = (name: string) => readFileSync(new URL(`../../challenges/two-sum/solutions/${name}`, import.meta.url), 'utf8');

const dataDir = freshDataDir();
const outboxDir = mkdtempSync(path.join(os.tmpdir(), 'pairjudge-outbox-'));
let judge: RunningEmbeddedJudge | undefined;

function startJudge(port: number): Promise<RunningEmbeddedJudge> {
  return startEmbeddedJudge({
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AMQP_URL: 'amqp://127.0.0.1:1', LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '2', DATA_DIR: dataDir },
  });
}

afterAll(async () => {
  await judge?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outboxDir, { recursive: true, force: true });
});

describe('the desktop outbox', () => {
  it('keeps Submits across restarts and the judge going down, and the judge runs each exactly once', async () => {
    const port = await freePort();
    const client = createJudgeClient({ baseUrl: () => `http://127.0.0.1:${port}`, maxRetries: 0, requestTimeoutMs: 2000 });
    const send = (request: SubmissionRequest, key: string) => client.submit(request, { idempotencyKey: key });
    const requests: SubmissionRequest[] = [
      { language: 'javascript', code: solution('reference.js'), challengeId: 'two-sum', mode: 'submit' },
      { language: 'javascript', code: solution('wrong.js'), challengeId: 'two-sum', mode: 'submit' },
      { language: 'python', code: solution('reference.py'), challengeId: 'two-sum', mode: 'submit' },
    ];

    // The judge is down: Submits go to the outbox, and a round sends nothing.
    let store = openOutboxStore(outboxDir);
    requests.forEach((request, index) => store.add(request, `outbox-key-${index}`));
    await createOutboxSender({ queue: store, send }).flush();
    expect(store.list().map((entry) => entry.state)).toEqual(['queued', 'queued', 'queued']);

    // The app restarts: the entries, their code and their keys are still there.
    store = openOutboxStore(outboxDir);
    expect(store.list().map((entry) => [entry.key, entry.request.code])).toEqual(requests.map((request, index) => [`outbox-key-${index}`, request.code]));

    // The judge comes up; the app sends the first entry and dies before storing the verdict.
    judge = await startJudge(port);
    const lost = await send(store.list()[0]!.request, store.list()[0]!.key);
    expect(lost.verdict).toBe('accepted');
    // The judge goes down again before the app is back.
    await judge.close();
    judge = undefined;
    store = openOutboxStore(outboxDir);
    await createOutboxSender({ queue: store, send }).flush();
    expect(store.list().every((entry) => entry.state === 'queued')).toBe(true);

    // The judge is back on the same store; the restarted app sends everything in order.
    judge = await startJudge(port);
    const settled: string[] = [];
    await createOutboxSender({ queue: store, send, onSettled: (entry) => settled.push(entry.key) }).flush();
    expect(settled).toEqual(['outbox-key-0', 'outbox-key-1', 'outbox-key-2']);
    const entries = openOutboxStore(outboxDir).list();
    expect(entries.map((entry) => entry.result?.verdict)).toEqual(['accepted', 'wrong_answer', 'accepted']);
    // The first entry's verdict is the submission the judge ran before the crash, not a new one.
    expect(entries[0]!.result?.id).toBe(lost.id);

    // A second round (another restart) sends nothing again.
    await createOutboxSender({ queue: openOutboxStore(outboxDir), send, onSettled: (entry) => settled.push(entry.key) }).flush();
    expect(settled).toHaveLength(3);

    const db = new Database(sqliteFile(dataDir), { readonly: true });
    try {
      const rows = db.prepare('SELECT idempotency_key AS key, count(*) AS n FROM submissions GROUP BY idempotency_key ORDER BY idempotency_key').all();
      expect(rows).toEqual([
        { key: 'outbox-key-0', n: 1 },
        { key: 'outbox-key-1', n: 1 },
        { key: 'outbox-key-2', n: 1 },
      ]);
    } finally {
      db.close();
    }
  }, 120_000);
});
