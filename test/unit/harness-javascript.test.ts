/**
 * The JavaScript harness, run on the host exactly as the container runs it (node harness.cjs with
 * the input on stdin). Most cases here are hostile submissions; each says what it attacks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_MARKER, type HarnessInput, type HarnessTestReport } from '../../protocol/index.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { FAST_LIMITS, JS_HARNESS, callOnce as callOnceIn, reportOf, runHarness, type HarnessRun } from '../support/harness-runner.js';

const FAST = FAST_LIMITS;
const JS_DIR = path.dirname(JS_HARNESS);
/**
 * The report exactly as the harness wrote it, before judge-core's parser keeps only the fields it
 * knows (the per-test `stdout` is read from here until protocol/harness.ts carries it).
 */
function rawTests(run: HarnessRun): (HarnessTestReport & { stdout?: string })[] {
  const at = run.stdout.lastIndexOf(REPORT_MARKER + run.nonce + ' ');
  expect(at, run.stderr).toBeGreaterThanOrEqual(0);
  const payload = run.stdout.slice(at + REPORT_MARKER.length + run.nonce.length + 1).split('\n')[0] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { tests: (HarnessTestReport & { stdout?: string })[] }).tests;
}
const callOnce = (code: string, entry?: string, limits?: HarnessInput['limits']) => callOnceIn('javascript', code, entry, limits);

describe('javascript harness: running cases', () => {
  it('calls the entry with arguments built from JSON and reports the returned value', async () => {
    const run = await runHarness('javascript', {
      code: 'const twoSum = (nums, t) => { for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === t) return [i, j]; };',
      entry: 'twoSum',
      cases: [
        { name: 'a', args: [[2, 7, 11, 15], 9] },
        { name: 'b', args: [[3, 2, 4], 6] },
      ],
    });
    const report = reportOf(run);
    expect(report.tests.map((t) => [t.name, t.kind, t.status, t.value])).toEqual([
      ['a', 'case', 'ok', [0, 1]],
      ['b', 'case', 'ok', [1, 2]],
    ]);
    expect(report.tests[0]?.timeMs).toBeGreaterThanOrEqual(0);
  });

  it('finds function declarations, let/const bindings and classes of the user code', async () => {
    expect((await callOnce('function f() { return 1 }')).value).toBe(1);
    expect((await callOnce('let f = () => 2;')).value).toBe(2);
    expect((await callOnce('class K { static m() { return 3 } }', 'K.m')).value).toBe(3);
  });

  it('awaits a returned promise', async () => {
    const t = await callOnce('async function f() { await new Promise((r) => setTimeout(r, 20)); return "late"; }');
    expect(t).toMatchObject({ status: 'ok', value: 'late' });
  });

  it('reports a syntax error as a compile error with its line', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'const a = 1;\n\nfunction f( {', entry: 'f', cases: [{ name: 'c', args: [] }] }));
    expect(report.compileError?.message).toMatch(/SyntaxError/);
    expect(report.compileError?.line).toBe(3);
    expect(report.tests).toEqual([]);
  });

  it('marks every case as an error when the top level throws', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'function f() {}\nthrow new Error("boom")', entry: 'f', cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }] }));
    expect(report.tests.map((t) => t.status)).toEqual(['error', 'error']);
    expect(report.tests[0]?.error).toMatchObject({ message: 'Error: boom', line: 2 });
  });

  it('reports a thrown error with the line in the user code', async () => {
    const t = await callOnce('function helper(x) {\n  return x.y.z;\n}\nfunction f() { return helper({}); }');
    expect(t.status).toBe('error');
    expect(t.error).toMatchObject({ message: "TypeError: Cannot read properties of undefined (reading 'z')", line: 2, source: 'code' });
  });

  it('says so when the entry function does not exist', async () => {
    const t = await callOnce('function g() {}');
    expect(t.status).toBe('error');
    expect(t.error?.message).toMatch(/f is not defined/);
  });
});

