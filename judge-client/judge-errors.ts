/**
 * Turning gateway answers into readable errors, so every shell (desktop, browser guest, command
 * line) says the same thing for the same failure.
 * Pure functions: no Node, no DOM.
 */
import type { JudgeError } from './judge-error.js';

/** Longest wait we accept from a Retry-After header; anything longer is reported instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Reads Retry-After (delay-seconds or an HTTP date) as milliseconds from `now`.
 * Answers undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const text = String(header).trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses worth retrying: the gateway said "not now", not "no". */
export function isRetryableStatus(status: number): boolean {
  return status === 503 || status === 429;
}

interface GatewayErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

function readGatewayError(body: unknown): { code?: string; message?: string; field?: string } {
  if (body === null || typeof body !== 'object') return {};
  const error = (body as GatewayErrorBody).error;
  if (error === null || typeof error !== 'object') return {};
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    field: typeof error.field === 'string' ? error.field : undefined,
  };
}

/** The error for a non-2xx answer, using the gateway's `{ error: { code, message } }` when present. */
export function errorFromStatus(status: number, body: unknown, url: string): JudgeError {
  const gateway = readGatewayError(body);
  const base = { status, url, code: gateway.code, field: gateway.field };
  if (status === 429) {
    return { ...base, kind: 'rate_limited', message: gateway.message ?? 'The judge is busy: too many submissions. Try again in a moment.' };
  }
  if (status === 401 || status === 403) {
    return { ...base, kind: 'unauthorized', message: gateway.message ?? 'The judge refused the coach token: check it in Settings.' };
  }
  if (status === 404) {
    return { ...base, kind: 'not_found', message: gateway.message ?? 'The judge does not know this item.' };
  }
  if (status === 400 || status === 413 || status === 422) {
    return { ...base, kind: 'invalid', message: gateway.message ?? `The judge refused the request (HTTP ${status}).` };
  }
  if (status === 503) {
    return { ...base, kind: 'server', message: gateway.message ?? 'The judge is not ready: its queue or sandbox is unavailable.' };
  }
  if (status >= 500) {
    return { ...base, kind: 'server', message: gateway.message ?? `The judge failed with HTTP ${status}.` };
  }
  return { ...base, kind: 'protocol', message: gateway.message ?? `Unexpected answer from the judge (HTTP ${status}).` };
}

export function unreachableError(url: string, detail?: string): JudgeError {
  const suffix = detail ? ` (${detail})` : '';
  return { kind: 'unreachable', url, detail, message: `Cannot reach the judge at ${url}${suffix}.` };
}

export function protocolError(url: string, what: string): JudgeError {
  return { kind: 'protocol', url, message: `The judge at ${url} answered something unexpected: ${what}.` };
}

/** Joins a gateway base URL and an API path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return `${trimmed}${path.startsWith('/') ? path : `/${path}`}`;
}
