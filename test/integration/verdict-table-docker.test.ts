/**
 * The shared verdict table (test/support/verdict-table.ts) against the Docker sandbox: a fresh
 * container per row from the real image (SANDBOX_IMAGE). The process-sandbox twin is
 * test/unit/verdict-table-process.test.ts; both must give the same verdicts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE, VERDICT_TABLE_TMPFS_BYTES, expectRow, judgeRow } from '../support/verdict-table.js';

const sandbox = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });

beforeAll(async () => {
  await sandbox.ready();
});

afterAll(async () => {
  await sandbox.close();
});

// Rows start together; judgeRow lets two containers run at once (one engine, two cores).
describe.concurrent.each(VERDICT_TABLE.map((row) => [`${row.language}: ${row.what}`, row] as const))('docker sandbox, %s', (_, row) => {
  it(`gives ${row.verdict}`, async () => {
    expectRow(row, await judgeRow(row, sandbox));
  });
});
