/**
 * The one client for the judge gateway (contract v1), used by every shell: the desktop main
 * process, the browser guest's bridge and the command line's cloud mode. axios runs in Node and
 * in the browser; this folder imports only protocol/ and browser-safe packages (a lint rule keeps
 * it so), because the renderer bundles it. Every failure becomes a JudgeClientError carrying a
 * readable JudgeError, so a shell can pass it on as data.
 *
 * Retries: only 503 and 429, which mean "not now" (the gateway did not accept the work). The wait
 * honours Retry-After, capped. Each submit() — one Submit press — makes one Idempotency-Key and
 * sends it on every attempt, so a gateway that did take an attempt whose answer was lost runs the
 * submission once.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  DEFAULT_WAIT_SECONDS,
  type AuthoredChallengeInput,
  type AuthoredChallengeSaved,
  type ChallengeSummary,
  type PublicChallenge,
  type SubmissionRequest,
  type SubmissionResult,
} from '../protocol/index.js';
import type { HealthInfo, JudgeError, LanguageEntry } from './judge-error.js';
import {
  MAX_RETRY_AFTER_MS,
  errorFromStatus,
  isRetryableStatus,
  joinUrl,
  parseRetryAfter,
  protocolError,
  unreachableError,
} from './judge-errors.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { readAuthoredSaved, readChallenge, readChallengeList, readLanguages, readSubmission, type SubmissionAnswer } from './response-shapes.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export class JudgeClientError extends Error {
  readonly info: JudgeError;
  constructor(info: JudgeError) {
    super(info.message);
    this.name = 'JudgeClientError';
    this.info = info;
  }
}

export interface JudgeClientOptions {
  /** Read on every call so a settings change takes effect at once. */
  baseUrl: () => string;
  /** The coach API token from the settings, for writing challenges ('' when none). */
  coachToken?: () => string;
  /** Per-request timeout for reads. */
  requestTimeoutMs?: number;
  /** How long the gateway may hold a submission open (`?wait=`). */
  submitWaitSeconds?: number;
  /** Retries after the first attempt, for 503/429 only. */
  maxRetries?: number;
  /** Delay when a 503/429 carries no Retry-After. */
  defaultRetryDelayMs?: number;
  /** Between polls of `GET /v1/submissions/:id` after a 202. */
  pollIntervalMs?: number;
  /** Gives up on a submission that is still queued after this long. */
  submitDeadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Makes the Idempotency-Key of one submit(); a random UUID by default. */
  idempotencyKey?: () => string;
}

export interface SubmitProgress {
  /** Called with each state the gateway reports before the result: queued, running. */
  onPending?: (status: 'queued' | 'running') => void;
  /**
   * The Idempotency-Key to send instead of a new one: an outbox stores the key with the entry
   * before its first attempt, so every later attempt (after a restart too) is the same submission.
   */
  idempotencyKey?: string;
}

export interface JudgeClient {
  listChallenges(): Promise<ChallengeSummary[]>;
  getChallenge(id: string): Promise<PublicChallenge>;
  listLanguages(): Promise<LanguageEntry[]>;
  /** Sends the submission and waits (polling after a 202) for its result. */
  submit(request: SubmissionRequest, progress?: SubmitProgress): Promise<SubmissionResult>;
  health(): Promise<HealthInfo>;
  /** The challenges the coach token wrote. */
  listMyChallenges(): Promise<ChallengeSummary[]>;
  /** Creates (id null) or replaces a challenge; the judge runs its reference solutions first. */
  saveChallenge(id: string | null, challenge: AuthoredChallengeInput): Promise<AuthoredChallengeSaved>;
  deleteChallenge(id: string): Promise<null>;
}

