/**
 * `pairjudge submit --local`: judges in this process through the judge core — the catalog in
 * challenges/, buildJob, runJob — in this machine's sandbox. No gateway, no broker, no port
 * opened: the same core the cloud worker runs, called directly.
 */
import { randomUUID } from 'node:crypto';
import type { SubmissionRequest, SubmissionResult } from '../protocol/index.js';
import { buildJob } from '../judge-core/build-job.js';
import { runJob } from '../judge-core/run-job.js';
import { loadCatalog, type Catalog } from '../judge-server/catalog/load-catalog.js';
import { readSettings } from '../judge-server/config/settings.js';
import { gatewaySettings } from '../judge-server/gateway/config.js';
import { chooseEmbeddedSandbox, type SandboxKind } from '../judge-server/embedded-judge.js';
import { readWorkerConfig } from '../judge-server/worker/config.js';
import { runLimits } from '../judge-server/worker/worker.js';

export interface LocalVerdict {
  result: SubmissionResult;
  sandbox: SandboxKind;
}

/** The catalog the local judge and `pairjudge challenges --local` use (CHALLENGES_DIR, default challenges/). */
export async function loadLocalCatalog(env: NodeJS.ProcessEnv): Promise<Catalog> {
  const { challengesDir } = readSettings({ challengesDir: gatewaySettings.challengesDir }, env);
  return loadCatalog(challengesDir);
}

/**
 * Judges one request here. Throws SubmissionRejectedError for a request the core refuses
 * (before any sandbox starts) and SandboxUnavailableError when no sandbox can run.
 */
export async function judgeLocally(
  request: SubmissionRequest,
  options: { env: NodeJS.ProcessEnv; onSandbox?: (kind: SandboxKind) => void; warn?: (message: string) => void },
): Promise<LocalVerdict> {
  const workerConfig = readWorkerConfig(options.env);
  const catalog = await loadLocalCatalog(options.env);
  const job = buildJob(randomUUID(), request, catalog, Date.now());
  // Which sandbox and why is logged only when it matters to a person: the process sandbox's
  // weakness (on stderr, so --json output stays the result alone).
  const { sandbox, kind } = await chooseEmbeddedSandbox(workerConfig, { info: () => {}, warn: options.warn ?? (() => {}) });
  try {
    options.onSandbox?.(kind);
    const handled = await runJob(job, sandbox, runLimits(workerConfig));
    return { result: handled.result, sandbox: kind };
  } finally {
    await sandbox.close();
  }
}
