/**
 * The hostile fixtures of the Docker tests (test/fixtures/hostile) against the process sandbox,
 * through buildJob and runJob: the same verdicts. JavaScript's output checks hold here too (vm2
 * is the same wall); Python's escape report differs by design: this sandbox has no seccomp filter,
 * so spawning and forking work (test/unit/process-sandbox.test.ts shows they die with the job).
 * Needs no service; it sits in this tier because its busy loops take the full deadline.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageId, SubmissionResult } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { runJob } from '../../judge-core/run-job.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { ProcessSandbox, REPOSITORY_HARNESS_ROOT } from '../../judge-server/sandbox/process-sandbox.js';
import { HOSTILE_FIXTURES, readFixture } from '../fixtures/hostile/index.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const sandbox = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
const gate = concurrencyGate(2);
let catalog: Catalog;

beforeAll(async () => {
  catalog = await loadCatalog(path.resolve(REPOSITORY_HARNESS_ROOT, '..', '..', 'challenges'));
});

afterAll(async () => {
  await sandbox.close();
});

function judgeFixture(file: string, language: LanguageId, mode: 'run' | 'submit'): Promise<SubmissionResult> {
  const job = buildJob(`hostile-${file}`, { language, code: readFixture(file), challengeId: 'two-sum', mode }, catalog, Date.now());
  return gate(async () => (await runJob(job, sandbox, VERDICT_TABLE_LIMITS)).result);
}

/**
 * Where the process sandbox's walls differ in kind from the container's: it caps memory per
 * process (address space), which V8 reaches while building a huge return value before the harness's
 * value cap cuts it, so the same attack ends as a memory limit instead of a wrong answer. Either way
 * it is not accepted and not blamed on the judge.
 */
const PROCESS_VERDICTS: Record<string, string[]> = {
  'huge-return-value.js': ['memory_limit_exceeded'],
};

describe.concurrent('hostile fixtures in the process sandbox', () => {
  // The compiled languages need Docker's compile stage; the process sandbox has none (they are
  // judged in test/integration/hostile-corpus.test.ts).
  for (const fixture of HOSTILE_FIXTURES.filter((f) => !LANGUAGE_RUNTIMES[f.language].compile)) {
    it(`gives ${fixture.file} the verdict ${fixture.verdict}`, async () => {
      const mode = fixture.stdout ? 'run' : 'submit';
      const result = await judgeFixture(fixture.file, fixture.language, mode);
      expect([fixture.verdict, ...(PROCESS_VERDICTS[fixture.file] ?? [])], JSON.stringify({ ...result, stdout: result.stdout.slice(0, 500) })).toContain(result.verdict);
      if (result.verdict !== fixture.verdict) return;
      if (fixture.error) expect(result.error?.message ?? result.tests.find((t) => t.error)?.error).toMatch(fixture.error);
      if (fixture.language === 'javascript') {
        if (fixture.stdout) expect(result.stdout).toMatch(fixture.stdout);
        if (fixture.notStdout) expect(result.stdout).not.toMatch(fixture.notStdout);
      }
      expect(result.sandbox).toBe('process');
    });
  }
});