describe('javascript harness: time limits', () => {
  it('stops a synchronous endless loop with a timeout and does not run the cases after it', async () => {
    const run = await runHarness('javascript', {
      code: 'function f(n) { if (n === 1) while (true) {} return n; }',
      entry: 'f',
      cases: [{ name: 'loop', args: [1] }, { name: 'fine', args: [2] }],
      limits: FAST,
    });
    const report = reportOf(run);
    expect(report.tests.map((t) => t.status)).toEqual(['timeout', 'error']);
    expect(report.tests[1]?.error?.message).toMatch(/Not run/);
  });

  it('stops an endless loop inside a promise callback, which vm2 cannot interrupt', async () => {
    const t0 = Date.now();
    const run = await runHarness('javascript', {
      code: 'async function f(n) { await null; if (n === 1) while (true) {} return n; }',
      entry: 'f',
      cases: [{ name: 'loop', args: [1] }, { name: 'fine', args: [2] }],
      limits: FAST,
    });
    const report = reportOf(run);
    expect(report.tests.map((t) => t.status)).toEqual(['timeout', 'error']);
    expect(report.tests[1]?.error?.message).toMatch(/Not run/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('times out a promise that never settles', async () => {
    const t = await callOnce('function f() { return new Promise(() => {}); }');
    expect(t.status).toBe('timeout');
  });

  it('times out an endless loop at the top level of the code', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'while (true) {}', entry: 'f', cases: [{ name: 'a', args: [] }], limits: FAST }));
    expect(report.tests[0]?.status).toBe('timeout');
  });

  it('exits promptly although the code left an interval running', async () => {
    const t0 = Date.now();
    const t = await callOnce('setInterval(() => {}, 1);\nfunction f() { setInterval(() => console.log("tick"), 5); return 1; }');
    expect(t.status).toBe('ok');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('javascript harness: the sandbox wall', () => {
  const marker = path.join(os.tmpdir(), `pairjudge-escape-${process.pid}-${Date.now()}`);
  const attempts: [string, string][] = [
    ['a bare process reference', `function f() { process.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['require("fs")', `function f() { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['require("child_process")', `function f() { require('child_process').execSync('touch ${marker}'); }`],
    ['the Function constructor reached through this', `function f() { const p = this.constructor.constructor('return process')(); p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['the Function constructor reached through a function', `function f() { const p = f.constructor('return process')(); p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['an async function constructor', `async function f() { const p = await (async () => {}).constructor('return process')(); p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['dynamic import', `async function f() { const fs = await import('fs'); fs.writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['call sites from a custom prepareStackTrace', `function f() { Error.prepareStackTrace = (e, s) => s.map((c) => c.getThis && c.getThis()).find((t) => t && t.process); const p = new Error().stack.process; p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['a host object through Buffer', `function f() { const p = Buffer.constructor('return process')(); p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`],
    ['a symbol-named error thrown into the host formatter', `function f() { const e = new Error(); e.name = Symbol(); try { e.stack } catch (x) { x.constructor.constructor('return process')().mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); } throw new Error('still sandboxed'); }`],
  ];

  for (const [what, code] of attempts) {
    it(`gives no host access through ${what}`, async () => {
      const t = await callOnce(code);
      expect(t.status).toBe('error');
      expect(fs.existsSync(marker)).toBe(false);
    });
  }

  it('hides the harness frames from f.caller and arguments.callee.caller', async () => {
    const t = await callOnce('function f() { return [String(f.caller), String(arguments.callee.caller)]; }');
    expect(t.value).toEqual(['null', 'null']);
  });

  it('serves only the allow-listed modules from require()', async () => {
    const t = await callOnce('function f() { const a = require("node:assert"); a.strictEqual(1, 1); return typeof require("assert").deepStrictEqual; }');
    expect(t.value).toBe('function');
    const fsTry = await callOnce('function f() { return require("fs"); }');
    expect(fsTry.error?.message).toBe('Error: Module "fs" is not available in the sandbox');
  });

  it('exposes no process, real require or host Buffer', async () => {
    const t = await callOnce('function f() { return [typeof process, typeof Buffer, typeof module, typeof setTimeout, typeof globalThis.VMError]; }');
    expect(t.value).toEqual(['undefined', 'undefined', 'object', 'function', 'undefined']);
  });

  it('keeps the report genuine when the code prints a report-shaped line with a guessed nonce', async () => {
    const fake = Buffer.from(JSON.stringify({ tests: [{ name: 'c', kind: 'case', status: 'ok', value: 42, timeMs: 1 }], stdout: '', outputLimitExceeded: false })).toString('base64');
    const code = `function f() { console.log("\\n${REPORT_MARKER}" + "0".repeat(32) + " ${fake}\\n"); return 1; }`;
    const run = await runHarness('javascript', { code, entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST, nonce: '0'.repeat(32) + 'x' });
    const report = reportOf(run);
    expect(report.tests[0]?.value).toBe(1);
    // User output never reaches the real stdout: it travels inside the report.
    expect(run.stdout.split(REPORT_MARKER)).toHaveLength(2);
    // Printed while the case ran, so it is that case's output.
    expect(rawTests(run)[0]?.stdout).toContain(REPORT_MARKER);
  });

  it('does not let the code replace the globals that test code relies on', async () => {
    const report = reportOf(
      await runHarness('javascript', {
        code: 'try { JSON.stringify = () => "\\"same\\""; } catch (e) {}\ntry { console.assert = () => {}; } catch (e) {}\nconst f = () => [1, 2];',
        script: 'console.assert(JSON.stringify(f()) === JSON.stringify([2, 1]))',
        limits: FAST,
      }),
    );
    expect(report.tests[0]?.status).toBe('failed');
  });

  it('refuses a submission that shadows test() with its own binding', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'let test = () => {};', script: 'test("t", () => { throw new Error("x") })', limits: FAST }));
    expect(report.tests.every((t) => t.status !== 'ok')).toBe(true);
  });
});

describe('javascript harness: returned values', () => {
  it('skips getters, even throwing ones, and keeps own enumerable data properties', async () => {
    const t = await callOnce('function f() { return { a: 1, get boom() { throw new Error("no") }, get n() { while (true) {} } }; }');
    expect(t).toMatchObject({ status: 'ok', value: { a: 1 } });
  });

  it('has no Proxy to build hostile traps with (vm2 removes it)', async () => {
    const t = await callOnce('function f() { return new Proxy({}, { ownKeys() { throw new Error("trap") } }); }');
    expect(t.status).toBe('error');
    expect(t.error?.message).toBe('TypeError: Proxy is not a constructor');
  });

  it('reports an error when reading the value runs past the time limit', async () => {
    // 100k accessors, 5000 times over: nothing is emitted for them, so only the timeout bounds the
    // walk. Building them takes a fraction of the budget even on a loaded machine; walking them
    // takes far more than all of it.
    const t = await callOnce(
      'function f() { const big = {}; const d = { get() { return 1 }, enumerable: true }; for (let i = 0; i < 1e5; i++) Object.defineProperty(big, "k" + i, d); const a = []; for (let i = 0; i < 5000; i++) a.push(big); return a; }',
      'f',
      { ...FAST, testTimeoutMs: 1500 },
    );
    expect(t).toMatchObject({ status: 'error', error: { message: 'Reading the returned value timed out' } });
  });

  it('tags what JSON cannot carry', async () => {
    const t = await callOnce(
      'function f() { const a = [1]; a.push(a); return [undefined, NaN, -Infinity, 12n, Symbol("s"), function g() {}, a, new Map([[1, "x"]]), new Set([2]), new Date(0), new Uint8Array([1, 2]), -0]; }',
    );
    expect(t.value).toEqual([
      { $pj: 'undefined' },
      { $pj: 'nan' },
      { $pj: 'infinity', sign: -1 },
      { $pj: 'bigint', value: '12' },
      { $pj: 'symbol', description: 's' },
      { $pj: 'function', name: 'g' },
      [1, { $pj: 'circular' }],
      { $pj: 'map', entries: [[1, 'x']] },
      { $pj: 'set', values: [2] },
      '1970-01-01T00:00:00.000Z',
      [1, 2],
      0,
    ]);
  });

  it('escapes a plain object that has its own "$pj" key', async () => {
    const t = await callOnce('function f() { return { $pj: "nan" }; }');
    expect(t.value).toEqual({ $pj: 'escaped', value: { $pj: 'nan' } });
  });

  it('truncates deep nesting and huge sparse arrays', async () => {
    const deep = await callOnce('function f() { let o = {}; for (let i = 0; i < 1000; i++) o = { o }; return o; }');
    expect(JSON.stringify(deep.value)).toContain('"truncated"');
    const sparse = await callOnce('function f() { const a = []; a[1e9] = 1; return a; }');
    expect(sparse.status).toBe('ok');
    expect(JSON.stringify(sparse.value)).toContain('"truncated"');
    expect(JSON.stringify(sparse.value).length).toBeLessThan(FAST.valueBytes + 100);
  });

  it('serializes with the original built-ins after the code rewrote them', async () => {
    const t = await callOnce(
      'Array.prototype[Symbol.iterator] = function* () { yield "lie"; };\nObject.defineProperty(Array.prototype, "0", { set() {}, get() { return "lie" } });\nfunction f() { return [1, 2]; }',
    );
    expect(t.value).toEqual([1, 2]);
  });
});

describe('javascript harness: console', () => {
  it('captures console output in the report, formatted like util.format', async () => {
    const report = reportOf(
      await runHarness('javascript', { code: 'console.log("n=%d", 5, { a: [1, "x"] }, 3n, null);\nconsole.error("err");\nfunction f() {}', entry: 'f', cases: [{ name: 'c', args: [] }] }),
    );
    expect(report.stdout).toBe("n=5 { a: [ 1, 'x' ] } 3n null\nerr\n");
    expect(report.outputLimitExceeded).toBe(false);
  });

  it('caps 10 MB of output and flags it', async () => {
    const run = await runHarness('javascript', {
      code: 'for (let i = 0; i < 10; i++) console.log("x".repeat(1e6));\nfunction f() { return 1; }',
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

  it('survives an endless flood of output', async () => {
    const run = await runHarness('javascript', {
      code: 'function f() { while (true) console.log("x".repeat(1e6)); }',
      entry: 'f',
      cases: [{ name: 'c', args: [] }],
      limits: { ...FAST, outputBytes: 5000 },
    });
    const report = reportOf(run);
    expect(report.tests[0]?.status).toBe('timeout');
    expect(report.outputLimitExceeded).toBe(true);
    expect(run.stdout.length).toBeLessThan(10_000);
  });

  it('does not run getters when printing', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'console.log({ get x() { throw new Error("no") }, y: 1 });', script: '', limits: FAST }));
    expect(report.stdout).toBe('{ x: [Getter], y: 1 }\n');
  });
});

describe('javascript harness: script tests', () => {
  it('runs test() blocks one at a time with assert and expect', async () => {
    const report = reportOf(
      await runHarness('javascript', {
        code: 'const add = (a, b) => a + b;',
        script: [
          "test('adds', () => { assert.strictEqual(add(1, 2), 3); expect(add(1, 1)).toBe(2); });",
          "test('wrong', () => { assert.deepStrictEqual([add(1, 1)], [3]); });",
          "test('expect fails', () => { expect(add(0.1, 0.2)).not.toBeCloseTo(0.3); });",
          "test('async', async () => { await new Promise((r) => setTimeout(r, 5)); expect([1, 2]).toContain(2); });",
          "test('throws', () => { assert.throws(() => { throw new TypeError('bad') }, TypeError); expect(() => add.x.y).toThrow(); });",
          "test('crashes', () => { null.x; });",
          "test('hangs', () => { while (true) {} });",
        ].join('\n'),
        limits: FAST,
      }),
    );
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['adds', 'ok'],
      ['wrong', 'failed'],
      ['expect fails', 'failed'],
      ['async', 'ok'],
      ['throws', 'ok'],
      ['crashes', 'error'],
      ['hangs', 'timeout'],
    ]);
    expect(report.tests[1]?.error).toMatchObject({ line: 2, source: 'tests' });
    expect(report.tests[1]?.error?.message).toMatch(/^AssertionError: Expected values to be strictly deep-equal/);
  });

  it('fails the running test on a falsy console.assert', async () => {
    const report = reportOf(
      await runHarness('javascript', {
        code: 'const f = (x) => x * 2;',
        script: "test('a', () => { console.assert(f(2) === 5, 'double'); });\ntest('b', () => { console.assert(f(2) === 4); });",
        limits: FAST,
      }),
    );
    expect(report.tests.map((t) => t.status)).toEqual(['failed', 'ok']);
    expect(report.tests[0]?.error).toMatchObject({ message: 'console.assert failed: double (test code line 1)', line: 1, source: 'tests' });
  });

  it('counts a script without test() calls as one test that a falsy console.assert fails', async () => {
    const code = 'const f = (x) => x + 1;';
    const pass = reportOf(await runHarness('javascript', { code, script: 'console.assert(f(1) === 2)', limits: FAST }));
    expect(pass.tests).toEqual([expect.objectContaining({ name: 'tests', kind: 'script', status: 'ok' })]);
    const fail = reportOf(await runHarness('javascript', { code, script: 'const check = () => {\n  console.assert(f(1) === 3)\n}\ncheck()', limits: FAST }));
    expect(fail.tests).toEqual([expect.objectContaining({ name: 'tests', status: 'failed' })]);
    expect(fail.tests[0]?.error?.line).toBe(2);
  });

  it('adds a failed "top level" test for a falsy console.assert outside test()', async () => {
    const report = reportOf(await runHarness('javascript', { code: '', script: "console.assert(false, 'outside');\ntest('inside', () => {});", limits: FAST }));
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['inside', 'ok'],
      ['top level', 'failed'],
    ]);
  });

  it('runs cases before script tests', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'const f = () => 7;', entry: 'f', cases: [{ name: 'c', args: [] }], script: "test('t', () => assert.equal(f(), 7));", limits: FAST }));
    expect(report.tests.map((t) => [t.name, t.kind, t.status])).toEqual([
      ['c', 'case', 'ok'],
      ['t', 'script', 'ok'],
    ]);
  });
});

describe('javascript harness: script tests cannot be forged by the solution', () => {
  // The solution below is wrong (it returns the pair reversed); each attack tries to make the
  // test code believe otherwise. The test code runs in a realm of its own (prelude/bridge.js).
  const wrong = 'function twoSum(nums, target) { for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [j, i]; return []; }';
  const script = "test('example', () => { console.assert(JSON.stringify(twoSum([2, 7, 11, 15], 9)) === JSON.stringify([0, 1])); });";

  it('is not fooled by Array.prototype.toJSON in the solution', async () => {
    const report = reportOf(await runHarness('javascript', { code: wrong + '\nArray.prototype.toJSON = function () { return "same"; };', script, limits: FAST }));
    expect(report.tests.map((t) => t.status)).toEqual(['failed']);
  });

  it('keeps the test source out of reach of caller', async () => {
    const code = `function twoSum(nums, target) {
      const caller = twoSum.caller;
      if (caller) { const m = /JSON.stringify\\(\\[(\\d+), (\\d+)\\]\\)/.exec(String(caller)); if (m) return [Number(m[1]), Number(m[2])]; }
      return ['caller', caller === null ? 'null' : typeof caller];
    }`;
    const run = await runHarness('javascript', { code, script: "test('example', () => { const r = twoSum([2, 7, 11, 15], 9); console.log(JSON.stringify(r)); console.assert(JSON.stringify(r) === JSON.stringify([0, 1])); });", limits: FAST });
    const report = reportOf(run);
    expect(report.tests.map((t) => t.status)).toEqual(['failed']);
    expect(rawTests(run)[0]?.stdout).toMatch(/^\["caller","null"\]\n/);
  });

  it('registers the tests of a loop whatever the solution does to Array.prototype.forEach', async () => {
    const loop = "[[[2, 7, 11, 15], 9, [0, 1]], [[3, 2, 4], 6, [1, 2]]].forEach(([nums, t, want], i) => test('case ' + i, () => assert.deepStrictEqual(twoSum(nums, t), want)));";
    const report = reportOf(await runHarness('javascript', { code: wrong + '\nArray.prototype.forEach = function () {};', script: loop, limits: FAST }));
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['case 0', 'failed'],
      ['case 1', 'failed'],
    ]);
  });

  it('is not fooled by a solution that patches assert, expect or the built-ins the test uses', async () => {
    const code = `${wrong}
      try { assert.deepStrictEqual = () => {}; } catch {}
      try { globalThis.assert = Object.assign(() => {}, { deepStrictEqual() {} }); } catch {}
      try { Object.is = () => true; } catch {}
      String.prototype.includes = () => true;
      JSON.stringify = () => 'same';`;
    const report = reportOf(
      await runHarness('javascript', {
        code,
        script: "test('a', () => assert.deepStrictEqual(twoSum([2, 7, 11, 15], 9), [0, 1]));\ntest('b', () => expect(twoSum([3, 2, 4], 6)).toEqual([1, 2]));\ntest('c', () => console.assert(JSON.stringify(twoSum([3, 3], 6)).includes('[0,1]')));",
        limits: FAST,
      }),
    );
    expect(report.tests.map((t) => t.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('fails a script that registers no test and asserts nothing', async () => {
    const report = reportOf(await runHarness('javascript', { code: wrong, script: '// nothing to see\nconst x = twoSum([1, 2], 3);', limits: FAST }));
    expect(report.tests).toEqual([expect.objectContaining({ name: 'tests', status: 'failed', error: { message: expect.stringMatching(/ran no test/) } })]);
  });

  it('copies values both ways: data, Map, undefined, errors, async results and constants', async () => {
    const code = `const LIMIT = { n: 3, list: [1, 2] };
      function pair(m) { return [m.get('a'), m instanceof Map, undefined, 2n, NaN]; }
      async function later(x) { await null; return x * 2; }
      function fails() { throw new RangeError('bad input'); }
      class Counter {}`;
    const run = await runHarness('javascript', {
      code,
      script: [
        "test('values', () => { expect(pair(new Map([['a', 1]]))).toEqual([1, true, undefined, 2n, NaN]); expect(LIMIT).toEqual({ n: 3, list: [1, 2] }); });",
        "test('async', async () => { expect(await later(21)).toBe(42); });",
        "test('errors', () => { expect(() => fails()).toThrow(RangeError); expect(() => fails()).toThrow('bad input'); });",
        "test('classes do not cross', () => { expect(() => new Counter()).toThrow(/cannot be constructed|not construct/); });",
      ].join('\n'),
      limits: FAST,
    });
    expect(reportOf(run).tests.map((t) => [t.name, t.status])).toEqual([
      ['values', 'ok'],
      ['async', 'ok'],
      ['errors', 'ok'],
      ['classes do not cross', 'ok'],
    ]);
  });

  it('points an error thrown by the solution at the solution line', async () => {
    const report = reportOf(await runHarness('javascript', { code: 'function f() {\n  throw new Error("x");\n}', script: "test('t', () => { f(); });", limits: FAST }));
    expect(report.tests[0]?.error).toMatchObject({ message: 'Error: x', line: 2, source: 'code' });
  });
});

describe('javascript harness: what the submission breaks is its own result', () => {
  // A small heap so that the worker runs out of it quickly.
  const runSmallHeap = (code: string) =>
    new Promise<HarnessRun>((resolve) => {
      void runHarness('javascript', { code, entry: 'twoSum', cases: [{ name: 'a', args: [[1, 2], 3] }], limits: { ...FAST, testTimeoutMs: 5000 } }, { nodeArgs: ['--max-old-space-size=96'] }).then(resolve);
    });

  it.each([
    ['at the top level', 'const hoard = []; for (;;) hoard.push(new Array(1e5).fill(1));'],
    ['in a getter on the entry', 'Object.defineProperty(globalThis, "twoSum", { get() { const hoard = []; for (;;) hoard.push(new Array(1e5).fill(1)); } });'],
    ['in the entry', 'function twoSum() { const hoard = []; for (;;) hoard.push(new Array(1e5).fill(1)); }'],
  ])('reports running out of heap %s as the test error, never a harness failure', async (_where, code) => {
    const report = reportOf(await runSmallHeap(code));
    expect(report.fatal).toBeUndefined();
    expect(report.tests[0]).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/heap out of memory/) } });
  });
});

describe('javascript harness: a getter on the entry', () => {
  it('that never ends is the submission running out of time', async () => {
    const t = await callOnce('Object.defineProperty(globalThis, "f", { get() { for (;;) {} } });');
    expect(t).toMatchObject({ status: 'timeout', error: { message: expect.stringMatching(/could not be read: Timed out/) } });
  });
});

describe('javascript harness: console output per test', () => {
  it('gives each test the output printed while it ran and keeps load-time output at the top', async () => {
    const run = await runHarness('javascript', {
      code: 'console.log("loading");\nfunction f(x) { console.log("called with", x); return x; }',
      entry: 'f',
      cases: [{ name: 'one', args: [1] }, { name: 'quiet', args: [2] }],
      script: "test('t', () => { console.log('in the test'); assert.equal(f(3), 3); });",
      limits: FAST,
    });
    expect(reportOf(run).stdout).toBe('loading\n');
    const tests = rawTests(run);
    expect(tests.map((t) => t.stdout)).toEqual(['called with 1\n', 'called with 2\n', 'in the test\ncalled with 3\n']);
  });

  it('caps all output together at limits.outputBytes', async () => {
    const run = await runHarness('javascript', {
      code: 'console.log("x".repeat(3000));\nfunction f() { console.log("y".repeat(3000)); return 1; }',
      entry: 'f',
      cases: [{ name: 'a', args: [] }, { name: 'b', args: [] }],
      limits: { ...FAST, outputBytes: 5000 },
    });
    const report = reportOf(run);
    const total = Buffer.byteLength(report.stdout) + rawTests(run).reduce((n, t) => n + Buffer.byteLength(t.stdout ?? ''), 0);
    expect(report.outputLimitExceeded).toBe(true);
    expect(total).toBeLessThanOrEqual(5000);
  });
});

describe('javascript harness: the prelude', () => {
  it('is one text assembled from its parts, the same on the host and in the image', async () => {
    const require = createRequire(import.meta.url);
    const prelude = require('../../sandbox-image/harness/javascript/sandbox-prelude.cjs') as { PRELUDE_PARTS: string[]; assemblePrelude(): string };
    const text = prelude.assemblePrelude();
    for (const part of prelude.PRELUDE_PARTS) expect(fs.existsSync(path.join(JS_DIR, 'prelude', part)), part).toBe(true);
    expect(text.startsWith('(function sandboxPrelude(host, limits, role, powers) {')).toBe(true);
    expect(text).not.toMatch(/@ts-nocheck|eslint-disable/);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prelude-')), 'assembled.js');
    execFileSync('node', [path.join(JS_DIR, 'build-prelude.cjs'), out]);
    expect(fs.readFileSync(out, 'utf8')).toBe(text);
  });
});

describe('javascript harness: escape-simulation mode', () => {
  it('gives the solution Node powers only when the command line asks for it', async () => {
    const code = 'function f() { return [typeof process, typeof require("fs").readFileSync]; }';
    const plain = await runHarness('javascript', { code, entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST });
    expect(reportOf(plain).tests[0]).toMatchObject({ status: 'error' });
    const simulated = await runHarness('javascript', { code, entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST }, { harnessArgs: ['--escape-simulation'] });
    expect(reportOf(simulated).tests[0]).toMatchObject({ status: 'ok', value: ['object', 'function'] });
  });

  it('is chosen only by the command the trusted side builds', () => {
    const limits = { wallTimeMs: 8000, memoryBytes: 256 * 1024 * 1024, cpus: 1, pids: 64, rawOutputBytes: 1 << 20 };
    expect(LANGUAGE_RUNTIMES.javascript.command(limits)).not.toContain('--escape-simulation');
    expect(LANGUAGE_RUNTIMES.javascript.command(limits, 'escape-simulation')).toContain('--escape-simulation');
    expect(LANGUAGE_RUNTIMES.python.command(limits, 'escape-simulation').join(' ')).not.toContain('harness.py');
  });

  it('ignores a variant named in the job input', async () => {
    const input = { code: 'function f() { return typeof process; }', entry: 'f', cases: [{ name: 'c', args: [] }], limits: FAST, variant: 'escape-simulation' } as Partial<HarnessInput> & { code: string };
    expect(reportOf(await runHarness('javascript', input)).tests[0]).toMatchObject({ status: 'ok', value: 'undefined' });
  });

  it('keeps a result once reported, whatever the code posts on the worker port', async () => {
    // With Node powers the code can reach the worker's port: from the second case it tries to
    // rewrite the first case's result, to start the third case early (to get its arguments while
    // the second can still be changed) and to turn the run into a compile error.
    const code = `const { parentPort } = require('node:worker_threads');
      function f(x) {
        if (x === 2) {
          parentPort.postMessage({ t: 'done', index: 0, result: { status: 'ok', value: 'forged', timeMs: 1 } });
          parentPort.postMessage({ t: 'start', index: 2 });
          parentPort.postMessage({ t: 'compileError', error: { message: 'forged' } });
        }
        return x;
      }`;
    const cases = [1, 2, 3].map((n) => ({ name: 'c' + n, args: [n] }));
    const run = await runHarness('javascript', { code, entry: 'f', cases, limits: FAST }, { harnessArgs: ['--escape-simulation'] });
    const report = reportOf(run);
    expect(report.compileError).toBeUndefined();
    expect(report.tests.map((t) => t.value)).toEqual([1, 2, 3]);
  });
});

describe('javascript harness: bad input', () => {
  it('writes a fatal report instead of crashing on malformed input', async () => {
    const run = await runHarness('javascript', { code: 'x', entry: 'f', cases: [{ name: 'c', args: 'nope' as unknown as unknown[] }] });
    expect(run.exitCode).toBe(0);
    expect(run.report?.fatal?.message).toMatch(/args must be an array/);
  });
});
