/**
 * Where the gateway keeps every submission from the moment it is accepted: its request hash and
 * idempotency key, its status (queued → running → done), its job until a worker has finished it
 * (so a submission accepted while the broker was down can be published later: the transactional
 * outbox), and its result. Gateways keep nothing else, so any gateway sharing the store can answer
 * for any submission. Two kinds: SQLite (the default, a file in DATA_DIR) and PostgreSQL
 * (DATABASE_URL); test/support/store-contract.ts holds them to the same behaviour.
 */
import type { SubmissionResult, SubmissionState } from '../../../protocol/index.js';
import type { JudgeJob } from '../../../judge-core/job.js';

export interface NewSubmission {
  id: string;
  /** sha256 of the canonical request body, to tell a retry from a different request under one key. */
  requestHash: string;
  idempotencyKey?: string;
  job: JudgeJob;
  now: number;
  /**
   * Backpressure: refuse when this many submissions already wait for a worker (status queued).
   * A retry under a known idempotency key is answered even then: it adds nothing.
   */
  maxQueued: number;
}

export type AcceptOutcome =
  | { kind: 'created'; id: string }
  /** The idempotency key was seen before: the earlier submission, and the hash of its request. */
  | { kind: 'existing'; id: string; requestHash: string }
  | { kind: 'full'; queued: number };

export type CompleteOutcome =
  | { kind: 'stored'; language: string }
  /** The submission already had a result (a redelivered job, a reaped one): the first one stays. */
  | { kind: 'duplicate' }
  /** No such submission (expired, or never accepted here). */
  | { kind: 'unknown' };

export interface ClaimedJob {
  id: string;
  job: JudgeJob;
}

export interface SubmissionStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores a new submission (queued, unpublished) unless its idempotency key is known or the queue is full. */
  accept(submission: NewSubmission): Promise<AcceptOutcome>;
  /** queued → running; anything else stays as it is. */
  markRunning(id: string, now: number): Promise<void>;
  /** Records the result; the first result of a submission wins. Drops the stored job. */
  complete(result: SubmissionResult, now: number): Promise<CompleteOutcome>;
  get(id: string): Promise<SubmissionState | undefined>;
  /** The results among `ids` that are done (for waiters polling many submissions at once). */
  getResults(ids: readonly string[]): Promise<SubmissionResult[]>;
  /** Submissions waiting for a worker (queued), published or not. */
  countQueued(): Promise<number>;
  /**
   * Outbox: takes up to `limit` queued submissions not yet published and not leased to another
   * publisher, leasing them until `now + leaseMs` so that two gateways do not publish the same one.
   */
  claimUnpublished(limit: number, now: number, leaseMs: number): Promise<ClaimedJob[]>;
  markPublished(id: string, now: number): Promise<void>;
  /** Gives a claimed submission back at once (its publish failed). */
  releaseClaim(id: string): Promise<void>;
  /** Ends every submission accepted before `acceptedBefore` and still not done with `result(id)`. Returns the ids ended. */
  reapStuck(acceptedBefore: number, now: number, result: (id: string) => SubmissionResult): Promise<string[]>;
  /** Deletes finished submissions older than `finishedBefore` (retention). Returns how many. */
  purgeFinished(finishedBefore: number): Promise<number>;
  /** Throws StoreUnavailableError when the store cannot be used. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
