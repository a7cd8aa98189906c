/**
 * Puts the offline pieces of the desktop main process together: the catalog cache in front of
 * the judge client, the local runner (embedded judge core and this machine's sandbox), the outbox
 * in the user-data folder and its sender, which tries every few seconds while entries wait.
 */
import { join } from 'node:path';
import { chooseEmbeddedSandbox } from '../../../judge-server/embedded-judge.js';
import { readWorkerConfig } from '../../../judge-server/worker/config.js';
import { runLimits } from '../../../judge-server/worker/worker.js';
import type { OutboxEntry } from '../../renderer/bridge/offline-api.js';
import { createOutboxSender } from '../../renderer/offline/outbox-sender.js';
import type { IpcHandler } from '../ipc-handlers.js';
import type { JudgeClient } from '../judge-client.js';
import type { SenderInfo } from '../security.js';
import { openCatalogCache, withCatalogCache } from './catalog-cache.js';
import { createLocalRunner } from './local-runner.js';
import { createOfflineHandlers } from './offline-handlers.js';
import { openOutboxStore } from './outbox-store.js';

/** How often waiting Submits are retried; a cheap refused connection when the judge is still down. */
export const OUTBOX_RETRY_MS = 5_000;

export interface OfflineJudge {
  /** The judge client with the catalog cache in front. */
  judge: JudgeClient;
  handlers: Record<string, IpcHandler>;
  close(): Promise<void>;
}

export function startOfflineJudge(options: {
  userData: string;
  judge: JudgeClient;
  broadcast(entries: OutboxEntry[]): void;
  isTrustedSender(sender: SenderInfo): boolean;
  env?: NodeJS.ProcessEnv;
}): OfflineJudge {
  const cache = openCatalogCache(join(options.userData, 'catalog-cache.json'));
  const judge = withCatalogCache(options.judge, cache);
  const workerConfig = readWorkerConfig(options.env ?? process.env);
  const runner = createLocalRunner({
    challenge: (id) => cache.challenge(id),
    openSandbox: async () => {
      const { sandbox } = await chooseEmbeddedSandbox(workerConfig);
      await sandbox.ready();
      return sandbox;
    },
    limits: runLimits(workerConfig),
  });
  const outbox = openOutboxStore(join(options.userData, 'outbox'));
  const sender = createOutboxSender({
    queue: outbox,
    send: (request, idempotencyKey) => options.judge.submit(request, { idempotencyKey }),
    onSettled: () => options.broadcast(outbox.list()),
  });
  sender.start(OUTBOX_RETRY_MS);
  const handlers = createOfflineHandlers({ runner, outbox, sender, broadcast: options.broadcast, isTrustedSender: options.isTrustedSender });
  return {
    judge,
    handlers,
    async close() {
      sender.stop();
      await runner.close();
    },
  };
}
