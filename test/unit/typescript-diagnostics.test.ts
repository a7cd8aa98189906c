/**
 * TypeScript's pieces without a sandbox: the transpile step and its line map, the type checker's
 * diagnostics as the harness reports them, the report's lines put back on the TypeScript, and the
 * judge's validation of the diagnostics a report carries. The compiler is the repository's copy of
 * the package the image ships.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { LANGUAGES, REPORT_MARKER } from '../../protocol/index.js';
import { MAX_DIAGNOSTICS } from '../../judge-core/diagnostics.js';
import { parseReportFrame } from '../../judge-core/report-frame.js';

const require = createRequire(import.meta.url);
const tools = require('../../sandbox-image/harness/javascript/typescript/typescript-tools.cjs') as typeof import('../../sandbox-image/harness/javascript/typescript/typescript-tools.cjs');
const stage = require('../../sandbox-image/harness/javascript/typescript/typescript-stage.cjs') as typeof import('../../sandbox-image/harness/javascript/typescript/typescript-stage.cjs');

describe('transpile', () => {
  it('turns TypeScript into JavaScript without types', () => {
    const out = tools.transpile(ts, 'function add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.js).toContain('function add(a, b)');
    expect(out.js).not.toContain('number');
    expect(out.js).not.toContain('sourceMappingURL');
  });

  it('maps each JavaScript line back to its TypeScript line when declarations vanish', () => {
    const code = ['interface Point {', '  x: number;', '}', 'type Id = string;', '', 'function f(p: Point): number {', '  throw new Error(String(p.x));', '}', ''].join('\n');
    const out = tools.transpile(ts, code);
    if (!out.ok) throw new Error('expected a transpile');
    const jsLines = out.js.split('\n');
    const throwAt = jsLines.findIndex((line) => line.includes('throw new Error')) + 1;
    expect(throwAt).toBeLessThan(7);
    expect(tools.originalLine(out.lines, throwAt)).toBe(7);
    expect(tools.originalLine(out.lines, jsLines.findIndex((line) => line.startsWith('function f')) + 1)).toBe(6);
  });

  it('reports a syntax error as the compile error at its line', () => {
    const out = tools.transpile(ts, 'function f(a: number) {\n  return a +;\n}\n');
    expect(out).toEqual({ ok: false, error: { message: expect.stringMatching(/^TS1109: Expression expected/), line: 2 } });
  });

  it('does not fail on a type error (types are not checked here)', () => {
    expect(tools.transpile(ts, 'const s: string = 5;\n').ok).toBe(true);
  });
});

describe('the compiler thread', () => {
  it('answers a compile error, not a crash, when the parser overflows its stack on absurd nesting', async () => {
    const worker = new Worker(fileURLToPath(new URL('../../sandbox-image/harness/javascript/typescript/typescript-worker.cjs', import.meta.url)));
    try {
      const deep = 'const x = ' + '('.repeat(30_000) + '1' + ')'.repeat(30_000) + ';';
      const answer = new Promise<unknown>((resolve, reject) => {
        worker.on('message', (m: { t?: string }) => (m.t === 'transpiled' ? resolve(m) : undefined));
        worker.on('error', reject);
      });
      worker.postMessage({ t: 'transpile', code: deep });
      expect(await answer).toEqual({ t: 'transpiled', code: { ok: false, error: { message: expect.stringMatching(/^The TypeScript compiler could not read this code: /) } } });
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});

describe('the type check', () => {
  const checker = tools.createChecker(ts);

  it('reports a type error with its 1-based line, column and code', () => {
    const diagnostics = checker.check('function f(): number {\n  const s: string = 5;\n  return s.length;\n}\n');
    expect(diagnostics).toEqual([{ line: 2, column: 9, message: "TS2322: Type 'number' is not assignable to type 'string'." }]);
  });

  it('knows the sandbox globals and the ES2022 library, and nothing of the DOM or Node', () => {
    const clean = [
      "const input: string = require('fs').readFileSync(0, 'utf8');",
      'console.log([1, 2].at(-1), Object.hasOwn({}, "a"), new Map<string, number>());',
      'setTimeout(() => undefined, 1);',
      "test('adds', () => expect(1 + 1).toBe(2));",
      '',
    ].join('\n');
    expect(checker.check(clean)).toEqual([]);
    const dom = checker.check('document.title = "x";\nprocess.exit(1);\n');
    expect(dom.map((d) => d.line)).toEqual([1, 2]);
    expect(dom[0]?.message).toMatch(/^TS2584: Cannot find name 'document'/);
  });

  it('lists diagnostics in file order and keeps at most 50', () => {
    const code = Array.from({ length: 60 }, (_, i) => `const v${i}: string = ${i};`).join('\n');
    const diagnostics = checker.check(code);
    expect(diagnostics).toHaveLength(50);
    expect(diagnostics.map((d) => d.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('the report lines', () => {
  it('moves code errors by the code map and test errors by the script map', () => {
    const report = {
      compileError: undefined,
      tests: [
        { name: 'a', kind: 'case' as const, status: 'error' as const, timeMs: 1, error: { message: 'boom', line: 2, source: 'code' as const } },
        { name: 'b', kind: 'script' as const, status: 'failed' as const, timeMs: 1, error: { message: 'no', line: 1, source: 'tests' as const } },
        { name: 'c', kind: 'case' as const, status: 'ok' as const, timeMs: 1 },
      ],
      stdout: '',
      outputLimitExceeded: false,
    };
    const mapped = stage.mapReportLines(report, [4, 9], [3]);
    expect(mapped.tests.map((t) => t.error?.line)).toEqual([9, 3, undefined]);
  });
});

describe('the diagnostics of a report frame (the judge side)', () => {
  const frame = (report: object) => `\n${REPORT_MARKER}nonce ${Buffer.from(JSON.stringify(report)).toString('base64')}\n`;
  const reportDiagnostics = (diagnostics: unknown) => {
    const parsed = parseReportFrame(frame({ tests: [], stdout: '', outputLimitExceeded: false, ...(diagnostics !== undefined ? { diagnostics } : {}) }), 'nonce');
    if (!parsed) throw new Error('the report did not parse');
    return parsed.diagnostics ?? [];
  };

  it('keeps well-formed diagnostics', () => {
    expect(reportDiagnostics([{ line: 3, column: 7, message: 'TS2322: no' }])).toEqual([{ line: 3, column: 7, message: 'TS2322: no' }]);
  });

  it('drops malformed entries: positions that are not whole and positive, messages that are not text', () => {
    const raw = [{ line: 0, column: 1, message: 'a' }, { line: 1.5, column: 1, message: 'b' }, { line: 1, column: 1, message: 3 }, null, 'x', { line: 2, column: 1, message: 'kept' }];
    expect(reportDiagnostics(raw)).toEqual([{ line: 2, column: 1, message: 'kept' }]);
  });

  it('bounds their number and their length, and reads a report without any as none', () => {
    const many = Array.from({ length: 80 }, () => ({ line: 1, column: 1, message: 'm'.repeat(5000) }));
    const kept = reportDiagnostics(many);
    expect(kept).toHaveLength(MAX_DIAGNOSTICS);
    expect(kept[0]?.message).toHaveLength(1000);
    expect(reportDiagnostics(undefined)).toEqual([]);
    expect(reportDiagnostics({ line: 1 })).toEqual([]);
  });
});

it('names the TypeScript version the image ships in the language list', () => {
  expect(LANGUAGES.typescript.version).toContain(`TypeScript ${ts.version}`);
  expect(LANGUAGES.typescript.notes).toMatch(/type errors .* do not by themselves fail the run/i);
});
