/** A finished Run or Submit as a room-document RunRecord, with the code that was judged. */
import type { LanguageId, SubmissionMode, SubmissionResult } from '../../../protocol/index.js';
import { MAX_CODE_BYTES } from '../../../protocol/index.js';
import type { RunRecord } from '../pairing/room-doc.js';

export interface FinishedRun {
  id: string;
  name: string;
  mode: SubmissionMode;
  language: LanguageId;
  challengeId?: string;
  result: SubmissionResult;
  code?: string;
  at: number;
  /** Where it was judged; official (the cloud or LAN judge) unless a local judge or the outbox says otherwise. */
  origin?: NonNullable<RunRecord['origin']>;
}

export function runRecordOf(run: FinishedRun): RunRecord {
  return {
    id: run.id,
    name: run.name,
    mode: run.mode,
    language: run.language,
    ...(run.challengeId ? { challengeId: run.challengeId } : {}),
    verdict: run.result.verdict,
    passed: run.result.tests.filter((test) => test.passed).length,
    total: run.result.tests.length,
    at: run.at,
    origin: run.origin ?? 'official',
    // Only the judge's own results have an id a judge will answer for.
    ...((run.origin ?? 'official') === 'official' && run.result.id ? { submissionId: run.result.id.slice(0, 64) } : {}),
    // Code over the judge's limit was never judged; keep the record without it rather than none.
    ...(run.code !== undefined && run.code.length <= MAX_CODE_BYTES ? { code: run.code } : {}),
  };
}

/** A Submit put in the outbox: recorded at once as queued, under the entry's key, with its code. */
export function queuedRecordOf(run: { key: string; name: string; language: LanguageId; challengeId?: string; code?: string; at: number }): RunRecord {
  return {
    id: run.key.slice(0, 64),
    name: run.name,
    mode: 'submit',
    language: run.language,
    ...(run.challengeId ? { challengeId: run.challengeId } : {}),
    passed: 0,
    total: 0,
    at: run.at,
    origin: 'queued',
    ...(run.code !== undefined && run.code.length <= MAX_CODE_BYTES ? { code: run.code } : {}),
  };
}

/** The official record of a queued Submit: the queued one's who, what and code, with the judge's result. */
export function settledRecordOf(queued: RunRecord, result: SubmissionResult, at: number): RunRecord {
  return runRecordOf({
    id: queued.id,
    name: queued.name,
    mode: 'submit',
    language: queued.language,
    ...(queued.challengeId ? { challengeId: queued.challengeId } : {}),
    result,
    ...(queued.code !== undefined ? { code: queued.code } : {}),
    at,
    origin: 'official',
  });
}
