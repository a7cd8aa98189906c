/**
 * Go and Rust as whole programs through the real Docker sandbox (judge-core/program-run.ts): script
 * tests in each language's own idiom (Go: `go test -c` of `func TestX(t *testing.T)` with testify;
 * Rust: `rustc --test` of a `#[cfg(test)]` module), each test function its own row, read from the
 * test binary's output; and stdin/stdout cases, one fresh run container per case. Needs the go and
 * rust family images (`npm run build:sandbox`; SANDBOX_IMAGE picks the tag).
 *
 * Few round trips: a Rust build takes seconds, so each job carries several rows at once (a passing
 * test, a failed assertion and a panic in one binary).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageId } from '../../protocol/index.js';
import { CompileCache } from '../../judge-core/compile-cache.js';
import type { JobCase, JudgeJob } from '../../judge-core/job.js';
import { DEFAULT_COMPILE_LIMITS } from '../../judge-core/languages.js';
import { runJob, type RunLimits } from '../../judge-core/run-job.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const sandbox = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
const gate = concurrencyGate(2);
const LIMITS: RunLimits = { ...VERDICT_TABLE_LIMITS, wallTimeMs: 10_000 };
// go test -c and rustc take seconds, more on a loaded two-core machine: no row here is about the
// compile deadline.
const COMPILE_LIMITS = { ...DEFAULT_COMPILE_LIMITS, wallTimeMs: 120_000 };

beforeAll(async () => {
  await sandbox.ready();
});
afterAll(async () => {
  await sandbox.close();
});

function judge(language: LanguageId, code: string, tests: { cases?: JobCase[]; script?: string }) {
  const job: JudgeJob = {
    id: `go-rust-${language}-${Math.random().toString(36).slice(2, 8)}`,
    language,
    code,
    cases: tests.cases ?? [],
    ...(tests.script !== undefined ? { script: tests.script } : {}),
    submittedAt: Date.now(),
  };
  return gate(async () => (await runJob(job, sandbox, LIMITS, { compileCache: new CompileCache(), compileLimits: COMPILE_LIMITS })).result);
}

const CASES: JobCase[] = [
  { name: 'three', input: '3\n1 2 3\n', expectedOutput: '6\n', hidden: false },
  { name: 'secret', input: '2\n-7 9876543\n', expectedOutput: '9876536', hidden: true },
];

describe('Go: testing with testify, and package main programs', () => {
  const CODE = 'package main\n\nfunc add(a, b int) int {\n\tif a == 7 {\n\t\tpanic("seven is not allowed")\n\t}\n\treturn a + b\n}\n';
  const TESTS = [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"testing"',
    '',
    '\t"github.com/stretchr/testify/assert"',
    ')',
    '',
    'func TestAdd(t *testing.T) {',
    '\tfmt.Println("checking add")',
    '\tassert.Equal(t, 3, add(1, 2), "add(1, 2)")',
    '}',
    '',
    'func TestNegative(t *testing.T) {',
    '\tif add(-1, 1) != 0 {',
    '\t\tt.Errorf("add(-1, 1) = %d", add(-1, 1))',
    '\t}',
    '}',
    '',
    'func TestSeven(t *testing.T) {',
    '\tassert.Equal(t, 8, add(7, 1))',
    '}',
    '',
    'func TestAfterThePanic(t *testing.T) {}',
    '',
  ].join('\n');
  const SUM = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar n, s, x int\n\tfmt.Scan(&n)\n\tfor i := 0; i < n; i++ {\n\t\tfmt.Scan(&x)\n\t\ts += x\n\t}\n\tfmt.Println(s)\n}\n';

  it('judges script tests (one row per Test function: pass, failed assertion with its message and line, panic) and a compile error with its line', async () => {
    const [passing, failing, broken] = await Promise.all([
      // Passing, with one more test: the run stage's wall holds in a test binary (no new process).
      judge('go', CODE, {
        script:
          TESTS.replace('func TestSeven(t *testing.T) {\n\tassert.Equal(t, 8, add(7, 1))\n}\n', '').replace('\t"fmt"\n', '\t"fmt"\n\t"os/exec"\n') +
          '\nfunc TestNoNewProcess(t *testing.T) {\n\tassert.Error(t, exec.Command("/bin/true").Run())\n}\n',
      }),
      judge('go', CODE.replace('return a + b', 'return a - b'), { script: TESTS }),
      judge('go', 'package main\n\nfunc add(a, b int) int {\n\treturn a + undeclared\n}\n', { script: TESTS }),
    ]);
    expect(passing.verdict, JSON.stringify(passing)).toBe('accepted');
    expect(passing.tests.map((t) => [t.name, t.passed])).toEqual([
      ['TestAdd', true],
      ['TestNegative', true],
      ['TestAfterThePanic', true],
      ['TestNoNewProcess', true],
    ]);
    expect(passing.tests[0]?.stdout).toBe('checking add\n');

    expect(failing.tests.map((t) => [t.name, t.passed])).toEqual([
      ['TestAdd', false],
      ['TestNegative', false],
      ['TestSeven', false],
      ['TestAfterThePanic', false],
    ]);
    // testify's message: what was expected, what came, and where in the tests.
    expect(failing.tests[0]).toMatchObject({ line: 12, error: expect.stringMatching(/Not equal:[\s\S]*expected: 3[\s\S]*actual\s*: -1[\s\S]*add\(1, 2\)/) });
    expect(failing.tests[1]).toMatchObject({ line: 17, error: expect.stringMatching(/add\(-1, 1\) = -2/) });
    // The panic: its message and the line in the submission where it happened.
    expect(failing.tests[2]).toMatchObject({ line: 5, error: expect.stringMatching(/^panic: seven is not allowed/) });
    expect(failing.tests[3]?.error).toMatch(/Not run: .*TestSeven/);
    expect(failing.verdict).toBe('wrong_answer');

    expect(broken.verdict).toBe('compile_error');
    expect(broken.error).toMatchObject({ line: 4, message: expect.stringMatching(/undefined: undeclared/) });
  }, 300_000);

  it('accepts a program that prints the sums and rejects one that prints something else', async () => {
    const [right, wrong] = await Promise.all([judge('go', SUM, { cases: CASES }), judge('go', SUM.replace('s += x', 's -= x'), { cases: CASES })]);
    expect(right.verdict, JSON.stringify(right)).toBe('accepted');
    expect(right.tests[0]).toMatchObject({ name: 'three', passed: true, actual: '6\n' });
    expect(right.tests[1]).toEqual({ name: 'secret', hidden: true, passed: true });
    expect(wrong.verdict).toBe('wrong_answer');
    expect(wrong.tests[0]).toMatchObject({ passed: false, expected: '6\n', actual: '-6\n' });
  }, 300_000);
});

describe('Rust: #[test] functions in a #[cfg(test)] module, and fn main programs', () => {
  const CODE = 'fn add(a: i32, b: i32) -> i32 {\n    if a == 7 {\n        panic!("seven is not allowed");\n    }\n    a + b\n}\n';
  const TESTS = [
    '#[cfg(test)]',
    'mod tests {',
    '    use super::*;',
    '',
    '    #[test]',
    '    fn adds() {',
    '        println!("checking add");',
    '        assert_eq!(add(1, 2), 3, "add(1, 2)");',
    '    }',
    '',
    '    #[test]',
    '    fn adds_negative() {',
    '        assert!(add(-1, 1) == 0);',
    '    }',
    '',
    '    #[test]',
    '    fn sevens() {',
    '        assert_eq!(add(7, 1), 8);',
    '    }',
    '}',
    '',
  ].join('\n');
  const SUM = 'use std::io::Read;\n\nfn main() {\n    let mut input = String::new();\n    std::io::stdin().read_to_string(&mut input).unwrap();\n    let mut it = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());\n    let n = it.next().unwrap() as usize;\n    let s: i64 = it.take(n).sum();\n    println!("{}", s);\n}\n';

  it('judges script tests (one row per #[test]: pass, failed assertion with its message and line, panic in the code) and a compile error with its line', async () => {
    const [passing, failing, broken] = await Promise.all([
      // Passing, with one more test: the run stage's wall holds in a test binary (no new process).
      judge('rust', CODE, {
        script: TESTS.replace('assert_eq!(add(7, 1), 8);', 'assert_eq!(add(6, 1), 7);').replace(
          '    #[test]\n    fn sevens',
          '    #[test]\n    fn no_new_process() {\n        assert!(std::process::Command::new("/bin/true").status().is_err());\n    }\n\n    #[test]\n    fn sevens',
        ),
      }),
      judge('rust', CODE.replace('a + b', 'a - b'), { script: TESTS }),
      judge('rust', 'fn add(a: i32, b: i32) -> i32 {\n    a + undeclared\n}\n', { script: TESTS }),
    ]);
    expect(passing.verdict, JSON.stringify(passing)).toBe('accepted');
    expect(passing.tests.map((t) => [t.name, t.passed])).toEqual([
      ['tests::adds', true],
      ['tests::adds_negative', true],
      ['tests::no_new_process', true],
      ['tests::sevens', true],
    ]);

    const byName = new Map(failing.tests.map((t) => [t.name, t]));
    expect(failing.tests).toHaveLength(3);
    // assert_eq!'s message with both values, its line in the tests, what the test printed.
    expect(byName.get('tests::adds')).toMatchObject({ passed: false, line: 8, stdout: 'checking add\n', error: expect.stringMatching(/left == right[\s\S]*-1[\s\S]*3[\s\S]*add\(1, 2\)/) });
    expect(byName.get('tests::adds_negative')).toMatchObject({ passed: false, line: 13, error: expect.stringMatching(/assertion failed: add\(-1, 1\) == 0/) });
    // A panic in the submission is an error at its line there.
    expect(byName.get('tests::sevens')).toMatchObject({ passed: false, line: 3, error: expect.stringMatching(/seven is not allowed/) });
    expect(failing.verdict).toBe('wrong_answer');

    expect(broken.verdict).toBe('compile_error');
    expect(broken.error).toMatchObject({ line: 2, message: expect.stringMatching(/undeclared/) });
  }, 300_000);

  it('accepts a program that prints the sums and rejects one that prints something else', async () => {
    const [right, wrong] = await Promise.all([judge('rust', SUM, { cases: CASES }), judge('rust', SUM.replace('let s: i64 = it.take(n).sum();', 'let s: i64 = -it.take(n).sum::<i64>();'), { cases: CASES })]);
    expect(right.verdict, JSON.stringify(right)).toBe('accepted');
    expect(right.tests[0]).toMatchObject({ name: 'three', passed: true, actual: '6\n' });
    expect(wrong.verdict).toBe('wrong_answer');
    expect(wrong.tests[0]).toMatchObject({ passed: false, expected: '6\n', actual: '-6\n' });
  }, 300_000);
});
