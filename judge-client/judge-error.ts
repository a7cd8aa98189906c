/**
 * What a judge client reports when a call fails, as data: Electron turns errors thrown across
 * IPC into bare strings, and every shell (desktop, browser guest, command line) needs the kind
 * of failure to say the right thing. Also the small answer types of the non-submission calls.
 */

export type JudgeErrorKind =
  /** No answer at all: refused connection, DNS failure, timeout. */
  | 'unreachable'
  /** The gateway answered 5xx (after retries where they make sense). */
  | 'server'
  /** 429 that did not clear within the retry budget. */
  | 'rate_limited'
  /** 400/413/422: the request was refused as invalid. */
  | 'invalid'
  /** 401/403: no token, a wrong token, or a token without the role the call needs. */
  | 'unauthorized'
  | 'not_found'
  /** The answer did not match contract v1. */
  | 'protocol';

export interface JudgeError {
  kind: JudgeErrorKind;
  /** A sentence a person can read. */
  message: string;
  /** The URL that was tried, for the "unreachable" state. */
  url?: string;
  /** What went wrong on the way, in a few words, e.g. "connection refused". */
  detail?: string;
  status?: number;
  /** The gateway's error code, e.g. "bad_request". */
  code?: string;
  /** The request field the gateway (or bridge validation) named. */
  field?: string;
}

export interface LanguageEntry {
  id: string;
  name: string;
}

export interface HealthInfo {
  ok: boolean;
  url: string;
}
