/**
 * Judges a catalog solution file the way the judge does, with no broker and no Docker: buildJob
 * from a submission, then runJob with the real harness in the process sandbox, so the catalog
 * tests use the worker's own comparison and verdict (no copy of the harness, no deep-equal of
 * their own).
 */
import { readFile } from 'node:fs/promises';
import type { LanguageId, SubmissionMode, SubmissionResult } from '../../protocol/index.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { buildJob } from '../../judge-core/build-job.js';
import { runJob } from '../../judge-core/run-job.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { runLimits } from '../../judge-server/worker/worker.js';
import { ProcessSandbox } from '../../judge-server/sandbox/process-sandbox.js';
import { concurrencyGate } from './verdict-table.js';

// The worker's default limits, with generous time: these tests are about answers, and a loaded
// two-core machine must not turn a slow start into a time-limit verdict.
const config = readWorkerConfig({ SANDBOX_WALL_TIME_MS: '30000', SANDBOX_TEST_TIMEOUT_MS: '5000' });
const limits = runLimits(config);
let sandbox: ProcessSandbox | undefined;
// Two jobs at a time: the machine has two cores, and each job is a node or python process.
const gate = concurrencyGate(2);

let counter = 0;

/** Judges `file` as a submission to `challengeId` in `mode` ('submit' runs the hidden tests too). */
export async function judgeSolution(
  catalog: Catalog,
  challengeId: string,
  language: LanguageId,
  file: string,
  mode: SubmissionMode,
): Promise<SubmissionResult> {
  const code = await readFile(file, 'utf8');
  const job = buildJob(`catalog-${++counter}`, { language, code, challengeId, mode }, catalog, Date.now());
  sandbox ??= new ProcessSandbox({ tmpfsBytes: config.tmpfsMb * 1024 * 1024 });
  const active = sandbox;
  return gate(async () => (await runJob(job, active, limits)).result);
}

export async function closeSolutionJudge(): Promise<void> {
  await sandbox?.close();
}