/** Saving a challenge waits for the judge to run each reference solution. */
export const AUTHORING_TIMEOUT_MS = 180_000;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Names the network failure in words; axios codes are not for people. */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (axios.isAxiosError(error)) {
    switch (error.code) {
      case 'ECONNREFUSED':
        return 'connection refused';
      case 'ECONNABORTED':
      case 'ETIMEDOUT':
        return `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return 'host not found';
      case 'ECONNRESET':
        return 'connection reset';
      // A browser does not say why a request failed.
      case 'ERR_NETWORK':
        return 'connection failed';
      default:
        return error.code ?? error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

export function createJudgeClient(options: JudgeClientOptions): JudgeClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const submitWaitSeconds = options.submitWaitSeconds ?? DEFAULT_WAIT_SECONDS;
  const maxRetries = options.maxRetries ?? 3;
  const defaultRetryDelayMs = options.defaultRetryDelayMs ?? 1_000;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const submitDeadlineMs = options.submitDeadlineMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const makeKey = options.idempotencyKey ?? newIdempotencyKey;
  // validateStatus accepts everything: statuses are decided below, in one place.
  // No redirects (a 307/308 would resend the source code to wherever the gateway points) and
  // bounded bodies (a hostile or broken gateway must not exhaust the process's memory). Both
  // apply under Node; a browser tab only talks to the origin that served it (its CSP).
  const http: AxiosInstance = axios.create({
    validateStatus: () => true,
    headers: { accept: 'application/json' },
    maxRedirects: 0,
    maxContentLength: 8 * 1024 * 1024,
    maxBodyLength: 2 * 1024 * 1024,
  });

  async function request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    timeoutMs: number,
    extra: { headers?: Record<string, string>; token?: string; retries?: number } = {},
  ): Promise<AxiosResponse> {
    const url = joinUrl(options.baseUrl(), path);
    const retries = extra.retries ?? maxRetries;
    const headers = { ...extra.headers, ...(extra.token ? { authorization: `Bearer ${extra.token}` } : {}) };
    for (let attempt = 0; ; attempt++) {
      let response: AxiosResponse;
      try {
        response = await http.request({ method, url, data: body, timeout: timeoutMs, headers });
      } catch (error) {
        throw new JudgeClientError(unreachableError(options.baseUrl(), describeNetworkError(error, timeoutMs)));
      }
      if (response.status >= 200 && response.status < 300) return response;
      if (isRetryableStatus(response.status) && attempt < retries) {
        const header = response.headers['retry-after'] as string | undefined;
        const delay = parseRetryAfter(header) ?? defaultRetryDelayMs;
        // A server asking for a long pause is better reported than waited on with a frozen UI.
        if (delay <= MAX_RETRY_AFTER_MS) {
          await sleep(delay);
          continue;
        }
      }
      throw new JudgeClientError(errorFromStatus(response.status, response.data, url));
    }
  }

  async function get(path: string): Promise<{ data: unknown; url: string }> {
    const response = await request('GET', path, undefined, requestTimeoutMs);
    return { data: response.data, url: joinUrl(options.baseUrl(), path) };
  }

  function coachToken(): string {
    const token = options.coachToken?.() ?? '';
    if (!token) throw new JudgeClientError({ kind: 'unauthorized', field: 'coachToken', message: 'Enter your coach token in Settings to save challenges.' });
    return token;
  }

  return {
    async listMyChallenges() {
      const path = '/v1/challenges?mine=1';
      const response = await request('GET', path, undefined, requestTimeoutMs, { token: coachToken() });
      const list = readChallengeList(response.data);
      if (!list) throw new JudgeClientError(protocolError(joinUrl(options.baseUrl(), path), 'not a challenge list'));
      return list;
    },

    async saveChallenge(id, challenge) {
      const token = coachToken();
      const path = id ? `/v1/challenges/${encodeURIComponent(id)}` : '/v1/challenges';
      // No retries: the judge may already be running the reference solutions; a refusal is final.
      const response = await request(id ? 'PUT' : 'POST', path, challenge, AUTHORING_TIMEOUT_MS, { token, retries: 0 });
      const saved = readAuthoredSaved(response.data);
      if (!saved) throw new JudgeClientError(protocolError(joinUrl(options.baseUrl(), path), 'not a saved challenge'));
      return saved;
    },

    async deleteChallenge(id) {
      await request('DELETE', `/v1/challenges/${encodeURIComponent(id)}`, undefined, requestTimeoutMs, { token: coachToken(), retries: 0 });
      return null;
    },

    async listChallenges() {
      const { data, url } = await get('/v1/challenges');
      const list = readChallengeList(data);
      if (!list) throw new JudgeClientError(protocolError(url, 'not a challenge list'));
      return list;
    },

    async getChallenge(id) {
      const { data, url } = await get(`/v1/challenges/${encodeURIComponent(id)}`);
      const challenge = readChallenge(data);
      if (!challenge) throw new JudgeClientError(protocolError(url, 'not a challenge'));
      return challenge;
    },

    async listLanguages() {
      const { data, url } = await get('/v1/languages');
      const languages = readLanguages(data);
      if (!languages) throw new JudgeClientError(protocolError(url, 'not a language list'));
      return languages;
    },

    async health() {
      await get('/healthz');
      return { ok: true, url: options.baseUrl() };
    },

    async submit(submission, progress) {
      const started = Date.now();
      const path = `/v1/submissions?wait=${submitWaitSeconds}`;
      // One key per press, made here (or kept by an outbox) and reused by every retry of this press.
      const key = progress?.idempotencyKey ?? makeKey();
      // The gateway holds the request up to `wait` seconds; leave room for the answer to travel.
      const response = await request('POST', path, submission, submitWaitSeconds * 1000 + requestTimeoutMs, {
        headers: { [IDEMPOTENCY_KEY_HEADER]: key },
      });
      let answer: SubmissionAnswer | undefined = readSubmission(response.data);
      const url = joinUrl(options.baseUrl(), path);
      while (answer && 'pending' in answer) {
        progress?.onPending?.(answer.pending.status);
        if (Date.now() - started > submitDeadlineMs) {
          throw new JudgeClientError({
            kind: 'server',
            url,
            message: `The judge accepted the submission but gave no result within ${Math.round(submitDeadlineMs / 1000)} s.`,
          });
        }
        await sleep(pollIntervalMs);
        const polled = await get(`/v1/submissions/${encodeURIComponent(answer.pending.id)}`);
        answer = readSubmission(polled.data);
      }
      if (!answer) throw new JudgeClientError(protocolError(url, 'not a submission result'));
      return answer.done;
    },
  };
}
