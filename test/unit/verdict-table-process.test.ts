/**
 * The shared verdict table (test/support/verdict-table.ts) against the process sandbox: real
 * harness processes on this machine, no Docker, no broker. The Docker twin is
 * test/integration/verdict-table-docker.test.ts; both must give the same verdicts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessSandbox } from '../../judge-server/sandbox/process-sandbox.js';
import { VERDICT_TABLE, VERDICT_TABLE_TMPFS_BYTES, expectRow, judgeRow } from '../support/verdict-table.js';

const sandbox = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });

afterAll(async () => {
  await sandbox.close();
});

// Rows start together; judgeRow lets two run at once (the machine has two cores).
describe.concurrent.each(VERDICT_TABLE.map((row) => [`${row.language}: ${row.what}`, row] as const))('process sandbox, %s', (_, row) => {
  it(`gives ${row.verdict} and says the process sandbox judged it`, async () => {
    const result = await judgeRow(row, sandbox);
    expectRow(row, result);
    expect(result.sandbox).toBe('process');
  });
});
