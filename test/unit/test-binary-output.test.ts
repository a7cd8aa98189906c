/**
 * The readers of Go and Rust test binaries' output (judge-core/test-output/), on output recorded
 * from the real binaries: Go 1.19's `go test -c` binary with -test.v and rustc 1.63's libtest, as
 * the go and rust images build them (the Rust panic format of later versions, from a newer rustc,
 * too). The same programs run through Docker in test/integration/go-rust-programs-docker.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readGoTestOutput, declaredGoTests } from '../../judge-core/test-output/go-test-output.js';
import { readRustTestOutput, declaredRustTests } from '../../judge-core/test-output/rust-test-output.js';
import type { TestBinaryRun } from '../../judge-core/test-output/test-binary-run.js';

const EXIT_2 = { status: 'error' as const, message: 'The program exited with code 2' };
const EXIT_101 = { status: 'error' as const, message: 'The program exited with code 101' };

function run(over: Partial<TestBinaryRun>): TestBinaryRun {
  return { stdout: '', stderr: '', ended: undefined, code: '', script: '', ...over };
}

// Go: four tests; TestSeven panics in the submission (solution.go:5), so TestAfterThePanic never runs.
const GO_SCRIPT = 'package main\n\nfunc TestAdd(t *testing.T) {}\nfunc TestNegative(t *testing.T) {}\nfunc TestSeven(t *testing.T) {}\nfunc TestAfterThePanic(t *testing.T) {}\nfunc Testlower(t *testing.T) {}\n';
const GO_STDOUT = "=== RUN   TestAdd\nchecking add\n    solution_test.go:12: \n        \tError Trace:\t/tmp/build/solution_test.go:12\n        \tError:      \tNot equal: \n        \t            \texpected: 3\n        \t            \tactual  : -1\n        \tTest:       \tTestAdd\n        \tMessages:   \tadd(1, 2)\n--- FAIL: TestAdd (0.00s)\n=== RUN   TestNegative\n    solution_test.go:17: add(-1, 1) = -2\n--- FAIL: TestNegative (0.00s)\n=== RUN   TestSeven\n--- FAIL: TestSeven (0.00s)\n";
const GO_STDERR = "panic: seven is not allowed [recovered]\n\tpanic: seven is not allowed\n\ngoroutine 8 [running]:\ntesting.tRunner.func1.2({0x5abd80, 0x63edd8})\n\t/usr/lib/go-1.19/src/testing/testing.go:1396 +0x24e\ntesting.tRunner.func1()\n\t/usr/lib/go-1.19/src/testing/testing.go:1399 +0x39f\npanic({0x5abd80, 0x63edd8})\n\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x212\n_/tmp/build.add(...)\n\t/tmp/build/solution.go:5\n_/tmp/build.TestSeven(0xc0000c81a0?)\n\t/tmp/build/solution_test.go:22 +0x27\ntesting.tRunner(0xc0000c8340, 0x60c8c8)\n\t/usr/lib/go-1.19/src/testing/testing.go:1446 +0x10b\ncreated by testing.(*T).Run\n\t/usr/lib/go-1.19/src/testing/testing.go:1493 +0x35f\n";

const GO_A = 'func TestA(t *testing.T) {}\n';
const GO_AB = 'func TestA(t *testing.T) {}\nfunc TestB(t *testing.T) {}\n';

describe('Go test binary output', () => {
  it('gives each Test function a row: the failed assertion with its message and line, the panic with its line in the submission, the tests after it not run', () => {
    const rows = readGoTestOutput(run({ stdout: GO_STDOUT, stderr: GO_STDERR, ended: EXIT_2, script: GO_SCRIPT }))!;
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['TestAdd', 'failed'],
      ['TestNegative', 'failed'],
      ['TestSeven', 'error'],
      ['TestAfterThePanic', 'error'],
    ]);
    expect(rows[0]).toMatchObject({ kind: 'script', stdout: 'checking add\n', error: { line: 12, source: 'tests' } });
    expect(rows[0]!.error!.message).toMatch(/^solution_test\.go:12:\s*\n\s*Error Trace:[\s\S]*expected: 3[\s\S]*actual {2}: -1[\s\S]*add\(1, 2\)$/);
    expect(rows[1]!.error).toEqual({ message: 'solution_test.go:17: add(-1, 1) = -2', line: 17, source: 'tests' });
    expect(rows[2]!.error).toEqual({ message: 'panic: seven is not allowed', line: 5, source: 'code' });
    expect(rows[3]!.error!.message).toBe('Not run: the test binary stopped while TestSeven ran');
  });

  it('passes tests with their time and output, and reads a subtest into its parent', () => {
    const stdout = '=== RUN   TestA\nhello\n--- PASS: TestA (0.25s)\n=== RUN   TestB\n=== RUN   TestB/one\n    solution_test.go:9: wrong\n    --- FAIL: TestB/one (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\n';
    const rows = readGoTestOutput(run({ stdout, ended: { status: 'error', message: 'The program exited with code 1' }, script: GO_AB }))!;
    expect(rows).toEqual([
      { name: 'TestA', kind: 'script', status: 'ok', timeMs: 250, stdout: 'hello\n' },
      { name: 'TestB', kind: 'script', status: 'failed', timeMs: 0, error: { message: 'solution_test.go:9: wrong\n--- FAIL: TestB/one (0.00s)', line: 9, source: 'tests' } },
    ]);
  });

  it('fails a script that runs no test, and a binary that exits non-zero after its tests passed', () => {
    expect(readGoTestOutput(run({ stdout: 'testing: warning: no tests to run\nPASS\n' }))).toEqual([
      expect.objectContaining({ name: 'tests', status: 'failed', error: { message: expect.stringMatching(/No test ran/) } }),
    ]);
    const exited = readGoTestOutput(run({ stdout: '=== RUN   TestA\n--- PASS: TestA (0.00s)\nPASS\n', ended: { status: 'error', message: 'The program exited with code 3' }, script: GO_A }))!;
    expect(exited.map((r) => [r.name, r.status, r.error?.message])).toEqual([
      ['TestA', 'ok', undefined],
      ['tests', 'error', 'The program exited with code 3'],
    ]);
  });

  it('puts a deadline on the test that was running, and an exit in the middle of a test on that test', () => {
    const timeout = readGoTestOutput(run({ stdout: '=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestLoop\n', ended: { status: 'timeout', message: 'Time limit exceeded' }, script: 'func TestA(t *testing.T) {}\nfunc TestLoop(t *testing.T) {}\nfunc TestLast(t *testing.T) {}\n' }))!;
    expect(timeout.map((r) => [r.name, r.status])).toEqual([
      ['TestA', 'ok'],
      ['TestLoop', 'timeout'],
      ['TestLast', 'error'],
    ]);
    const exited = readGoTestOutput(run({ stdout: '=== RUN   TestA\n', script: GO_A }))!;
    expect(exited).toEqual([expect.objectContaining({ name: 'TestA', status: 'error', error: { message: 'The test binary exited while TestA ran' } })]);
  });

  it('leaves a binary that printed no test to the one-row report', () => {
    expect(readGoTestOutput(run({ stderr: 'fatal error: out of memory', ended: EXIT_2 }))).toBeUndefined();
  });

  it('finds the declared Test functions as go test does (TestX with X not lower case)', () => {
    expect(declaredGoTests(GO_SCRIPT)).toEqual(['TestAdd', 'TestNegative', 'TestSeven', 'TestAfterThePanic']);
  });
});

// Rust: the submission's 5 lines (4 and the blank line after), then the tests.
const RUST_CODE = 'fn add(a: i32, b: i32) -> i32 {\n    if a == 7 { panic!("seven is not allowed"); }\n    a - b\n}\n';
const RUST_SCRIPT = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {}\n    #[test]\n    #[should_panic]\n    fn adds_negative() {}\n    #[test]\n    fn sevens() {}\n}\n';
const RUST_163 = "\nrunning 3 tests\ntest tests::adds ... ok\ntest tests::adds_negative ... FAILED\ntest tests::sevens ... FAILED\n\nfailures:\n\n---- tests::adds_negative stdout ----\nchecking\nthread 'tests::adds_negative' panicked at 'assertion failed: `(left == right)`\n  left: `-1`,\n right: `3`: add(1, 2)', solution.rs:18:9\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n---- tests::sevens stdout ----\nthread 'tests::sevens' panicked at 'seven is not allowed', solution.rs:2:17\n\n\nfailures:\n    tests::adds_negative\n    tests::sevens\n\ntest result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s\n\n";
const RUST_LATER = "\nrunning 3 tests\ntest tests::adds ... ok\ntest tests::adds_negative ... FAILED\ntest tests::sevens ... FAILED\n\nfailures:\n\n---- tests::adds_negative stdout ----\nchecking\n\nthread 'tests::adds_negative' (31720) panicked at solution.rs:18:9:\nassertion `left == right` failed: add(1, 2)\n  left: -1\n right: 3\nstack backtrace:\n   0: __rustc::rust_begin_unwind\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5\n   1: core::panicking::panic_fmt\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:80:14\n   2: core::panicking::assert_failed_inner\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:434:23\n   3: core::panicking::assert_failed::<i32, i32>\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:394:5\n   4: t::tests::adds_negative\n   5: t::tests::adds_negative::{{closure}}\n   6: core::ops::function::FnOnce::call_once\n   7: <fn() -> core::result::Result<(), alloc::string::String> as core::ops::function::FnOnce<()>>::call_once\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5\nnote: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n\n---- tests::sevens stdout ----\n\nthread 'tests::sevens' (31739) panicked at solution.rs:2:17:\nseven is not allowed\nstack backtrace:\n   0: __rustc::rust_begin_unwind\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5\n   1: core::panicking::panic_fmt\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:80:14\n   2: t::add\n   3: t::tests::sevens\n   4: t::tests::sevens::{{closure}}\n   5: core::ops::function::FnOnce::call_once\n   6: <fn() -> core::result::Result<(), alloc::string::String> as core::ops::function::FnOnce<()>>::call_once\n             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5\nnote: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n\n\nfailures:\n    tests::adds_negative\n    tests::sevens\n\ntest result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.43s\n\n";

describe('Rust test binary output', () => {
  for (const [version, stdout] of [
    ['rustc 1.63', RUST_163],
    ['a later rustc', RUST_LATER],
  ] as const) {
    it(`gives each #[test] a row (${version}): an assertion in the tests fails with its message and line there, a panic in the submission is an error at its line`, () => {
      const rows = readRustTestOutput(run({ stdout, ended: EXIT_101, code: RUST_CODE, script: RUST_SCRIPT }))!;
      expect(rows.map((r) => [r.name, r.status])).toEqual([
        ['tests::adds', 'ok'],
        ['tests::adds_negative', 'failed'],
        ['tests::sevens', 'error'],
      ]);
      expect(rows[1]).toMatchObject({ stdout: 'checking\n', error: { line: 13, source: 'tests' } });
      // libtest gives no time per test: the rows say 0 rather than invent one.
      expect(rows.map((r) => r.timeMs)).toEqual([0, 0, 0]);
      // Both versions give the comparison, both values and the assertion's own message.
      for (const part of [/left == right/, /left: `?-1/, /right: `?3/, /add\(1, 2\)/]) expect(rows[1]!.error!.message).toMatch(part);
      expect(rows[1]!.error!.message).not.toMatch(/RUST_BACKTRACE|stack backtrace/);
      expect(rows[2]!.error).toEqual({ message: 'panicked: seven is not allowed', line: 2, source: 'code' });
    });
  }

  it('sorts the rows by name whatever order the threads finished in', () => {
    const stdout = 'running 2 tests\ntest tests::b ... ok\ntest tests::a ... ok\n\ntest result: ok. 2 passed; 0 failed\n';
    expect(readRustTestOutput(run({ stdout, script: '#[cfg(test)]\nmod tests {\n    #[test]\n    fn b() {}\n    #[test]\n    fn a() {}\n}\n' }))!.map((r) => r.name)).toEqual(['tests::a', 'tests::b']);
  });

  it('leaves the tests a dying binary had not reported as errors with how it ended', () => {
    const stdout = '\nrunning 3 tests\ntest tests::adds ... ok\n';
    const rows = readRustTestOutput(run({ stdout, stderr: "thread 'tests::sevens' has overflowed its stack", ended: { status: 'error', message: 'The program was killed by SIGABRT (abort)' }, code: RUST_CODE, script: RUST_SCRIPT }))!;
    expect(rows.map((r) => [r.name, r.status, r.error?.message])).toEqual([
      ['tests::adds', 'ok', undefined],
      ['tests::adds_negative', 'error', 'The program was killed by SIGABRT (abort)'],
      ['tests::sevens', 'error', 'The program was killed by SIGABRT (abort)'],
    ]);
    const late = readRustTestOutput(run({ stdout, ended: { status: 'timeout', message: 'Time limit exceeded' }, code: RUST_CODE, script: RUST_SCRIPT }))!;
    expect(late.map((r) => r.status)).toEqual(['ok', 'timeout', 'timeout']);
  });

  it('fails a script that runs no test, and a binary that exits non-zero after its tests passed', () => {
    expect(readRustTestOutput(run({ stdout: '\nrunning 0 tests\n\ntest result: ok. 0 passed\n' }))).toEqual([
      expect.objectContaining({ name: 'tests', status: 'failed', error: { message: expect.stringMatching(/No test ran/) } }),
    ]);
    const exited = readRustTestOutput(run({ stdout: 'running 1 test\ntest tests::adds ... ok\n', ended: { status: 'error', message: 'The program exited with code 3' }, script: '#[test]\nfn adds() {}\n' }))!;
    expect(exited.map((r) => [r.name, r.status])).toEqual([
      ['tests::adds', 'ok'],
      ['tests', 'error'],
    ]);
  });

  it('finds the declared #[test] functions under their module, attributes after #[test] included', () => {
    expect(declaredRustTests(RUST_SCRIPT)).toEqual(['tests::adds', 'tests::adds_negative', 'tests::sevens']);
    expect(declaredRustTests('#[test]\nfn top() {}\n')).toEqual(['top']);
  });
});

/*
 * The output is the submitter's and the readers run on the worker's event loop: the red team's
 * worst cases (3.37 MB of stdout is what the run stage lets through). The quadratic readers took
 * 9 s to hours on these; the bound below is generous so that a loaded machine does not fail it.
 */
