/**
 * IPC handlers of the desktop bridge as plain functions, with their dependencies passed in, so
 * they are tested under Node without Electron (ipc-register.ts wires them to ipcMain).
 *
 * Every message is untrusted: the sender frame must be the app's own top frame, the argument
 * count must match, and every argument is validated with a schema. Judge failures come back as
 * data (BridgeResult), because errors thrown across IPC lose everything but a string.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import {
  AuthoredChallengeInputSchema,
  CHALLENGE_ID_PATTERN,
  SubmissionRequestSchema,
  type AuthoredChallengeInput,
  type SubmissionRequest,
} from '../../protocol/index.js';
import type { BridgeResult, JudgeError } from '../renderer/bridge/bridge-api.js';
import { CHANNELS } from '../renderer/bridge/channels.js';
import { SettingsPatchSchema, type Settings } from '../renderer/bridge/settings-schema.js';
import { ValidationError, findProblem } from '../renderer/bridge/validate.js';
import { JudgeClientError, type JudgeClient } from './judge-client.js';
import type { SenderInfo } from './security.js';
import type { SettingsStore } from './settings-store.js';

export interface IpcDeps {
  judge: JudgeClient;
  settings: SettingsStore;
  /** Opens a URL in the system browser (shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  isTrustedSender: (sender: SenderInfo) => boolean;
}

export type IpcHandler = (sender: SenderInfo, args: unknown[]) => Promise<unknown>;

export class UntrustedSenderError extends Error {
  constructor(url: string) {
    super(`IPC refused: message from an untrusted frame (${url || 'unknown'})`);
    this.name = 'UntrustedSenderError';
  }
}

const ChallengeIdSchema = Type.String({ pattern: CHALLENGE_ID_PATTERN });
const ExternalUrlSchema = Type.String({ pattern: '^https?://', maxLength: 2048 });

/** Checks count and shape of the arguments; throws ValidationError naming the field. */
export function checkArgs(args: unknown[], specs: [label: string, schema: TSchema][]): void {
  if (args.length !== specs.length) {
    throw new ValidationError({ field: 'arguments', message: `arguments: expected ${specs.length}, got ${args.length}` });
  }
  specs.forEach(([label, schema], index) => {
    const problem = findProblem(schema, args[index], label);
    if (problem) throw new ValidationError(problem);
  });
}

function invalid(error: ValidationError): { ok: false; error: JudgeError } {
  return { ok: false, error: { kind: 'invalid', message: error.message, field: error.field } };
}

/** Runs a judge call, turning its typed failures into data and validation failures into 'invalid'. */
async function judgeCall<T>(run: () => Promise<T>): Promise<BridgeResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof JudgeClientError) return { ok: false, error: error.info };
    if (error instanceof ValidationError) return invalid(error);
    throw error;
  }
}

export function createIpcHandlers(deps: IpcDeps): Record<string, IpcHandler> {
  const handlers: Record<string, (args: unknown[]) => Promise<unknown>> = {
    [CHANNELS.listChallenges]: (args) =>
      judgeCall(async () => {
        checkArgs(args, []);
        return deps.judge.listChallenges();
      }),
    [CHANNELS.getChallenge]: (args) =>
      judgeCall(async () => {
        checkArgs(args, [['id', ChallengeIdSchema]]);
        return deps.judge.getChallenge(args[0] as string);
      }),
    [CHANNELS.listLanguages]: (args) =>
      judgeCall(async () => {
        checkArgs(args, []);
        return deps.judge.listLanguages();
      }),
    [CHANNELS.submit]: (args) =>
      judgeCall(async () => {
        checkArgs(args, [['request', SubmissionRequestSchema]]);
        return deps.judge.submit(args[0] as SubmissionRequest);
      }),
    [CHANNELS.health]: (args) =>
      judgeCall(async () => {
        checkArgs(args, []);
        return deps.judge.health();
      }),
    [CHANNELS.listMyChallenges]: (args) =>
      judgeCall(async () => {
        checkArgs(args, []);
        return deps.judge.listMyChallenges();
      }),
    [CHANNELS.saveChallenge]: (args) =>
      judgeCall(async () => {
        checkArgs(args, [
          ['id', Type.Union([Type.Null(), ChallengeIdSchema])],
          ['challenge', AuthoredChallengeInputSchema],
        ]);
        return deps.judge.saveChallenge(args[0] as string | null, args[1] as AuthoredChallengeInput);
      }),
    [CHANNELS.deleteChallenge]: (args) =>
      judgeCall(async () => {
        checkArgs(args, [['id', ChallengeIdSchema]]);
        return deps.judge.deleteChallenge(args[0] as string);
      }),
    [CHANNELS.getSettings]: async (args) => {
      checkArgs(args, []);
      return deps.settings.get();
    },
    [CHANNELS.updateSettings]: async (args): Promise<BridgeResult<Settings>> => {
      try {
        checkArgs(args, [['settings', SettingsPatchSchema]]);
        return { ok: true, value: deps.settings.update(args[0]) };
      } catch (error) {
        if (error instanceof ValidationError) return invalid(error);
        throw error;
      }
    },
    [CHANNELS.openExternal]: async (args) => {
      checkArgs(args, [['url', ExternalUrlSchema]]);
      await deps.openExternal(args[0] as string);
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
