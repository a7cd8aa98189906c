/**
 * Go script tests: the rows of a `go test -c` binary run with `-test.v` (judge-core/languages.ts
 * turns -test.v on from inside the build, since the run stage starts the binary with no
 * arguments). One row per top-level `func TestX(t *testing.T)`, in the order they ran:
 *
 *   === RUN   TestAdd
 *       solution_test.go:9:            <- t.Error / testify's assert output, indented: the message
 *           Error Trace: solution_test.go:9
 *   hello                              <- the test's own prints, not indented: its console output
 *   --- FAIL: TestAdd (0.00s)
 *
 * A panic ends the whole binary (stderr: `panic: …` and the goroutine's stack): the test it happened
 * in is an error with the panic's message and the deepest line of the submission or the tests in
 * the stack; the tests after it did not run. Only the declared `func TestX(t *testing.T)` get rows
 * (test-binary-run.ts says why and how much of the output is read). Go 1.19 has no machine-readable output in the binary
 * itself (`go tool test2json` is a second process, which the run stage refuses), hence this reader.
 */
import type { HarnessTestReport } from '../../protocol/index.js';
import { boundedLines, cutShort, MAX_READ_CHARS, OUTPUT_NOT_READ, MAX_TEST_ROWS, NEVER_REPORTED, NOT_RUN_AFTER, row, withEnding, type TestBinaryReader } from './test-binary-run.js';

interface Seen {
  status?: 'PASS' | 'FAIL' | 'SKIP';
  seconds?: number;
  log: string[];
  printed: string[];
}

const MARKER = /=== (?:RUN|PAUSE|CONT|NAME)\s+(\S+)$/;
const ENDED = /--- (PASS|FAIL|SKIP): (\S+) \(([\d.]+)s\)$/;
const PANIC = /^((?:panic|fatal error): .*?)(?: \[recovered\])?$/m;
// The build's two files: solution.go (the submission) and solution_test.go (the tests).
const FRAME = /\/(solution(?:_test)?\.go):(\d+)/;

/** The test functions the tests declare, in their order: `func TestX(t *testing.T)` (X not lower case). */
export function declaredGoTests(script: string): string[] {
  const names = [...script.matchAll(/^func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)/gm)].map((m) => m[1]!);
  return names.filter((name) => !/^Test[a-z]/.test(name));
}

export const readGoTestOutput: TestBinaryReader = (run) => {
  // Only the declared functions get rows: a `=== RUN   X` the program printed itself is its output.
  const declared = declaredGoTests(run.script).slice(0, MAX_TEST_ROWS);
  const isDeclared = new Set(declared);
  const seen = new Map<string, Seen>();
  // How many seen tests have no status yet (kept as a count: the reader must stay linear).
  let open = 0;
  let current: Seen | undefined;
  const take = (name: string): Seen => {
    let test = seen.get(name);
    if (!test) {
      seen.set(name, (test = { log: [], printed: [] }));
      open += 1;
    }
    return test;
  };
  for (const line of boundedLines(run.stdout)) {
    const marker = MARKER.exec(line);
    const ended = marker ? null : ENDED.exec(line);
    const found = marker ?? ended;
    const name = found?.[ended ? 2 : 1];
    const top = name?.split('/')[0];
    if (found && top !== undefined && isDeclared.has(top)) {
      // Text before the marker is output the test printed without a newline.
      const before = line.slice(0, found.index);
      if (before.trim() !== '' && current) current.printed.push(before);
      if (ended && name === top && !/^\s/.test(line)) {
        current = take(top);
        if (!current.status) open -= 1;
        // A test that failed stays failed: a `--- PASS` printed after it cannot take that back.
        if (current.status !== 'FAIL') {
          current.status = ended[1] as Seen['status'];
          current.seconds = Number(ended[3]);
        }
      } else if (ended) {
        // A subtest's result belongs to its parent's message.
        take(top).log.push(line.trimStart());
      } else current = take(top);
      continue;
    }
    if (!current) continue;
    // The binary's last words: PASS, FAIL, or the warning that there was nothing to run.
    if ((/^(PASS|FAIL)$/.test(line) || line.startsWith('testing: warning:')) && open === 0) {
      current = undefined;
      continue;
    }
    if (/^\s/.test(line)) current.log.push(line.replace(/^ {4}/, ''));
    else if (line !== '') current.printed.push(line);
  }

  const stderr = run.stderr.slice(0, MAX_READ_CHARS);
  const panic = PANIC.exec(stderr);
  if (seen.size === 0) {
    if (run.ended || panic) return undefined;
    if (declared.length === 0) return [row('tests', 'failed', { message: 'No test ran: write each test as func TestName(t *testing.T) in the tests' })];
  }
  const names = [...seen.keys()];
  // A binary that ended well but whose results lie past the part read: its unfinished tests are not judged.
  const cut = cutShort(run.stdout) && !run.ended && !panic;
  const unfinished = names.filter((name) => !seen.get(name)!.status);
  // The test the binary stopped in: the one still running, or the last to fail when a panic follows.
  const culprit = unfinished.at(-1) ?? (panic ? names.filter((name) => seen.get(name)!.status === 'FAIL').at(-1) : undefined);

  const rows: HarnessTestReport[] = names.map((name) => {
    const test = seen.get(name)!;
    const stdout = test.printed.length > 0 ? `${test.printed.join('\n')}\n` : undefined;
    const timeMs = test.seconds !== undefined ? test.seconds * 1000 : 0;
    if (name === culprit) {
      const stack = panic ? stderr.slice(panic.index) : '';
      const frame = FRAME.exec(stack.slice(stack.indexOf('\ngoroutine ') + 1));
      const where = frame ? { line: Number(frame[2]), source: frame[1] === 'solution.go' ? ('code' as const) : ('tests' as const) } : {};
      const message = panic ? panic[1]! : (run.ended?.message ?? (cut ? OUTPUT_NOT_READ : `The test binary exited while ${name} ran`));
      return row(name, run.ended?.status === 'timeout' ? 'timeout' : 'error', { message, ...where, stdout, timeMs });
    }
    if (test.status === 'FAIL') {
      const message = test.log.join('\n').trim() || `${name} failed`;
      const at = /(?:^|\s)(solution(?:_test)?\.go):(\d+)/.exec(message);
      const where = at ? { line: Number(at[2]), source: at[1] === 'solution.go' ? ('code' as const) : ('tests' as const) } : {};
      return row(name, 'failed', { message, ...where, stdout, timeMs });
    }
    if (!test.status) return row(name, 'error', { message: NOT_RUN_AFTER(culprit ?? name), stdout, timeMs });
    return row(name, 'ok', { stdout, timeMs });
  });
  // A declared test the binary never started did not pass, however the binary ended.
  for (const name of declared) {
    if (!seen.has(name)) rows.push(row(name, 'error', { message: cut ? OUTPUT_NOT_READ : culprit ? NOT_RUN_AFTER(culprit) : NEVER_REPORTED }));
  }
  return withEnding(rows, run);
};
