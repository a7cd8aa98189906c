/**
 * The bridge for the browser guest: the same calls as the desktop preload, made with fetch
 * straight to the gateway that served the page, with settings in localStorage. It follows the
 * desktop judge client's rules (timeouts, retries on 503/429 honouring Retry-After, polling
 * after 202) so the UI behaves the same in both places.
 */
import { DEFAULT_WAIT_SECONDS, type SubmissionRequest, type SubmissionResult } from '../../../protocol/index.js';
import type { BridgeResult, JudgeError, PairJudgeBridge } from './bridge-api.js';
import {
  MAX_RETRY_AFTER_MS,
  errorFromStatus,
  isRetryableStatus,
  joinUrl,
  parseRetryAfter,
  protocolError,
  unreachableError,
} from './judge-errors.js';
import { readAuthoredSaved, readChallenge, readChallengeList, readLanguages, readSubmission } from './response-shapes.js';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type Settings } from './settings-schema.js';
import { findProblem } from './validate.js';
import { mergeValidSettings } from './merge-settings.js';

export const SETTINGS_STORAGE_KEY = 'pairjudge.settings';

/** Saving a challenge waits for the judge to run each reference solution. */
export const AUTHORING_TIMEOUT_MS = 180_000;

/** The part of localStorage the bridge uses (a plain interface so the bridge also runs under Node in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface WebBridgeOptions {
  /** The gateway's origin; the guest build is served by the gateway, so this is the page's origin. */
  origin: string;
  storage: KeyValueStorage;
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  maxRetries?: number;
  pollIntervalMs?: number;
  submitDeadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Opens a link in a new tab; window.open in the browser. */
  openTab?: (url: string) => void;
}

class Failure extends Error {
  constructor(readonly info: JudgeError) {
    super(info.message);
  }
}

export function createWebBridge(options: WebBridgeOptions): PairJudgeBridge {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxRetries = options.maxRetries ?? 3;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const submitDeadlineMs = options.submitDeadlineMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const listeners = new Set<(settings: Settings) => void>();
  // The guest always talks to the gateway that served it: the page's CSP allows no other origin.
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

  async function call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    timeoutMs = requestTimeoutMs,
    extra: { token?: string; retries?: number } = {},
  ): Promise<unknown> {
    const url = joinUrl(options.origin, path);
    const retries = extra.retries ?? maxRetries;
    const auth: Record<string, string> = extra.token ? { authorization: `Bearer ${extra.token}` } : {};
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      let data: unknown;
      try {
        response = await doFetch(url, {
          method,
          headers: body === undefined ? { accept: 'application/json', ...auth } : { accept: 'application/json', 'content-type': 'application/json', ...auth },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        const text = await response.text();
        data = text === '' ? undefined : JSON.parse(text);
      } catch (error) {
        const detail = controller.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : 'connection failed';
        if (error instanceof SyntaxError) throw new Failure(protocolError(options.origin, 'not JSON'));
        throw new Failure(unreachableError(options.origin, detail));
      } finally {
        clearTimeout(timer);
      }
      if (response.ok) return data;
      if (isRetryableStatus(response.status) && attempt < retries) {
        const delay = parseRetryAfter(response.headers.get('retry-after')) ?? 1000;
        if (delay <= MAX_RETRY_AFTER_MS) {
          await sleep(delay);
          continue;
        }
      }
      throw new Failure(errorFromStatus(response.status, data, url));
    }
  }

  async function result<T>(run: () => Promise<T>): Promise<BridgeResult<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof Failure) return { ok: false, error: error.info };
      return { ok: false, error: { kind: 'protocol', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  async function submit(request: SubmissionRequest): Promise<SubmissionResult> {
    const started = Date.now();
    const path = `/v1/submissions?wait=${DEFAULT_WAIT_SECONDS}`;
    let answer = readSubmission(await call('POST', path, request, DEFAULT_WAIT_SECONDS * 1000 + requestTimeoutMs));
    while (answer && 'pending' in answer) {
      if (Date.now() - started > submitDeadlineMs) {
        throw new Failure({ kind: 'server', url: options.origin, message: 'The judge accepted the submission but gave no result in time.' });
      }
      await sleep(pollIntervalMs);
      answer = readSubmission(await call('GET', `/v1/submissions/${encodeURIComponent(answer.pending.id)}`));
    }
    if (!answer) throw new Failure(protocolError(options.origin, 'not a submission result'));
    return answer.done;
  }

  /** The coach token from the settings; calls that need it fail clearly without it. */
  function coachToken(): string {
    const token = readSettings().coachToken;
    if (!token) throw new Failure({ kind: 'unauthorized', field: 'coachToken', message: 'Enter your coach token in Settings to save challenges.' });
    return token;
  }

  return {
    kind: 'web',
    authoring: {
      listMine: () =>
        result(async () => readChallengeList(await call('GET', '/v1/challenges?mine=1', undefined, requestTimeoutMs, { token: coachToken() })) ?? Promise.reject(new Failure(protocolError(options.origin, 'not a challenge list')))),
      save: (id, challenge) =>
        result(async () => {
          const token = coachToken();
          // No retries: the judge may be running the reference solutions; a refusal is final.
          const answer = id
            ? await call('PUT', `/v1/challenges/${encodeURIComponent(id)}`, challenge, AUTHORING_TIMEOUT_MS, { token, retries: 0 })
            : await call('POST', '/v1/challenges', challenge, AUTHORING_TIMEOUT_MS, { token, retries: 0 });
          return readAuthoredSaved(answer) ?? Promise.reject(new Failure(protocolError(options.origin, 'not a saved challenge')));
        }),
      remove: (id) =>
        result(async () => {
          await call('DELETE', `/v1/challenges/${encodeURIComponent(id)}`, undefined, requestTimeoutMs, { token: coachToken(), retries: 0 });
          return null;
        }),
    },
    judge: {
      listChallenges: () =>
        result(async () => readChallengeList(await call('GET', '/v1/challenges')) ?? Promise.reject(new Failure(protocolError(options.origin, 'not a challenge list')))),
      getChallenge: (id) =>
        result(async () => readChallenge(await call('GET', `/v1/challenges/${encodeURIComponent(id)}`)) ?? Promise.reject(new Failure(protocolError(options.origin, 'not a challenge')))),
      listLanguages: () =>
        result(async () => readLanguages(await call('GET', '/v1/languages')) ?? Promise.reject(new Failure(protocolError(options.origin, 'not a language list')))),
      submit: (request) => result(() => submit(request)),
      health: () =>
        result(async () => {
          await call('GET', '/healthz');
          return { ok: true, url: options.origin };
        }),
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
