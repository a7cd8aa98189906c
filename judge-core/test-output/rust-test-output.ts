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
import { boundedLines, cutShort, MAX_TEST_ROWS, NEVER_REPORTED, OUTPUT_NOT_READ, row, withEnding, type TestBinaryReader } from './test-binary-run.js';

// Each pattern is matched against one line of the output at a time, never across lines: the output
// is the submitter's, and a pattern that can scan to the end of the text from each line (as a lazy
// `[\s\S]*?` does) costs time quadratic in it.
const RESULT = /^test (\S+)(?: - should panic)? \.\.\. (?:.*?)(ok|FAILED|ignored)\b/;
const SECTION = /^---- (\S+) stdout ----$/;
// rustc 1.63: `thread 'name' panicked at 'message` … `', file:line:column` (the message may span lines).
const OLD_PANIC = /^thread '[^'\n]*' panicked at '/;
const OLD_PANIC_END = /^([^\s:]+):(\d+):\d+$/;
// Later versions: `thread 'name' (id) panicked at file:line:column:`, the message on the lines
// after it, up to libtest's notes or a backtrace.
const NEW_PANIC = /^thread '[^'\n]*'(?: \(\d+\))? panicked at ([^\s:]+):(\d+):\d+:$/;
const NEW_PANIC_END = /^(?:stack backtrace:|note: )/;

/**
 * The `#[test]` functions the tests declare, named as libtest names them where the module is plain
 * (`tests::adds`: the last `mod` opened before the function; nested modules are not followed).
 * One pass over the script, whatever the number of tests.
 */
export function declaredRustTests(script: string): string[] {
  const names: string[] = [];
  let module: string | undefined;
  for (const m of script.matchAll(/\bmod\s+(\w+)\s*\{|#\[test\]\s*(?:#\[[^\]\n]{0,500}\]\s*){0,20}(?:pub(?:\([\w\s]{0,40}\))?\s+)?fn\s+(\w+)/g)) {
    if (m[1] !== undefined) module = m[1];
    else names.push(module ? `${module}::${m[2]!}` : m[2]!);
  }
  return names;
}

/** The function's own name: libtest's `tests::adds` and a declared `tests::adds` both end in `adds`. */
const lastPart = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/** Each failed test's captured output (the `---- name stdout ----` sections), for the names asked for. */
function sections(lines: string[], wanted: (name: string) => boolean): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let section: string[] | undefined;
  for (const line of lines) {
    const header = SECTION.exec(line);
    if (header) {
      section = wanted(header[1]!) && !found.has(header[1]!) ? [] : undefined;
      if (section) found.set(header[1]!, section);
      continue;
    }
    // The summary after the last section: "failures:" then the failed names.
    if (line === 'failures:') section = undefined;
    else if (section && !/^note: run with `RUST_BACKTRACE=1`/.test(line)) section.push(line);
  }
  return found;
}

interface Panic {
  message: string;
  file: string;
  line: number;
  /** The section's lines before the panic: what the test printed. */
  before: number;
}

/** The first panic in a section, in either version's format: one pass over its lines. */
function findPanic(lines: string[]): Panic | undefined {
  let opened: { index: number; text: string[] } | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    let rest: string | undefined;
    if (!opened) {
      const fresh = NEW_PANIC.exec(line);
      if (fresh) {
        const body: string[] = [];
        for (const next of lines.slice(index + 1)) {
          if (NEW_PANIC_END.test(next)) break;
          body.push(next);
        }
        return { message: body.join('\n').trim(), file: fresh[1]!, line: Number(fresh[2]), before: index };
      }
      const old = OLD_PANIC.exec(line);
      if (!old) continue;
      opened = { index, text: [] };
      rest = line.slice(old[0].length);
    } else rest = line;
    // The message ends at the last `', ` of a line followed by file:line:column.
    const cut = rest.lastIndexOf("', ");
    const end = cut === -1 ? null : OLD_PANIC_END.exec(rest.slice(cut + 3));
    if (end) {
      opened.text.push(rest.slice(0, cut));
      return { message: opened.text.join('\n'), file: end[1]!, line: Number(end[2]), before: opened.index };
    }
    opened.text.push(rest);
  }
  return undefined;
}

function failedRow(name: string, captured: string[] | undefined, codeLines: number): HarnessTestReport {
  if (captured === undefined) return row(name, 'failed', { message: `${name} failed` });
  const panic = findPanic(captured);
  if (!panic) return row(name, 'failed', { message: captured.join('\n').trim() || `${name} failed` });
  const { message, file, line } = panic;
  const printed = captured.slice(0, panic.before).join('\n').trim();
  const stdout = printed ? `${printed}\n` : undefined;
  if (file !== 'solution.rs') return row(name, 'error', { message: `panicked: ${message}`, stdout });
  // `${code}\n${tests}`: the tests start on the line after the code's last.
  if (line > codeLines) return row(name, 'failed', { message, line: line - codeLines, source: 'tests', stdout });
  return row(name, 'error', { message: `panicked: ${message}`, line, source: 'code', stdout });
}

export const readRustTestOutput: TestBinaryReader = (run) => {
  const declared = declaredRustTests(run.script).slice(0, MAX_TEST_ROWS);
  // Rows only for declared functions, matched by their own name (libtest prefixes the whole module
  // path, which declaredRustTests does not follow into nested modules); a line for another name is
  // the program's output. Several lines for one function (a forged `... ok` beside the real result)
  // make one row, which failed if any of them did.
  const functions = new Set(declared.map(lastPart));
  const lines = boundedLines(run.stdout);
  const results = new Map<string, { name: string; failed: boolean }>();
  for (const line of lines) {
    const result = RESULT.exec(line);
    if (!result || !functions.has(lastPart(result[1]!))) continue;
    const key = lastPart(result[1]!);
    const seen = results.get(key) ?? { name: result[1]!, failed: false };
    if (result[2] === 'FAILED' && !seen.failed) results.set(key, { name: result[1]!, failed: true });
    else results.set(key, seen);
  }
  const captured = sections(lines, (name) => {
    const seen = results.get(lastPart(name));
    return seen?.failed === true && seen.name === name;
  });
  const codeLines = run.code.split('\n').length;
  const rows: HarnessTestReport[] = [...results.values()].map(({ name, failed }) => (failed ? failedRow(name, captured.get(name), codeLines) : row(name, 'ok')));
  // libtest runs its tests in name order, on several threads, and reports each as it ends: in
  // name order again, the rows (and the verdict their first failure gives) do not depend on timing.
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (rows.length === 0 && declared.length === 0) {
    if (run.ended) return undefined;
    return [row('tests', 'failed', { message: 'No test ran: write #[test] functions (in a #[cfg(test)] module) in the tests' })];
  }
  // The binary died before these reported (it runs tests on threads: which one killed it, its
  // stderr may say, e.g. "thread 'tests::deep' has overflowed its stack"), or never ran them.
  const status: HarnessTestStatus = run.ended?.status === 'timeout' ? 'timeout' : 'error';
  for (const name of declared) {
    if (!results.has(lastPart(name))) rows.push(row(name, status, { message: run.ended?.message ?? (cutShort(run.stdout) ? OUTPUT_NOT_READ : NEVER_REPORTED) }));
  }
  return withEnding(rows, run);
};
