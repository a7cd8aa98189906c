/**
 * The SubmissionStore for several gateways on several hosts: PostgreSQL (DATABASE_URL), the same
 * table as the SQLite store, in a schema of its own choosing (DATABASE_SCHEMA). Claims use
 * `FOR UPDATE SKIP LOCKED`, so concurrent publishers never take the same submission.
 */
import pg from 'pg';
import type { SubmissionResult, SubmissionState } from '../../../protocol/index.js';
import type { JudgeJob } from '../../../judge-core/job.js';
import { storeCall } from './errors.js';
import type { AcceptOutcome, ClaimedJob, CompleteOutcome, NewSubmission, SubmissionStore } from './submission-store.js';

/** Schema names are put into SQL text, so only plain identifiers are allowed. */
export const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

function schemaSql(schema: string): string {
  const t = `"${schema}".submissions`;
  return `
CREATE SCHEMA IF NOT EXISTS "${schema}";
CREATE TABLE IF NOT EXISTS ${t} (
  id TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  language TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done')),
  job TEXT,
  result TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  lease_until BIGINT,
  finished_at BIGINT
);
CREATE INDEX IF NOT EXISTS submissions_status ON ${t} (status, created_at);
CREATE INDEX IF NOT EXISTS submissions_outbox ON ${t} (created_at) WHERE published_at IS NULL AND status = 'queued';
CREATE INDEX IF NOT EXISTS submissions_finished ON ${t} (finished_at) WHERE status = 'done';
`;
}

export interface PostgresStoreOptions {
  url: string;
  schema?: string;
  /** Connections in the pool. */
  maxConnections?: number;
}

export class PostgresSubmissionStore implements SubmissionStore {
  readonly kind = 'postgres' as const;
  private readonly table: string;

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.table = `"${schema}".submissions`;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresSubmissionStore> {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME_PATTERN.test(schema)) throw new RangeError(`schema must match ${SCHEMA_NAME_PATTERN}`);
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresSubmissionStore(pool, schema);
    await storeCall('create its table', async () => {
      const client = await pool.connect();
      try {
        // Two gateways starting at once would race on CREATE ... IF NOT EXISTS: one at a time.
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(7301)');
        await client.query(schemaSql(schema));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
    return store;
  }

  accept(submission: NewSubmission): Promise<AcceptOutcome> {
    const { id, requestHash, idempotencyKey, job, now, maxQueued } = submission;
    return storeCall('accept a submission', async () => {
      const existing = async (): Promise<AcceptOutcome | undefined> => {
        if (idempotencyKey === undefined) return undefined;
        const { rows } = await this.pool.query<{ id: string; request_hash: string }>(
          `SELECT id, request_hash FROM ${this.table} WHERE idempotency_key = $1`,
          [idempotencyKey],
        );
        return rows[0] ? { kind: 'existing', id: rows[0].id, requestHash: rows[0].request_hash } : undefined;
      };
      const known = await existing();
      if (known) return known;
      // The depth check is a snapshot: gateways racing past the limit overshoot it by a few at most.
      const queued = await this.countQueued();
      if (queued >= maxQueued) return { kind: 'full', queued };
      const inserted = await this.pool.query(
        `INSERT INTO ${this.table} (id, request_hash, idempotency_key, language, status, job, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6) ON CONFLICT DO NOTHING`,
        [id, requestHash, idempotencyKey ?? null, job.language, JSON.stringify(job), now],
      );
      if (inserted.rowCount === 1) return { kind: 'created', id };
      // Another request with the same key won the race.
      const winner = await existing();
      if (winner) return winner;
      throw new Error('the submission could not be stored (conflicting id)');
    });
  }

  markRunning(id: string, now: number): Promise<void> {
    return storeCall('mark a submission running', async () => {
      await this.pool.query(`UPDATE ${this.table} SET status = 'running', updated_at = $1 WHERE id = $2 AND status = 'queued'`, [now, id]);
    });
  }

  complete(result: SubmissionResult, now: number): Promise<CompleteOutcome> {
    return storeCall('store a result', async () => {
      const { rows } = await this.pool.query<{ language: string }>(
        `UPDATE ${this.table} SET status = 'done', result = $1, job = NULL, finished_at = $2, updated_at = $2
         WHERE id = $3 AND status <> 'done' RETURNING language`,
        [JSON.stringify(result), now, result.id],
      );
      if (rows[0]) return { kind: 'stored', language: rows[0].language };
      const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.table} WHERE id = $1`, [result.id]);
      return rowCount ? { kind: 'duplicate' } : { kind: 'unknown' };
    });
  }

  get(id: string): Promise<SubmissionState | undefined> {
    return storeCall('read a submission', async () => {
      const { rows } = await this.pool.query<{ id: string; status: string; result: string | null }>(
        `SELECT id, status, result FROM ${this.table} WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.status === 'done' && row.result) return JSON.parse(row.result) as SubmissionResult;
      return { id: row.id, status: row.status === 'running' ? 'running' : 'queued' };
    });
  }

