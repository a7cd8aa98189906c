/**
 * Python script tests are decided by a replay run that holds no user code (judge-core/run-job.ts,
 * REPLAYED_SCRIPT_LANGUAGES). Each forgery below made a wrong solution pass when the tests ran in
 * the submission's process (shown first, through the harness in its old `inline` mode), and
 * fails through runJob. Runs the harness as a host process (test/support/host-sandbox.ts).
 */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SubmissionResultSchema, type SubmissionResult } from '../../protocol/index.js';
import type { JudgeJob } from '../../judge-core/job.js';
import { runJob } from '../../judge-core/run-job.js';
import { FAST_LIMITS, runHarness } from '../support/harness-runner.js';
import { HostSandbox } from '../support/host-sandbox.js';
import { LIMITS } from '../support/two-sum-job.js';

async function judgeScript(code: string, script: string): Promise<{ result: SubmissionResult; sandbox: HostSandbox }> {
  const job: JudgeJob = { id: 'script-job', language: 'python', code, cases: [], script, submittedAt: Date.now() };
  const sandbox = new HostSandbox();
  const { result } = await runJob(job, sandbox, LIMITS);
  expect(Value.Check(SubmissionResultSchema, result)).toBe(true);
  expect(result.verdict).not.toBe('internal_error');
  return { result, sandbox };
}

const TESTS = 'test("adds", lambda: None)\n@test("sum")\ndef _():\n    assert add(1, 2) == 3\n@test("sum again")\ndef _():\n    assert add(2, 2) == 4\n';

const FORGERIES: { name: string; code: string }[] = [
  {
    name: 'an __eq__ that always agrees',
    code: 'class Yes:\n    def __eq__(self, other):\n        return True\ndef add(a, b):\n    return Yes()\n',
  },
  {
    name: "patching the harness's classes so every result reads ok",
    code: [
      'import sys',
      'h = sys.modules["__main__"]',
      '_add = h.Harness.add',
      'def add_ok(self, result):',
      '    result["status"] = "ok"',
      '    result.pop("error", None)',
      '    return _add(self, result)',
      'h.Harness.add = add_ok',
      'def add(a, b):',
      '    return 0',
    ].join('\n'),
  },
  {
    name: "setting the harness's test limit to zero, so no test registers and the empty top level passes",
    code: 'import sys\nsys.modules["__main__"].MAX_TESTS = 0\ndef add(a, b):\n    return 0\n',
  },
  {
    name: 'forging a frame with the key found by walking frames',
    code: [
      'import base64, json, os, sys',
      'def add(a, b):',
      '    frame = sys._getframe()',
      '    while frame is not None:',
      '        h = frame.f_locals.get("self")',
      '        if type(h).__name__ == "Harness":',
      '            tests = [{"name": n, "kind": "script", "status": "ok", "timeMs": 0} for n in ("adds", "sum", "sum again")]',
      '            body = base64.b64encode(json.dumps({"tests": tests, "stdout": "", "outputLimitExceeded": False, "scriptCalls": [], "scriptNames": []}).encode()).decode()',
      '            os.write(h.frame_fd, ("\\n@@pairjudge-report:" + h.nonce + " " + body + "\\n").encode())',
      '            os._exit(0)',
      '        frame = frame.f_back',
      '    return 0',
    ].join('\n'),
  },
];

/** A wrong solution that also defines a function named like a built-in the tests call. */
const BUILTIN_SHADOWS: { name: string; code: string; script: string }[] = [
  {
    name: 'abs',
    code: 'def mean(xs):\n    return 12345.0\ndef abs(x):\n    return 0\n',
    script: '@test("mean")\ndef _():\n    assert abs(mean([1, 2, 3, 4]) - 2.5) < 1e-9\n',
  },
  {
    name: 'all',
    code: 'def two_sum(n, t):\n    return [0, 0]\ndef all(xs):\n    return True\n',
    script: 'CASES = [(([2, 7, 11, 15], 9), [0, 1]), (([3, 2, 4], 6), [1, 2])]\n@test("pairs")\ndef _():\n    assert all([sorted(two_sum(*a)) == e for a, e in CASES])\n',
  },
];

