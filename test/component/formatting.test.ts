import { describe, expect, it } from 'vitest';
import { formatArgs, formatValue } from '../../desktop/renderer/format/format-value.js';
import { diffParts } from '../../desktop/renderer/format/text-diff.js';
import { renderMarkdown } from '../../desktop/renderer/markdown/render-markdown.js';
import type { SubmissionResult } from '../../protocol/index.js';
import { markersFor } from '../../desktop/renderer/state/markers.js';
import { wrongAnswer } from './fixtures.js';

describe('value display', () => {
  it('shows JSON values the way a programmer reads them', () => {
    expect(formatValue([0, 1])).toBe('[0, 1]');
    expect(formatValue('hi')).toBe('"hi"');
    expect(formatValue({ a: 1, 'b c': [true, null] })).toBe('{ a: 1, "b c": [true, null] }');
    expect(formatArgs([[2, 7], 9])).toBe('[2, 7], 9');
  });

  it('spells out tagged values that JSON cannot carry', () => {
    expect(formatValue({ $pj: 'undefined' })).toBe('undefined');
    expect(formatValue({ $pj: 'nan' })).toBe('NaN');
    expect(formatValue({ $pj: 'infinity', sign: -1 })).toBe('-Infinity');
    expect(formatValue({ $pj: 'bigint', value: '12' })).toBe('12n');
    expect(formatValue({ $pj: 'map', entries: [['a', 1]] })).toBe('Map(1) { "a" => 1 }');
    expect(formatValue({ $pj: 'set', values: [1, 2] })).toBe('Set(2) { 1, 2 }');
    expect(formatValue([{ $pj: 'circular' }, { $pj: 'function', name: 'f' }])).toBe('[[Circular], [Function f]]');
  });
});

describe('value diff', () => {
  it('marks only the differing middle', () => {
    expect(diffParts('[1, 2]', '[0, 2]')).toEqual({ prefix: '[', expected: '1', actual: '0', suffix: ', 2]' });
    expect(diffParts('[0, 1]', '[0, 1, 2]')).toEqual({ prefix: '[0, 1', expected: '', actual: ', 2', suffix: ']' });
    expect(diffParts('same', 'same')).toEqual({ prefix: 'same', expected: '', actual: '', suffix: '' });
  });
});

describe('statement markdown', () => {
  it('renders markdown and shows raw HTML as text', () => {
    const html = renderMarkdown('# Title\n\nUse `twoSum`.\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<code>twoSum</code>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps http links and drops script links', () => {
    expect(renderMarkdown('[docs](https://example.org)')).toContain('<a href="https://example.org" rel="noreferrer noopener">docs</a>');
    const html = renderMarkdown('[click](javascript:alert(1))');
    expect(html).not.toContain('href');
    expect(html).toContain('click');
  });
});

describe('editor markers', () => {
  it('marks the run error line and test error lines of the current language only', () => {
    const result = {
      ...wrongAnswer,
      error: { message: 'ReferenceError: x is not defined', line: 4 },
      tests: [{ name: 'example 1', passed: false, hidden: false, error: 'TypeError: boom', line: 2 }],
    };
    const run = { status: 'done' as const, mode: 'run' as const, language: 'javascript' as const, result };
    expect(markersFor(run, 'javascript')).toEqual([
      { line: 4, message: 'ReferenceError: x is not defined' },
      { line: 2, message: 'example 1: TypeError: boom' },
    ]);
    expect(markersFor(run, 'python')).toEqual([]);
  });

  it('marks type errors as warnings at their column, after the errors that failed the run', () => {
    const result: SubmissionResult = {
      id: 's2',
      status: 'done',
      verdict: 'accepted',
      tests: [{ name: 'example 1', passed: true, hidden: false }],
      stdout: '',
      durationMs: 5,
      diagnostics: [{ line: 3, column: 9, message: "TS2322: Type 'number' is not assignable to type 'string'." }],
    };
    const run = { status: 'done' as const, mode: 'run' as const, language: 'typescript' as const, result };
    expect(markersFor(run, 'typescript')).toEqual([{ line: 3, column: 9, message: "TS2322: Type 'number' is not assignable to type 'string'.", severity: 'warning' }]);
  });
});
