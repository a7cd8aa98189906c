/**
 * The offline part of the bridge: local Run, the outbox of Submits made while the judge is
 * unreachable, and the judge mode. Desktop main implements it behind IPC (desktop/main/offline),
 * the browser guest in the page (web-offline.ts). Kept apart from bridge-api.ts so the shell's
 * core calls stay short; a bridge without it simply has no offline features.
 */
import type { SubmissionRequest, SubmissionResult } from '../../../protocol/index.js';
import type { JudgeError } from '../../../judge-client/judge-error.js';

/** The same shape as bridge-api.ts's BridgeResult (not imported: bridge-api.ts imports this file). */
type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: JudgeError };

/** Which judge answers: the cloud gateway, this machine's judge, or a LAN host's gateway. */
export type JudgeMode = 'cloud' | 'local' | 'lan';

/** The Settings choice: follow reachability (auto), or always use one judge. */
export type JudgeModeSetting = 'auto' | 'cloud' | 'local';

export type OutboxState =
  /** Waiting to be sent (or being sent) with its key. */
  | 'queued'
  /** The judge gave its official verdict (`result`). */
  | 'done'
  /** The judge refused the submission for good (`error`), e.g. the challenge no longer exists. */
  | 'failed';

export interface OutboxEntry {
  /** The Idempotency-Key of every attempt: the judge runs the entry once however often it is sent. */
  key: string;
  /** Order of queuing; entries are sent in this order. */
  seq: number;
  queuedAt: number;
  /** The exact request that was queued: code, language, challenge. */
  request: SubmissionRequest;
  state: OutboxState;
  result?: SubmissionResult;
  error?: JudgeError;
  settledAt?: number;
}

/**
 * Whose code a local Run judges. Code from a pairing room may have been typed by the partner, and
 * the process sandbox (no Docker) is for code the person trusts: such a Run is refused with
 * WEAK_SANDBOX_CODE until the person has said yes for this Run.
 */
export interface LocalRunConsent {
  partnerCode: boolean;
  acceptWeakSandbox: boolean;
}

/** The `code` of the refusal that asks the person before a partner's code runs in the process sandbox. */
export const WEAK_SANDBOX_CODE = 'weak_sandbox';

export interface OfflineBridge {
  /** Judges the visible tests and the request's own cases on this machine; never official. */
  runLocal(request: SubmissionRequest, consent: LocalRunConsent): Promise<BridgeResult<SubmissionResult>>;
  /** Stores the Submit durably (before answering) with a new idempotency key. */
  enqueue(request: SubmissionRequest): Promise<BridgeResult<OutboxEntry>>;
  /** Every entry, queued and settled, oldest first. */
  listOutbox(): Promise<OutboxEntry[]>;
  /** Tries to send the queued entries now (in order); answers when the attempt is over. */
  flushOutbox(): Promise<void>;
  /** Forgets a settled entry once its verdict has been recorded where the person sees it. */
  dismiss(key: string): Promise<void>;
  /** Called whenever an entry is added, settled or removed; returns unsubscribe. */
  onOutboxChange(listener: (entries: OutboxEntry[]) => void): () => void;
}
