/**
 * Where the gateway keeps submissions between acceptance and the client reading the result.
 * An interface so that a restart-proof store (the offline-first work) can replace the in-memory
 * one without touching routes.
 */
import type { SubmissionResult, SubmissionState } from '../../../protocol/index.js';

export interface SubmissionStore {
  /** Records a submission the broker has accepted. */
  accept(id: string): Promise<void>;
  markRunning(id: string): Promise<void>;
  /** Records the final result and wakes anyone waiting for it. Completing twice keeps the first. */
  complete(result: SubmissionResult): Promise<void>;
  get(id: string): Promise<SubmissionState | undefined>;
  /** Resolves with the result once there is one, or undefined after `timeoutMs`. */
  waitForResult(id: string, timeoutMs: number): Promise<SubmissionResult | undefined>;
}
