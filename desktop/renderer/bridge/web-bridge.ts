/**
 * The bridge for the browser guest: the same calls as the desktop preload, made by the one judge
 * client (judge-client/, the desktop main process uses the same) straight to the gateway that
 * served the page, with settings in localStorage.
 */
import { JudgeClientError, createJudgeClient, type JudgeClient } from '../../../judge-client/index.js';
import type { BridgeResult, PairJudgeBridge } from './bridge-api.js';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type Settings } from './settings-schema.js';
import { findProblem } from './validate.js';
import { mergeValidSettings } from './merge-settings.js';

export const SETTINGS_STORAGE_KEY = 'pairjudge.settings';

/** The part of localStorage the bridge uses (a plain interface so the bridge also runs under Node in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface WebBridgeOptions {
  /** The gateway's origin; the guest build is served by the gateway, so this is the page's origin. */
  origin: string;
  storage: KeyValueStorage;
  requestTimeoutMs?: number;
  maxRetries?: number;
  pollIntervalMs?: number;
  submitDeadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Opens a link in a new tab; window.open in the browser. */
  openTab?: (url: string) => void;
}

export function createWebBridge(options: WebBridgeOptions): PairJudgeBridge {
  // The guest always talks to the gateway that served it: the page's CSP allows no other origin.
  const client: JudgeClient = createJudgeClient({
    baseUrl: () => options.origin,
    // Read on every call, so a token saved in Settings takes effect at once.
    coachToken: () => readSettings().coachToken,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.submitDeadlineMs !== undefined ? { submitDeadlineMs: options.submitDeadlineMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const listeners = new Set<(settings: Settings) => void>();
  const defaults: Settings = { ...DEFAULT_SETTINGS, gatewayUrl: options.origin };

  function readSettings(): Settings {
    try {
      const text = options.storage.getItem(SETTINGS_STORAGE_KEY);
      const stored = mergeValidSettings(text ? JSON.parse(text) : {}, defaults);
      return { ...stored, gatewayUrl: options.origin };
    } catch {
      return { ...defaults };
    }
  }

  async function result<T>(run: () => Promise<T>): Promise<BridgeResult<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof JudgeClientError) return { ok: false, error: error.info };
      return { ok: false, error: { kind: 'protocol', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  return {
    kind: 'web',
    authoring: {
      listMine: () => result(() => client.listMyChallenges()),
      save: (id, challenge) => result(() => client.saveChallenge(id, challenge)),
      remove: (id) => result(() => client.deleteChallenge(id)),
    },
    judge: {
      listChallenges: () => result(() => client.listChallenges()),
      getChallenge: (id) => result(() => client.getChallenge(id)),
      listLanguages: () => result(() => client.listLanguages()),
      submit: (request) => result(() => client.submit(request)),
      health: () => result(() => client.health()),
    },
    settings: {
      get: async () => readSettings(),
      async update(patch) {
        const problem = findProblem(SettingsPatchSchema, patch, 'settings');
        if (problem) return { ok: false, error: { kind: 'invalid', message: problem.message, field: problem.field } };
        const next = { ...readSettings(), ...patch, gatewayUrl: options.origin };
        options.storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(next));
        for (const listener of listeners) listener(next);
        return { ok: true, value: next };
      },
      onChange(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    },
    async openExternal(url) {
      if (/^https?:\/\//i.test(url)) options.openTab?.(url);
    },
  };
}
