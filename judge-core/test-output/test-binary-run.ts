/**
 * What a test binary (Go's `go test -c`, Rust's `rustc --test`) left behind when the run stage ran
 * it, for the per-language readers beside this file that turn its output into one row per test
 * function. The binary writes no report frame: the rows are read from its own output, outside the
 * sandbox, so they are believed only where a script test is (never for a submit; see
 * judge-core/program-run.ts).
 */
import type { HarnessTestReport, HarnessTestStatus } from '../../protocol/index.js';

export interface TestBinaryRun {
  stdout: string;
  stderr: string;
  /** How the binary ended when it did not exit 0 (program-run's words); undefined when it exited 0. */
  ended: { status: HarnessTestStatus; message: string } | undefined;
  /** The submission and the test code as the user wrote them (to place a line in one or the other). */
  code: string;
  script: string;
}

/** The rows, or undefined when the output holds no test at all (the caller reports the run as one row). */
export type TestBinaryReader = (run: TestBinaryRun) => HarnessTestReport[] | undefined;

export const NOT_RUN_AFTER = (name: string) => `Not run: the test binary stopped while ${name} ran`;
export const NEVER_REPORTED = 'Not run: the test binary never reported this test';
export const OUTPUT_NOT_READ = 'Not judged: the test binary printed more than 256 KiB before this test reported';

/*
 * The binary's output is written by the submitter and read synchronously on the worker's event
 * loop, so the readers treat it as hostile: they read only this much of it (more than a few hundred
 * tests' worth of real output), line by line, with no pattern that scans across lines, and make
 * rows only for the test functions the script declares (at most MAX_TEST_ROWS of them). Without
 * these bounds 3 MB of crafted output blocked a worker for minutes and made a 60 MB result.
 */
export const MAX_READ_CHARS = 256 * 1024;
export const MAX_TEST_ROWS = 200;
const MAX_NAME_CHARS = 200;
const MAX_MESSAGE_CHARS = 2000;

/** Whether the readers left part of a stream unread. */
export const cutShort = (text: string) => text.length > MAX_READ_CHARS;

/** The lines of the part of a stream the readers look at (a cut last line is read as it is). */
export function boundedLines(text: string): string[] {
  return text.slice(0, MAX_READ_CHARS).split('\n');
}

/** A row for a test; name and `message` kept to a readable size. */
export function row(name: string, status: HarnessTestStatus, extra: { message?: string; line?: number; source?: 'code' | 'tests'; stdout?: string; timeMs?: number } = {}): HarnessTestReport {
  const { message, line, source, stdout, timeMs } = extra;
  return {
    name: name.slice(0, MAX_NAME_CHARS),
    kind: 'script',
    status,
    timeMs: timeMs !== undefined && Number.isFinite(timeMs) && timeMs >= 0 ? timeMs : 0,
    ...(message !== undefined ? { error: { message: message.slice(0, MAX_MESSAGE_CHARS), ...(line !== undefined ? { line } : {}), ...(source ? { source } : {}) } } : {}),
    ...(stdout ? { stdout } : {}),
  };
}

/**
 * A binary that exited non-zero although every row it reported passed (an os.Exit(3) or
 * std::process::exit(3) after the tests) still fails: one more row says how it ended.
 */
export function withEnding(rows: HarnessTestReport[], run: TestBinaryRun): HarnessTestReport[] {
  if (!run.ended || rows.some((test) => test.status !== 'ok')) return rows;
  return [...rows, row('tests', run.ended.status, { message: run.ended.message })];
}
