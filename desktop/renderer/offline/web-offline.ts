/**
 * The offline bridge of the browser guest: local Run in a Web Worker (JavaScript, and Python
 * through Pyodide), the outbox in IndexedDB, sent by the shared outbox sender with each entry's
 * idempotency key, every few seconds while entries wait and at once when the judge answers again.
 */
import type { JudgeClient } from '../../../judge-client/index.js';
import { newIdempotencyKey } from '../../../judge-client/idempotency-key.js';
import type { JudgeError } from '../bridge/bridge-api.js';
import type { OfflineBridge, OutboxEntry } from '../bridge/offline-api.js';
import { runLocallyInBrowser } from './browser-local-run.js';
import { openIndexedDbOutbox } from './indexeddb-outbox.js';
import { createOutboxSender } from './outbox-sender.js';

export const WEB_OUTBOX_RETRY_MS = 5_000;

export function createWebOffline(client: JudgeClient): OfflineBridge {
  const outbox = openIndexedDbOutbox();
  const listeners = new Set<(entries: OutboxEntry[]) => void>();
  const changed = async () => {
    const entries = await outbox.list();
    for (const listener of listeners) listener(entries);
  };
  const sender = createOutboxSender({
    queue: outbox,
    send: (request, idempotencyKey) => client.submit(request, { idempotencyKey }),
    onSettled: () => void changed(),
  });
  sender.start(WEB_OUTBOX_RETRY_MS);

  return {
    // A Web Worker without network or storage is the browser's own sandbox: no consent to ask.
    async runLocal(request) {
      let challenge;
      if (request.challengeId) {
        // Served by the service worker's catalog cache when the gateway is down.
        try {
          challenge = await client.getChallenge(request.challengeId);
        } catch (error) {
          const info = (error as { info?: JudgeError }).info;
          return { ok: false, error: info ?? { kind: 'protocol', message: String(error) } };
        }
      }
      return runLocallyInBrowser(request, challenge);
    },
    async enqueue(request) {
      try {
        const entry = await outbox.add({ ...request, mode: 'submit' }, newIdempotencyKey());
        void changed();
        return { ok: true, value: entry };
      } catch (error) {
        return { ok: false, error: { kind: 'protocol', message: `The Submit could not be stored in this browser: ${(error as Error).message}` } };
      }
    },
    listOutbox: () => outbox.list(),
    flushOutbox: () => sender.flush().catch(() => undefined),
    async dismiss(key) {
      const entry = (await outbox.list()).find((item) => item.key === key);
      if (entry && entry.state !== 'queued') {
        await outbox.remove(key);
        void changed();
      }
    },
    onOutboxChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