  getResults(ids: readonly string[]): Promise<SubmissionResult[]> {
    return storeCall('read results', async () => {
      if (ids.length === 0) return [];
      const { rows } = await this.pool.query<{ result: string }>(
        `SELECT result FROM ${this.table} WHERE status = 'done' AND id = ANY($1::text[])`,
        [ids],
      );
      return rows.map((row) => JSON.parse(row.result) as SubmissionResult);
    });
  }

  countQueued(): Promise<number> {
    return storeCall('count queued submissions', async () => {
      const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table} WHERE status = 'queued'`);
      return Number(rows[0]?.n ?? 0);
    });
  }

  claimUnpublished(limit: number, now: number, leaseMs: number): Promise<ClaimedJob[]> {
    return storeCall('claim unpublished submissions', async () => {
      const { rows } = await this.pool.query<{ id: string; job: string; created_at: string }>(
        `UPDATE ${this.table} SET lease_until = $1 WHERE id IN (
           SELECT id FROM ${this.table} WHERE published_at IS NULL AND status = 'queued' AND (lease_until IS NULL OR lease_until < $2)
           ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id, job, created_at`,
        [now + leaseMs, now, limit],
      );
      // RETURNING keeps no order: oldest first again here.
      return rows
        .sort((a, b) => Number(a.created_at) - Number(b.created_at))
        .map((row) => ({ id: row.id, job: JSON.parse(row.job) as JudgeJob }));
    });
  }

  markPublished(id: string, now: number): Promise<void> {
    return storeCall('mark a submission published', async () => {
      await this.pool.query(`UPDATE ${this.table} SET published_at = $1, lease_until = NULL WHERE id = $2`, [now, id]);
    });
  }

  releaseClaim(id: string): Promise<void> {
    return storeCall('release a claim', async () => {
      await this.pool.query(`UPDATE ${this.table} SET lease_until = NULL WHERE id = $1 AND published_at IS NULL`, [id]);
    });
  }

  reapStuck(acceptedBefore: number, now: number, result: (id: string) => SubmissionResult): Promise<string[]> {
    return storeCall('end stuck submissions', async () => {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT id FROM ${this.table} WHERE status <> 'done' AND created_at < $1`,
        [acceptedBefore],
      );
      const ended: string[] = [];
      for (const { id } of rows) {
        const outcome = await this.complete(result(id), now);
        if (outcome.kind === 'stored') ended.push(id);
      }
      return ended;
    });
  }

  purgeFinished(finishedBefore: number): Promise<number> {
    return storeCall('purge old results', async () => {
      const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE status = 'done' AND finished_at < $1`, [finishedBefore]);
      return rowCount ?? 0;
    });
  }

  ping(): Promise<void> {
    return storeCall('answer', async () => {
      await this.pool.query('SELECT 1');
    });
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
