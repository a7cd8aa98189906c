/**
 * The default SubmissionStore: one SQLite file (DATA_DIR/pairjudge.sqlite) in WAL mode, so that
 * several gateway processes on one machine share it (readers never block the one writer, and a
 * writer waits up to `busy_timeout` for another). better-sqlite3 is synchronous; every call here is
 * one short statement or transaction on a primary key or an index.
 */
import { openSqliteFile, type SqliteDatabase } from '../../storage/open-sqlite.js';
import type { SubmissionResult, SubmissionState } from '../../../protocol/index.js';
import type { JudgeJob } from '../../../judge-core/job.js';
import { storeCall } from './errors.js';
import type { AcceptOutcome, ClaimedJob, CompleteOutcome, NewSubmission, SubmissionStore } from './submission-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS submissions (
  id TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  language TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done')),
  job TEXT,
  result TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER,
  lease_until INTEGER,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS submissions_status ON submissions (status, created_at);
CREATE INDEX IF NOT EXISTS submissions_outbox ON submissions (created_at) WHERE published_at IS NULL AND status = 'queued';
CREATE INDEX IF NOT EXISTS submissions_finished ON submissions (finished_at) WHERE status = 'done';
`;

interface Row {
  id: string;
  status: 'queued' | 'running' | 'done';
  result: string | null;
}

export class SqliteSubmissionStore implements SubmissionStore {
  readonly kind = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  private readonly statements;

  /** `file` is a path, or ':memory:' for a private store (unit tests). */
  constructor(file: string) {
    this.db = openSqliteFile(file);
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare(
        `INSERT INTO submissions (id, request_hash, idempotency_key, language, status, job, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      byKey: this.db.prepare('SELECT id, request_hash FROM submissions WHERE idempotency_key = ?'),
      countQueued: this.db.prepare(`SELECT count(*) AS n FROM submissions WHERE status = 'queued'`),
      markRunning: this.db.prepare(`UPDATE submissions SET status = 'running', updated_at = ? WHERE id = ? AND status = 'queued'`),
      complete: this.db.prepare(
        `UPDATE submissions SET status = 'done', result = ?, job = NULL, finished_at = ?, updated_at = ?
         WHERE id = ? AND status <> 'done' RETURNING language`,
      ),
      exists: this.db.prepare('SELECT 1 FROM submissions WHERE id = ?'),
      get: this.db.prepare('SELECT id, status, result FROM submissions WHERE id = ?'),
      claim: this.db.prepare(
        `UPDATE submissions SET lease_until = ? WHERE id IN (
           SELECT id FROM submissions WHERE published_at IS NULL AND status = 'queued' AND (lease_until IS NULL OR lease_until < ?)
           ORDER BY created_at LIMIT ?) RETURNING id, job, created_at`,
      ),
      markPublished: this.db.prepare('UPDATE submissions SET published_at = ?, lease_until = NULL WHERE id = ?'),
      release: this.db.prepare('UPDATE submissions SET lease_until = NULL WHERE id = ? AND published_at IS NULL'),
      stuck: this.db.prepare(`SELECT id FROM submissions WHERE status <> 'done' AND created_at < ?`),
      purge: this.db.prepare(`DELETE FROM submissions WHERE status = 'done' AND finished_at < ?`),
    };
  }

  accept(submission: NewSubmission): Promise<AcceptOutcome> {
    const { id, requestHash, idempotencyKey, job, now, maxQueued } = submission;
    // One IMMEDIATE transaction: the key lookup, the depth check and the insert see one state,
    // whichever gateway process writes.
    const run = () => this.db.transaction((): AcceptOutcome => {
      if (idempotencyKey !== undefined) {
        const existing = this.statements.byKey.get(idempotencyKey) as { id: string; request_hash: string } | undefined;
        if (existing) return { kind: 'existing', id: existing.id, requestHash: existing.request_hash };
      }
      const queued = (this.statements.countQueued.get() as { n: number }).n;
      if (queued >= maxQueued) return { kind: 'full', queued };
      this.statements.insert.run(id, requestHash, idempotencyKey ?? null, job.language, JSON.stringify(job), now, now);
      return { kind: 'created', id };
    });
    return storeCall('accept a submission', () => run().immediate());
  }

  markRunning(id: string, now: number): Promise<void> {
    return storeCall('mark a submission running', () => void this.statements.markRunning.run(now, id));
  }

  complete(result: SubmissionResult, now: number): Promise<CompleteOutcome> {
    return storeCall('store a result', () => {
      const row = this.statements.complete.get(JSON.stringify(result), now, now, result.id) as { language: string } | undefined;
      if (row) return { kind: 'stored', language: row.language };
      return this.statements.exists.get(result.id) ? { kind: 'duplicate' } : { kind: 'unknown' };
    });
  }

  get(id: string): Promise<SubmissionState | undefined> {
    return storeCall('read a submission', () => {
      const row = this.statements.get.get(id) as Row | undefined;
      return row ? toState(row) : undefined;
    });
  }

  getResults(ids: readonly string[]): Promise<SubmissionResult[]> {
    return storeCall('read results', () => {
      const results: SubmissionResult[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = this.db
          .prepare(`SELECT result FROM submissions WHERE status = 'done' AND id IN (${chunk.map(() => '?').join(',')})`)
          .all(...chunk) as { result: string }[];
        for (const row of rows) results.push(JSON.parse(row.result) as SubmissionResult);
      }
      return results;
    });
  }

  countQueued(): Promise<number> {
    return storeCall('count queued submissions', () => (this.statements.countQueued.get() as { n: number }).n);
  }

  claimUnpublished(limit: number, now: number, leaseMs: number): Promise<ClaimedJob[]> {
    return storeCall('claim unpublished submissions', () =>
      // RETURNING keeps no order: oldest first again here.
      (this.statements.claim.all(now + leaseMs, now, limit) as { id: string; job: string; created_at: number }[])
        .sort((a, b) => a.created_at - b.created_at)
        .map((row) => ({
        id: row.id,
        job: JSON.parse(row.job) as JudgeJob,
      })),
    );
  }

  markPublished(id: string, now: number): Promise<void> {
    return storeCall('mark a submission published', () => void this.statements.markPublished.run(now, id));
  }

  releaseClaim(id: string): Promise<void> {
    return storeCall('release a claim', () => void this.statements.release.run(id));
  }

  reapStuck(acceptedBefore: number, now: number, result: (id: string) => SubmissionResult): Promise<string[]> {
    const run = () => this.db.transaction(() => {
      const ended: string[] = [];
      for (const { id } of this.statements.stuck.all(acceptedBefore) as { id: string }[]) {
        if (this.statements.complete.get(JSON.stringify(result(id)), now, now, id)) ended.push(id);
      }
      return ended;
    });
    return storeCall('end stuck submissions', () => run().immediate());
  }

  purgeFinished(finishedBefore: number): Promise<number> {
    return storeCall('purge old results', () => this.statements.purge.run(finishedBefore).changes);
  }

  ping(): Promise<void> {
    return storeCall('answer', () => void this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toState(row: Row): SubmissionState {
  if (row.status === 'done' && row.result) return JSON.parse(row.result) as SubmissionResult;
  return { id: row.id, status: row.status === 'running' ? 'running' : 'queued' };
}
