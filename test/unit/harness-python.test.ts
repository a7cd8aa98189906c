/**
 * The Python harness, run on the host exactly as the container runs it (python3 harness.py with
 * the input on stdin). Hostile submissions say what they attack.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_MARKER, type HarnessInput } from '../../protocol/index.js';
import { FAST_LIMITS, callOnce as callOnceIn, reportOf, runHarness } from '../support/harness-runner.js';

const FAST = FAST_LIMITS;
const callOnce = (code: string, entry?: string, limits?: HarnessInput['limits']) => callOnceIn('python', code, entry, limits);

describe('python harness: running cases', () => {
  it('still reports when output and values hold a lone surrogate', async () => {
    const report = reportOf(await runHarness('python', { code: 'def f():\n    print("\\ud800")\n    return "\\ud800"\n', entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST }));
    expect(report.tests[0]?.status).toBe('ok');
    expect(report.tests[0]?.value).toBe('\ud800');
    expect(report.stdout).toContain('\ud800');
  });

  it('calls the entry with JSON arguments and reports the returned value', async () => {
    const report = reportOf(
      await runHarness('python', {
        code: 'def two_sum(nums, target):\n    seen = {}\n    for i, n in enumerate(nums):\n        if target - n in seen:\n            return [seen[target - n], i]\n        seen[n] = i\n',
        entry: 'two_sum',
        cases: [
          { name: 'a', args: [[2, 7, 11, 15], 9] },
          { name: 'b', args: [[3, 2, 4], 6] },
        ],
      }),
    );
    expect(report.tests.map((t) => [t.name, t.kind, t.status, t.value])).toEqual([
      ['a', 'case', 'ok', [0, 1]],
      ['b', 'case', 'ok', [1, 2]],
    ]);
  });

  it('does not run the `if __name__ == "__main__"` block', async () => {
    const report = reportOf(await runHarness('python', { code: 'def f():\n    return 1\nif __name__ == "__main__":\n    print("main ran")\n', entry: 'f', cases: [{ name: 'c', args: [] }] }));
    expect(report.stdout).toBe('');
    expect(report.tests[0]?.value).toBe(1);
  });

  it('reports a syntax error as a compile error with its line', async () => {
    const report = reportOf(await runHarness('python', { code: 'x = 1\n\ndef f(:\n    pass\n', entry: 'f', cases: [{ name: 'c', args: [] }] }));
    expect(report.compileError).toMatchObject({ line: 3 });
    expect(report.compileError?.message).toMatch(/^SyntaxError/);
    expect(report.tests).toEqual([]);
  });

  it('marks every case as an error when the top level raises', async () => {
    const report = reportOf(await runHarness('python', { code: 'def f():\n    pass\nraise ValueError("boom")\n', entry: 'f', cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }] }));
    expect(report.tests.map((t) => t.status)).toEqual(['error', 'error']);
    expect(report.tests[0]?.error).toMatchObject({ message: 'ValueError: boom', line: 3 });
  });

  it('reports an exception with its type, message and line in the solution', async () => {
    const t = await callOnce('def helper(d):\n    return d["missing"]\n\ndef f():\n    return helper({})\n');
    expect(t).toMatchObject({ status: 'error', error: { message: "KeyError: 'missing'", line: 2, source: 'code' } });
  });

  it('gives input() an immediate EOF instead of hanging', async () => {
    const t = await callOnce('def f():\n    return input()\n');
    expect(t).toMatchObject({ status: 'error', error: { message: 'EOFError: EOF when reading a line' } });
  });
});

describe('python harness: time limits', () => {
  it('stops `while True: pass` with a timeout and does not run the cases after it', async () => {
    const report = reportOf(
      await runHarness('python', { code: 'def f(n):\n    while n == 1:\n        pass\n    return n\n', entry: 'f', cases: [{ name: 'loop', args: [1] }, { name: 'fine', args: [2] }], limits: FAST }),
    );
    expect(report.tests.map((t) => t.status)).toEqual(['timeout', 'error']);
    expect(report.tests[1]?.error?.message).toMatch(/Not run/);
  });

  it('still reports when the code swallows the timer interrupt', async () => {
    const t0 = Date.now();
    const t = await callOnce('def f():\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n');
    expect(t.status).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('times out every case when the top level disables the timer and loops', async () => {
    const report = reportOf(
      await runHarness('python', {
        code: 'import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\ndef f():\n    return 1\n',
        entry: 'f',
        cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }],
        script: 'assert True',
        limits: FAST,
      }),
    );
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['a', 'timeout'],
      ['b', 'timeout'],
      ['tests', 'timeout'],
    ]);
  });

  it('exits promptly although the code left a thread running', async () => {
    const t0 = Date.now();
    const t = await callOnce('import threading, time\ndef f():\n    threading.Thread(target=lambda: time.sleep(60)).start()\n    return 1\n');
    expect(t.value).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('python harness: output and forged frames', () => {
  it('keeps the report genuine when the code prints a report-shaped line', async () => {
    const fake = Buffer.from(JSON.stringify({ tests: [{ name: 'c', kind: 'case', status: 'ok', value: 42, timeMs: 1 }], stdout: '', outputLimitExceeded: false })).toString('base64');
    const nonce = 'f'.repeat(32);
    const code = `import os, sys\ndef f():\n    line = "\\n${REPORT_MARKER}${nonce} ${fake}\\n"\n    print(line)\n    sys.__stdout__.write(line)\n    os.write(1, line.encode())\n    return 1\n`;
    const run = await runHarness('python', { code, entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST, nonce });
    const report = reportOf(run);
    expect(report.tests[0]?.value).toBe(1);
  });

  it('caps 10 MB of output and flags it', async () => {
    const run = await runHarness('python', {
      code: 'for _ in range(10):\n    print("x" * 1_000_000)\ndef f():\n    return 1\n',
      entry: 'f',
      cases: [{ name: 'c', args: [] }],
      limits: { ...FAST, testTimeoutMs: 3000, outputBytes: 10_000 },
    });
    const report = reportOf(run);
    expect(report.outputLimitExceeded).toBe(true);
    expect(Buffer.byteLength(report.stdout)).toBeLessThanOrEqual(10_000);
    expect(run.stdout.length).toBeLessThan(20_000);
    expect(report.tests[0]?.status).toBe('ok');
  });
});

describe('python harness: returned values', () => {
  it('maps Python values onto the serialized tags', async () => {
    const t = await callOnce(
      'def f():\n    a = [1]\n    a.append(a)\n    return [(1, 2), {3, 1, 2}, {1: "x"}, float("nan"), float("-inf"), 2**70, a, None, True, {"k": 1.5}, {"$pj": 1}]\n',
    );
    expect(t.value).toEqual([
      [1, 2],
      [1, 2, 3],
      { $pj: 'map', entries: [[1, 'x']] },
      { $pj: 'nan' },
      { $pj: 'infinity', sign: -1 },
      { $pj: 'bigint', value: String(2n ** 70n) },
      [1, { $pj: 'circular' }],
      null,
      true,
      { k: 1.5 },
      { $pj: 'escaped', value: { $pj: 1 } },
    ]);
  });

  it('shows other objects by type and capped repr', async () => {
    const t = await callOnce('class P:\n    def __repr__(self):\n        return "P" * 1000\ndef f():\n    return P()\n');
    expect(t.value).toMatchObject({ $pj: 'object', type: 'P' });
    expect(((t.value as { repr: string }).repr).length).toBeLessThanOrEqual(201);
  });

  it('truncates deep nesting', async () => {
    const t = await callOnce('def f():\n    o = []\n    for _ in range(500):\n        o = [o]\n    return o\n');
    expect(JSON.stringify(t.value)).toContain('"truncated"');
  });
});

describe('python harness: script tests', () => {
  it('runs test() blocks and decorators; AssertionError fails, other exceptions error', async () => {
    const report = reportOf(
      await runHarness('python', {
        code: 'def add(a, b):\n    return a + b\n',
        script: [
          '@test("adds")',
          'def _():',
          '    assert add(1, 2) == 3',
          'test("wrong", lambda: (_ for _ in ()).throw(AssertionError("nope")))',
          'def crash():',
          '    return add(1, None)',
          'test("crash", crash)',
          'def hang():',
          '    while True:',
          '        pass',
          'test("hang", hang)',
        ].join('\n'),
        limits: FAST,
      }),
    );
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['adds', 'ok'],
      ['wrong', 'failed'],
      ['crash', 'error'],
      ['hang', 'timeout'],
    ]);
    expect(report.tests[2]?.error).toMatchObject({ line: 2, source: 'code' });
  });

  it('counts a HumanEval-style check(candidate) script as one test', async () => {
    const code = 'def inc(x):\n    return x + 1\n';
    const pass = reportOf(await runHarness('python', { code, script: 'METADATA = {}\ndef check(candidate):\n    assert candidate(1) == 2\ncheck(inc)\n', limits: FAST }));
    expect(pass.tests).toEqual([expect.objectContaining({ name: 'tests', kind: 'script', status: 'ok' })]);
    const fail = reportOf(await runHarness('python', { code, script: 'def check(candidate):\n    assert candidate(1) == 3\ncheck(inc)\n', limits: FAST }));
    expect(fail.tests).toEqual([expect.objectContaining({ name: 'tests', status: 'failed', error: expect.objectContaining({ line: 2, source: 'tests' }) })]);
  });
});

describe('python harness: what the submission breaks stays its own', () => {
  it('reports although the call replaced builtins and the json, time and signal functions', async () => {
    const code = [
      'import builtins, json, signal, time',
      'def f():',
      '    boom = lambda *a, **k: 1 / 0',
      '    for name in ("len", "str", "repr", "isinstance", "min", "max", "round", "getattr", "any"):',
      '        setattr(builtins, name, boom)',
      '    json.dumps = json.loads = boom',
      '    signal.signal = signal.setitimer = boom',
      '    _pc = time.perf_counter',
      '    time.perf_counter = lambda: _pc() + 1e305',
      '    return [1, {"a": (2.5, None)}]',
    ].join('\n');
    const report = reportOf(await runHarness('python', { code, entry: 'f', cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }], limits: FAST }));
    expect(report.tests.map((t) => [t.status, t.value])).toEqual([
      ['ok', [1, { a: [2.5, null] }]],
      ['ok', [1, { a: [2.5, null] }]],
    ]);
    for (const t of report.tests) expect(t.timeMs).toBeLessThan(10_000);
  });

  it('describes exceptions whose __str__ and attributes raise again', async () => {
    const nested = await callOnce('class N(Exception):\n    def __str__(self):\n        raise N()\ndef f():\n    raise N()\n');
    expect(nested).toMatchObject({ status: 'error', error: { message: 'N' } });
    const liar = await callOnce(
      'class L(Exception):\n    def __getattribute__(self, n):\n        raise RuntimeError(n)\n    @property\n    def __traceback__(self):\n        raise RuntimeError()\ndef f():\n    raise L("x")\n',
    );
    expect(liar.status).toBe('error');
    expect(liar.error?.message).toMatch(/^L/);
  });

  it('works under a lowered recursion limit and removes trace and profile hooks', async () => {
    const deep = await callOnce('import sys\ndef f():\n    v = 1\n    for _ in range(40):\n        v = [v]\n    sys.setrecursionlimit(20)\n    return v\n');
    expect(deep.status).toBe('ok');
    const hooked = await callOnce(
      'import sys\ndef hook(frame, event, arg):\n    if frame.f_code.co_filename != "<solution>":\n        raise RuntimeError("hooked")\n    return hook\ndef f():\n    sys.setprofile(hook)\n    sys.settrace(hook)\n    return 7\n',
    );
    expect(hooked).toMatchObject({ status: 'ok', value: 7 });
  });

  it('reports SystemExit as the test error, not as the end of the run', async () => {
    const report = reportOf(await runHarness('python', { code: 'def f():\n    raise SystemExit(3)\n', entry: 'f', cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }], limits: FAST }));
    expect(report.tests.map((t) => [t.status, t.error?.message])).toEqual([
      ['error', 'SystemExit: 3'],
      ['error', 'SystemExit: 3'],
    ]);
  });

  it('gives each test its own console output', async () => {
    const report = reportOf(
      await runHarness('python', { code: 'print("loading")\ndef f(x):\n    print("got", x)\n    return x\n', entry: 'f', cases: [{ name: 'a', args: [1] }, { name: 'b', args: [2] }], limits: FAST }),
    );
    expect(report.tests.map((t) => t.stdout)).toEqual(['got 1\n', 'got 2\n']);
    expect(report.stdout).toBe('loading\ngot 1\ngot 2\n');
  });
});

describe('python harness: record and replay script modes', () => {
  it('records each call the tests make, with JSON copies, and the names they could call', async () => {
    const report = reportOf(
      await runHarness('python', { code: 'def add(a, b):\n    return a + b\nLIMIT = 3\n', script: 'assert add((1,), (2,)) == (1, 2)\n', scriptMode: 'record', limits: FAST }),
    );
    expect(report.scriptNames).toEqual(['add']);
    expect(report.scriptCalls).toEqual([expect.objectContaining({ name: 'add', outcome: 'ok', value: '{"$pj":"tuple","values":[1,2]}' })]);
  });

  it('replays recorded answers without the code, and fails a call that was not recorded', async () => {
    const args = '[[{"$pj":"tuple","values":[1]},{"$pj":"tuple","values":[2]}],{}]';
    const calls = [{ name: 'add', args, outcome: 'ok' as const, value: '{"$pj":"tuple","values":[1,2]}', timeMs: 1 }];
    const pass = reportOf(
      await runHarness('python', {
        code: 'raise SystemExit("never runs")',
        script: 'assert add((1,), (2,)) == (1, 2)\n',
        scriptMode: 'replay',
        replay: { names: ['add'], calls },
        limits: FAST,
      }),
    );
    expect(pass.tests).toEqual([expect.objectContaining({ name: 'tests', status: 'ok' })]);
    const other = reportOf(
      await runHarness('python', { code: '', script: 'assert add((1,), (3,)) == (1, 3)\n', scriptMode: 'replay', replay: { names: ['add'], calls }, limits: FAST }),
    );
    expect(other.tests[0]).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/was not recorded/) } });
  });
});

describe('python harness: bad input', () => {
  it('writes a fatal report instead of crashing on malformed input', async () => {
    const run = await runHarness('python', { code: 'x = 1', entry: 'f', cases: [{ name: 'c', args: 'nope' as unknown as unknown[] }] });
    expect(run.exitCode).toBe(0);
    expect(run.report?.fatal?.message).toMatch(/args array/);
  });
});