describe('python script tests decided without user code', () => {
  for (const forgery of FORGERIES) {
    it(`does not pass a wrong solution by ${forgery.name}`, async () => {
      // In the submission's own process (the old design) the forgery passes every test...
      const inline = await runHarness('python', { code: forgery.code, script: TESTS, limits: FAST_LIMITS });
      const forged = inline.report?.tests ?? [];
      expect(forged.length > 0 && forged.every((t) => t.status === 'ok')).toBe(true);
      // ...through the judge it fails.
      const { result, sandbox } = await judgeScript(forgery.code, TESTS);
      expect(result.verdict, JSON.stringify(result)).not.toBe('accepted');
      expect(sandbox.inputs.map((input) => input.scriptMode)).toEqual(['record', 'replay']);
      // The replay run never holds the submission's code.
      expect(sandbox.inputs[1]?.code).toBe('');
    }, 30_000);
  }

  it('accepts a right solution, with tuples, sets and errors crossing as they are', async () => {
    const code = 'def add(a, b):\n    return a + b\ndef pair():\n    return (1, 2)\ndef members():\n    return {3, 1}\ndef fail(x):\n    raise ValueError("bad " + str(x))\n';
    const script = [
      '@test("sum")',
      'def _():',
      '    assert add(1, 2) == 3',
      '    assert add([1], [2]) == [1, 2]',
      '@test("shapes")',
      'def _():',
      '    assert pair() == (1, 2)',
      '    assert members() == {1, 3}',
      '@test("errors")',
      'def _():',
      '    try:',
      '        fail(4)',
      '    except ValueError as e:',
      '        assert str(e) == "bad 4"',
      '    else:',
      '        assert False',
      '@test("random inputs")',
      'def _():',
      '    import random',
      '    x = random.randint(1, 100)',
      '    assert add(x, 1) == x + 1',
    ].join('\n');
    const { result } = await judgeScript(code, script);
    expect(result.verdict, JSON.stringify(result)).toBe('accepted');
    expect(result.tests.map((t) => [t.name, t.passed])).toEqual([
      ['sum', true],
      ['shapes', true],
      ['errors', true],
      ['random inputs', true],
    ]);
  }, 30_000);

  it('counts a HumanEval-style check(candidate) script, and shows each test its own output', async () => {
    const code = 'def inc(x):\n    print("inc", x)\n    return x + 1\n';
    const pass = await judgeScript(code, 'def check(candidate):\n    assert candidate(1) == 2\ncheck(inc)\n');
    expect(pass.result.verdict).toBe('accepted');
    const fail = await judgeScript(code, '@test("one")\ndef _():\n    print("checking")\n    assert inc(1) == 3\n');
    expect(fail.result.verdict).toBe('wrong_answer');
    expect(fail.result.tests[0]).toMatchObject({ name: 'one', passed: false, line: 4 });
    expect(fail.result.tests[0]?.stdout).toContain('checking');
    expect(fail.result.stdout).toContain('inc 1');
  }, 30_000);

  for (const shadow of BUILTIN_SHADOWS) {
    it(`does not let a submission's own ${shadow.name}() stand in for the built-in the tests call`, async () => {
      const { result } = await judgeScript(shadow.code, shadow.script);
      expect(result.verdict, JSON.stringify(result)).not.toBe('accepted');
    }, 30_000);
  }

  it('fails a script that tests nothing', async () => {
    const { result } = await judgeScript('def add(a, b):\n    return a + b\n', 'x = 1\n');
    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests[0]?.error).toMatch(/ran no test/);
  }, 30_000);

  it('reports a timeout and an error of the submission inside a test', async () => {
    const code = 'def spin():\n    while True:\n        pass\ndef boom():\n    raise KeyError("k")\n';
    const slow = await judgeScript(code, '@test("spins")\ndef _():\n    spin()\n');
    expect(slow.result.verdict).toBe('time_limit_exceeded');
    const crash = await judgeScript(code, '@test("booms")\ndef _():\n    boom()\n');
    expect(crash.result.verdict).toBe('runtime_error');
    expect(crash.result.tests[0]?.error).toMatch(/KeyError/);
  }, 30_000);
});

describe('python script tests when the code does not load', () => {
  it("reports the code's own error, not a name the replay cannot find", async () => {
    const { result, sandbox } = await judgeScript('def add(a, b):\n    return a + b\nraise ValueError("broken at load")\n', 'assert add(1, 2) == 3\n');
    expect(result.verdict).toBe('runtime_error');
    expect(result.tests[0]?.error).toMatch(/ValueError: broken at load/);
    expect(sandbox.inputs).toHaveLength(1);
  }, 30_000);
});
