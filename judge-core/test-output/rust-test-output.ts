/**
 * Rust script tests: the rows of a `rustc --test` binary (libtest's plain output). One row per
 * `#[test]` function, named as libtest names it (`tests::adds`):
 *
 *   test tests::adds ... ok
 *   test tests::fails ... FAILED
 *   failures:
 *   ---- tests::fails stdout ----
 *   printed by the test                                 <- its console output
 *   thread 'tests::fails' panicked at 'assertion failed: `(left == right)`
 *     left: `-1`,
 *    right: `3`', solution.rs:12:9                        <- rustc 1.63 (Debian bookworm)
 *   thread 'tests::fails' panicked at solution.rs:12:9:
 *   assertion `left == right` failed …                   <- later rustc (the host's, say)
 *
 * A failed test is a panic, whatever raised it: one in the test code (assert!, assert_eq!, an
 * unwrap there) fails the row; one in the submission or the standard library (an index out of
 * bounds, a panic! of the code under test) is an error. The build is the submission followed by
 * the tests in one solution.rs, so the panic's line says which of the two it is in. A binary that
 * dies (abort, stack overflow, deadline) leaves the tests it had not reported as errors.
 */
import type { HarnessTestReport, HarnessTestStatus } from '../../protocol/index.js';
import { row, withEnding, type TestBinaryReader, type TestBinaryRun } from './test-binary-run.js';

const RESULT = /^test (\S+)(?: - should panic)? \.\.\. (?:.*?)(ok|FAILED|ignored)\b.*$/gm;
const SECTION = /^---- (\S+) stdout ----$/gm;
// The panic's message ends where libtest's notes or a backtrace begin. Later versions add the
// thread's id after its name.
const OLD_PANIC = /(?:^|\n)thread '[^']*' panicked at '([\s\S]*?)', ([^\s:]+):(\d+):\d+(?=\n|$)/;
const NEW_PANIC = /(?:^|\n)thread '[^']*'(?: \(\d+\))? panicked at ([^\s:]+):(\d+):\d+:\n([\s\S]*?)(?=\nstack backtrace:|\nnote: |$)/;

/**
 * The `#[test]` functions the tests declare, named as libtest names them where the module is plain
 * (`tests::adds`: the last `mod` opened before the function; nested modules are not followed).
 */
export function declaredRustTests(script: string): string[] {
  return [...script.matchAll(/#\[test\]\s*(?:#\[[^\]]*\]\s*)*fn\s+(\w+)/g)].map((m) => {
    const module = [...script.slice(0, m.index).matchAll(/\bmod\s+(\w+)\s*\{/g)].at(-1)?.[1];
    return module ? `${module}::${m[1]!}` : m[1]!;
  });
}

/** Each failed test's captured output (the `---- name stdout ----` sections). */
function sections(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  const headers = [...stdout.matchAll(SECTION)];
  headers.forEach((header, index) => {
    const start = header.index + header[0].length + 1;
    let end = headers[index + 1]?.index ?? stdout.length;
    // The summary after the last section: "failures:" then the failed names.
    const summary = stdout.slice(start, end).search(/^failures:$/m);
    if (summary !== -1) end = start + summary;
    found.set(header[1]!, stdout.slice(start, end).replace(/^note: run with `RUST_BACKTRACE=1`.*$/m, '').trim());
  });
  return found;
}

function failedRow(name: string, captured: string | undefined, run: TestBinaryRun): HarnessTestReport {
  if (captured === undefined) return row(name, 'failed', { message: `${name} failed` });
  const old = OLD_PANIC.exec(captured);
  const now = old ? null : NEW_PANIC.exec(captured);
  const panic = old ?? now;
  if (!panic) return row(name, 'failed', { message: captured || `${name} failed` });
  const [message, file, line] = old ? [old[1]!, old[2]!, Number(old[3])] : [now![3]!.trim(), now![1]!, Number(now![2])];
  const printed = captured.slice(0, panic.index).trim();
  const stdout = printed ? `${printed}\n` : undefined;
  if (file !== 'solution.rs') return row(name, 'error', { message: `panicked: ${message}`, stdout });
  // `${code}\n${tests}`: the tests start on the line after the code's last.
  const codeLines = run.code.split('\n').length;
  if (line > codeLines) return row(name, 'failed', { message, line: line - codeLines, source: 'tests', stdout });
  return row(name, 'error', { message: `panicked: ${message}`, line, source: 'code', stdout });
}

export const readRustTestOutput: TestBinaryReader = (run) => {
  const captured = sections(run.stdout);
  const rows: HarnessTestReport[] = [];
  const reported = new Set<string>();
  for (const [, name, result] of run.stdout.matchAll(RESULT)) {
    if (reported.has(name!)) continue;
    reported.add(name!);
    rows.push(result === 'FAILED' ? failedRow(name!, captured.get(name!), run) : row(name!, 'ok'));
  }
  // libtest runs its tests in name order, on several threads, and reports each as it ends: in
  // name order again, the rows (and the verdict their first failure gives) do not depend on timing.
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const declared = declaredRustTests(run.script);
  if (rows.length === 0 && declared.length === 0) {
    if (run.ended) return undefined;
    return [row('tests', 'failed', { message: 'No test ran: write #[test] functions (in a #[cfg(test)] module) in the tests' })];
  }
  if (run.ended) {
    // The binary died before these reported (it runs tests on threads: which one killed it, its
    // stderr may say, e.g. "thread 'tests::deep' has overflowed its stack").
    const status: HarnessTestStatus = run.ended.status === 'timeout' ? 'timeout' : 'error';
    const lastPart = (name: string) => name.slice(name.lastIndexOf(':') + 1);
    for (const name of declared) {
      if ([...reported].some((done) => lastPart(done) === lastPart(name))) continue;
      rows.push(row(name, status, { message: run.ended.message }));
    }
  }
  return withEnding(rows, run);
};