describe('test binary output from a hostile program', () => {
  const MB = 1024 * 1024;
  const timed = <T>(read: () => T): { result: T; ms: number } => {
    const start = performance.now();
    const result = read();
    return { result, ms: performance.now() - start };
  };
  const repeat = (make: (index: number) => string, bytes: number): string => {
    const parts: string[] = [];
    let size = 0;
    for (let index = 0; size < bytes; index += 1) {
      const part = make(index);
      parts.push(part);
      size += part.length;
    }
    return parts.join('');
  };

  it('Go: reads 3 MB of RUN and PASS lines for thousands of names quickly, into rows for the declared tests only', () => {
    const stdout = '=== RUN   TestAdd\n' + repeat((i) => `=== RUN   X${i}\n`, 1.5 * MB) + repeat(() => 'PASS\n', 1.5 * MB);
    const { result, ms } = timed(() => readGoTestOutput(run({ stdout, ended: EXIT_2, script: 'func TestAdd(t *testing.T) {}\n' }))!);
    expect(ms).toBeLessThan(2000);
    expect(result.map((r) => [r.name, r.status])).toEqual([['TestAdd', 'error']]);
    // Exited 0 with its results past the part read: not judged, rather than passed or crashed.
    const quiet = readGoTestOutput(run({ stdout: `${stdout}--- PASS: TestAdd (0.00s)\nPASS\n`, script: 'func TestAdd(t *testing.T) {}\nfunc TestB(t *testing.T) {}\n' }))!;
    expect(quiet.map((r) => [r.name, r.status, r.error?.message])).toEqual([
      ['TestAdd', 'error', 'Not judged: the test binary printed more than 256 KiB before this test reported'],
      ['TestB', 'error', 'Not judged: the test binary printed more than 256 KiB before this test reported'],
    ]);
  });

  it('Go: many unfinished names and a long culprit name make neither rows nor long messages', () => {
    const stdout = '=== RUN   TestAdd\n' + repeat((i) => `=== RUN   ${i.toString(16)}\n`, 3 * MB) + `=== RUN   ${'C'.repeat(1990)}\n`;
    const script = 'func TestAdd(t *testing.T) {}\nfunc TestLater(t *testing.T) {}\n';
    const { result, ms } = timed(() => readGoTestOutput(run({ stdout, ended: { status: 'error', message: 'The program exited with code 1' }, script }))!);
    expect(ms).toBeLessThan(2000);
    expect(result.map((r) => [r.name, r.status, r.error?.message])).toEqual([
      ['TestAdd', 'error', 'The program exited with code 1'],
      ['TestLater', 'error', 'Not run: the test binary stopped while TestAdd ran'],
    ]);
  });

  it('Go: gives at most 200 rows however many tests the script declares', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `TestN${i}`);
    const script = names.map((name) => `func ${name}(t *testing.T) {}\n`).join('');
    const stdout = names.map((name) => `=== RUN   ${name}\n--- PASS: ${name} (0.00s)\n`).join('') + 'PASS\n';
    const rows = readGoTestOutput(run({ stdout, script }))!;
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.status === 'ok')).toBe(true);
  });

  it('Go: a PASS printed after a real FAIL keeps the test failed, invented names make no row, a declared test never reported is an error', () => {
    const stdout = '=== RUN   TestA\n    solution_test.go:4: wrong\n--- FAIL: TestA (0.00s)\n--- PASS: TestA (0.00s)\n=== RUN   TestInvented\n--- PASS: TestInvented (0.00s)\nPASS\n';
    const rows = readGoTestOutput(run({ stdout, script: GO_AB }))!;
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['TestA', 'failed'],
      ['TestB', 'error'],
    ]);
    expect(rows[1]!.error!.message).toBe('Not run: the test binary never reported this test');
  });

  it('Rust: reads 1 MB of unterminated panic lines (either version) in a failed test quickly', () => {
    for (const unterminated of ["thread 'a' panicked at 'x\n", "thread 'a\n"]) {
      const stdout = 'running 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n' + repeat(() => unterminated, 1 * MB);
      const { result, ms } = timed(() => readRustTestOutput(run({ stdout, ended: EXIT_101, script: '#[test]\nfn t() {}\n' }))!);
      expect(ms).toBeLessThan(2000);
      expect(result.map((r) => [r.name, r.status])).toEqual([['t', 'failed']]);
      expect(result[0]!.error!.message.length).toBeLessThanOrEqual(2000);
    }
  });

  it('Rust: reads 3 MB of result lines for invented names quickly, into rows for the declared tests only', () => {
    const stdout = 'running 1 test\n' + repeat((i) => `test x${i} ... ok\n`, 3 * MB) + 'test tests::adds ... ok\n';
    const { result, ms } = timed(() => readRustTestOutput(run({ stdout, script: RUST_SCRIPT }))!);
    expect(ms).toBeLessThan(2000);
    // The real result lies past the part read: the declared tests are reported as never run.
    expect(result.map((r) => [r.name, r.status])).toEqual([
      ['tests::adds', 'error'],
      ['tests::adds_negative', 'error'],
      ['tests::sevens', 'error'],
    ]);
    expect(result[0]!.error!.message).toBe('Not judged: the test binary printed more than 256 KiB before this test reported');
  });

  it('Rust: an ok printed beside a real FAILED keeps the test failed, invented names make no row, a declared test never reported is an error', () => {
    const stdout = 'running 3 tests\ntest tests::adds ... ok\ntest tests::adds_negative ... ok\ntest tests::adds_negative ... FAILED\ntest tests::adds_negative ... ok\ntest tests::invented ... ok\n\ntest result: ok.\n';
    const rows = readRustTestOutput(run({ stdout, script: RUST_SCRIPT }))!;
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['tests::adds', 'ok'],
      ['tests::adds_negative', 'failed'],
      ['tests::sevens', 'error'],
    ]);
  });

  it('Rust: two declared tests of one name in different modules share a row, which fails if either fails', () => {
    const script = 'mod a {\n    #[test]\n    fn same() {}\n}\nmod b {\n    #[test]\n    fn same() {}\n}\n';
    const stdout = 'running 2 tests\ntest a::same ... ok\ntest b::same ... FAILED\n\ntest result: FAILED.\n';
    expect(readRustTestOutput(run({ stdout, ended: EXIT_101, script }))!.map((r) => [r.name, r.status])).toEqual([['b::same', 'failed']]);
  });

  it('finds the declared tests of a 64 KiB script of #[test] attributes quickly, pub fn tests included', () => {
    const { ms } = timed(() => declaredRustTests('#[test]'.repeat(9000) + '#['));
    expect(ms).toBeLessThan(2000);
    expect(declaredRustTests('mod tests {\n    #[test]\n    pub fn shared() {}\n}\n')).toEqual(['tests::shared']);
  });
});
