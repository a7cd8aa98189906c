/**
 * IPC handlers of the sessions and LAN parts of the bridge, as plain functions (ipc-register.ts
 * wires them like the others). Same rules as ipc-handlers.ts: the sender must be the app's own
 * top frame, the argument count must match, every argument is checked with a schema, and
 * failures come back as data naming the field.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { BridgeResult, JudgeError } from '../renderer/bridge/bridge-api.js';
import { CHANNELS } from '../renderer/bridge/channels.js';
import { MAX_SESSION_UPDATE_BYTES, SessionIdSchema, SessionSummarySchema, type SessionSummary } from '../renderer/bridge/session-schema.js';
import { ValidationError, findProblem } from '../renderer/bridge/validate.js';
import { UntrustedSenderError, type IpcHandler } from './ipc-handlers.js';
import type { LanService } from './lan/lan-service.js';
import type { SenderInfo } from './security.js';
import type { SessionStore } from './sessions/session-store.js';

export interface SessionIpcDeps {
  sessions: SessionStore;
  lan: LanService;
  isTrustedSender: (sender: SenderInfo) => boolean;
}

const UpdateSchema = Type.Uint8Array({ minByteLength: 1, maxByteLength: MAX_SESSION_UPDATE_BYTES });

function checkArgs(args: unknown[], specs: [label: string, schema: TSchema][]): void {
  if (args.length !== specs.length) {
    throw new ValidationError({ field: 'arguments', message: `arguments: expected ${specs.length}, got ${args.length}` });
  }
  specs.forEach(([label, schema], index) => {
    const problem = findProblem(schema, args[index], label);
    if (problem) throw new ValidationError(problem);
  });
}

/** Runs a call, answering its failures as data: 'invalid' with the field, else 'server'. */
async function call<T>(run: () => Promise<T> | T): Promise<BridgeResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const info: JudgeError =
      error instanceof ValidationError
        ? { kind: 'invalid', message: error.message, field: error.field }
        : { kind: 'server', message: error instanceof Error ? error.message : String(error) };
    return { ok: false, error: info };
  }
}

export function createSessionIpcHandlers(deps: SessionIpcDeps): Record<string, IpcHandler> {
  const handlers: Record<string, (args: unknown[]) => Promise<unknown>> = {
    [CHANNELS.listSessions]: async (args) => {
      checkArgs(args, []);
      return deps.sessions.list();
    },
    [CHANNELS.loadSession]: (args) =>
      call(() => {
        checkArgs(args, [['id', SessionIdSchema]]);
        return deps.sessions.load(args[0] as string);
      }),
    [CHANNELS.appendSession]: (args) =>
      call(async () => {
        checkArgs(args, [
          ['id', SessionIdSchema],
          ['update', UpdateSchema],
        ]);
        await deps.sessions.append(args[0] as string, args[1] as Uint8Array);
        return null;
      }),
    [CHANNELS.describeSession]: (args) =>
      call(() => {
        checkArgs(args, [['summary', SessionSummarySchema]]);
        deps.sessions.describe(args[0] as SessionSummary);
        return null;
      }),
    [CHANNELS.removeSession]: (args) =>
      call(async () => {
        checkArgs(args, [['id', SessionIdSchema]]);
        await deps.sessions.remove(args[0] as string);
        return null;
      }),
    [CHANNELS.lanHost]: (args) =>
      call(() => {
        checkArgs(args, []);
        return deps.lan.host();
      }),
    [CHANNELS.lanStopHost]: (args) =>
      call(async () => {
        checkArgs(args, []);
        await deps.lan.stopHost();
        return null;
      }),
    [CHANNELS.lanCurrent]: async (args) => {
      checkArgs(args, []);
      return deps.lan.current();
    },
    [CHANNELS.lanFind]: (args) =>
      call(() => {
        checkArgs(args, []);
        return deps.lan.find();
      }),
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
