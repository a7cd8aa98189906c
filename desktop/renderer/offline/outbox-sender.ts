/**
 * Sends the outbox, oldest entry first, each with the idempotency key stored beside it, so the
 * judge runs each entry once however many times it is sent (a send whose answer was lost, an app
 * restarted mid-send). Shared by desktop main (entries in files) and the browser guest (entries in
 * IndexedDB): it sees the store through a small interface and imports nothing of either.
 *
 * An entry is settled only when the judge answered for it: a verdict, or a refusal that no retry
 * can change (invalid, not found, unauthorized). "Not now" answers (unreachable, 5xx, rate
 * limited) stop the round and leave the entry, and everything after it, for the next round, so
 * the order of Submits is kept.
 */
import type { SubmissionRequest, SubmissionResult } from '../../../protocol/index.js';
import type { JudgeError } from '../bridge/bridge-api.js';
import type { OutboxEntry } from '../bridge/offline-api.js';

export interface OutboxQueue {
  list(): OutboxEntry[] | Promise<OutboxEntry[]>;
  settle(key: string, outcome: { result: SubmissionResult } | { error: JudgeError }): unknown;
}

/** Sends one entry; throws an error carrying `info: JudgeError` (JudgeClientError) when it fails. */
export type SendEntry = (request: SubmissionRequest, idempotencyKey: string) => Promise<SubmissionResult>;

export interface OutboxSender {
  /** One round: sends queued entries in order until one cannot be sent now. Single-flight. */
  flush(): Promise<void>;
  /** Rounds every `intervalMs` while the sender is started. */
  start(intervalMs: number): void;
  stop(): void;
}

const FINAL_KINDS = new Set<JudgeError['kind']>(['invalid', 'not_found', 'unauthorized']);

function judgeErrorOf(error: unknown): JudgeError {
  const info = (error as { info?: JudgeError } | null)?.info;
  if (info && typeof info.kind === 'string') return info;
  return { kind: 'protocol', message: error instanceof Error ? error.message : String(error) };
}

export function createOutboxSender(options: { queue: OutboxQueue; send: SendEntry; onSettled?: (entry: OutboxEntry) => void }): OutboxSender {
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function round(): Promise<void> {
    const entries = await options.queue.list();
    for (const entry of entries) {
      if (entry.state !== 'queued') continue;
      let outcome: { result: SubmissionResult } | { error: JudgeError };
      try {
        outcome = { result: await options.send(entry.request, entry.key) };
      } catch (error) {
        const info = judgeErrorOf(error);
        // Not now: keep this entry and the ones after it for the next round, in order.
        if (!FINAL_KINDS.has(info.kind)) return;
        outcome = { error: info };
      }
      await options.queue.settle(entry.key, outcome);
      options.onSettled?.({ ...entry, ...('result' in outcome ? { state: 'done', result: outcome.result } : { state: 'failed', error: outcome.error }) });
    }
  }

  function flush(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    flush,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => void flush().catch(() => undefined), intervalMs);
      // A pending timer must not keep a Node process (tests, main at quit) alive.
      (timer as { unref?: () => void }).unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
