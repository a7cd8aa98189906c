/**
 * IPC handlers of the offline bridge (local Run, the outbox) as plain functions, tested under
 * Node without Electron like ipc-handlers.ts, with the same rules: the sender must be the app's
 * own top frame, and every argument is checked against a schema before anything runs.
 */
import { Type } from '@sinclair/typebox';
import { SubmissionRequestSchema, type SubmissionRequest, type SubmissionResult } from '../../../protocol/index.js';
import { SubmissionRejectedError } from '../../../judge-core/errors.js';
import { newIdempotencyKey } from '../../../judge-client/idempotency-key.js';
import type { BridgeResult } from '../../renderer/bridge/bridge-api.js';
import { CHANNELS } from '../../renderer/bridge/channels.js';
import { WEAK_SANDBOX_CODE, type LocalRunConsent, type OutboxEntry } from '../../renderer/bridge/offline-api.js';
import { ValidationError } from '../../renderer/bridge/validate.js';
import type { OutboxSender } from '../../renderer/offline/outbox-sender.js';
import { checkArgs, UntrustedSenderError, type IpcHandler } from '../ipc-handlers.js';
import type { SenderInfo } from '../security.js';
import { WeakSandboxConsentError, type LocalRunner } from './local-runner.js';
import { OutboxFullError, type OutboxStore } from './outbox-store.js';

export interface OfflineDeps {
  runner: LocalRunner;
  outbox: OutboxStore;
  sender: OutboxSender;
  /** Tells every window that the outbox changed. */
  broadcast(entries: OutboxEntry[]): void;
  isTrustedSender: (sender: SenderInfo) => boolean;
}

const KeySchema = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });
const ConsentSchema = Type.Object({ partnerCode: Type.Boolean(), acceptWeakSandbox: Type.Boolean() }, { additionalProperties: false });

function refusal(error: unknown): { ok: false; error: { kind: 'invalid' | 'not_found'; message: string; field?: string } } | undefined {
  if (error instanceof ValidationError) return { ok: false, error: { kind: 'invalid', message: error.message, field: error.field } };
  if (error instanceof SubmissionRejectedError) {
    return { ok: false, error: { kind: error.kind === 'not_found' ? 'not_found' : 'invalid', message: error.message, field: error.field } };
  }
  if (error instanceof OutboxFullError) return { ok: false, error: { kind: 'invalid', message: error.message } };
  return undefined;
}

export function createOfflineHandlers(deps: OfflineDeps): Record<string, IpcHandler> {
  const handlers: Record<string, (args: unknown[]) => Promise<unknown>> = {
    [CHANNELS.runLocal]: async (args): Promise<BridgeResult<SubmissionResult>> => {
      try {
        checkArgs(args, [
          ['request', SubmissionRequestSchema],
          ['consent', ConsentSchema],
        ]);
        return { ok: true, value: await deps.runner.run(args[0] as SubmissionRequest, args[1] as LocalRunConsent) };
      } catch (error) {
        const refused = refusal(error);
        if (refused) return refused;
        if (error instanceof WeakSandboxConsentError) return { ok: false, error: { kind: 'invalid', code: WEAK_SANDBOX_CODE, field: 'consent.acceptWeakSandbox', message: error.message } };
        // No sandbox could start (no Docker, no process sandbox): the person needs to know why.
        return { ok: false, error: { kind: 'server', message: `The local judge could not run: ${(error as Error).message}` } };
      }
    },
    [CHANNELS.enqueueSubmit]: async (args): Promise<BridgeResult<OutboxEntry>> => {
      try {
        checkArgs(args, [['request', SubmissionRequestSchema]]);
        const request = { ...(args[0] as SubmissionRequest), mode: 'submit' as const };
        // Written and fsync'd before the renderer hears "queued".
        const entry = deps.outbox.add(request, newIdempotencyKey());
        deps.broadcast(deps.outbox.list());
        return { ok: true, value: entry };
      } catch (error) {
        const refused = refusal(error);
        if (refused) return refused;
        throw error;
      }
    },
    [CHANNELS.listOutbox]: async (args) => {
      checkArgs(args, []);
      return deps.outbox.list();
    },
    [CHANNELS.flushOutbox]: async (args) => {
      checkArgs(args, []);
      await deps.sender.flush();
    },
    [CHANNELS.dismissOutbox]: async (args) => {
      checkArgs(args, [['key', KeySchema]]);
      const entry = deps.outbox.list().find((item) => item.key === args[0]);
      // Only a settled entry may be forgotten: a queued one still owes the person a verdict.
      if (entry && entry.state !== 'queued') {
        deps.outbox.remove(entry.key);
        deps.broadcast(deps.outbox.list());
      }
    },
  };

  const guarded: Record<string, IpcHandler> = {};
  for (const [channel, handler] of Object.entries(handlers)) {
    guarded[channel] = async (sender, args) => {
      if (!deps.isTrustedSender(sender)) throw new UntrustedSenderError(sender.url);
      return handler(args);
    };
  }
  return guarded;
}
