/**
 * A result as text for a terminal, with what the app's results panel shows: the verdict, a row
 * per test (expected and actual for visible failures; hidden tests only pass or fail), the error
 * with its line, the console output, and which sandbox judged. Values are formatted by the same
 * pure function the app uses, so `undefined`, NaN and Maps read the same in both.
 */
import { VERDICT_LABELS, type SubmissionResult } from '../protocol/index.js';
import { formatDuration } from '../desktop/renderer/format/format-duration.js';
import { formatValue } from '../desktop/renderer/format/format-value.js';

export interface Colours {
  green(text: string): string;
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ANSI: Colours = {
  green: (t) => `\x1b[32m${t}\x1b[39m`,
  red: (t) => `\x1b[31m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};
const PLAIN: Colours = { green: (t) => t, red: (t) => t, dim: (t) => t, bold: (t) => t };

export function colours(enabled: boolean): Colours {
  return enabled ? ANSI : PLAIN;
}

/** Where the verdict came from, in words. `sandbox` is the result's own field when it has one. */
export function describeJudge(where: { local: boolean; server?: string; sandbox?: string }): string {
  const sandbox =
    where.sandbox === 'process'
      ? 'a process sandbox (weaker than a container: for your own code only)'
      : where.sandbox === 'docker'
        ? 'a Docker container'
        : 'the judge’s sandbox';
  return where.local ? `judged here by ${sandbox}` : `judged by ${where.server} in ${sandbox}`;
}

function indent(text: string, prefix: string): string {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

export function formatResult(result: SubmissionResult, judgedBy: string, c: Colours): string {
  const lines: string[] = [];
  const accepted = result.verdict === 'accepted';
  const passed = result.tests.filter((t) => t.passed).length;
  const label = VERDICT_LABELS[result.verdict] ?? result.verdict;
  lines.push(
    `${(accepted ? c.green : c.red)(c.bold(label))}  ${passed}/${result.tests.length} tests passed  ${c.dim(formatDuration(result.durationMs))}`,
  );
  if (result.error) {
    const at = result.error.line !== undefined ? ` (line ${result.error.line})` : '';
    lines.push(c.red(indent(`${result.error.message}${at}`, '  ')));
  }
  for (const test of result.tests) {
    const mark = test.passed ? c.green('✓') : c.red('✗');
    const time = test.timeMs !== undefined ? `  ${c.dim(formatDuration(test.timeMs))}` : '';
    lines.push(`  ${mark} ${test.name}${test.hidden ? c.dim(' (hidden)') : ''}${time}`);
    // What the test printed, under its own row (hidden tests' output is never sent).
    if (test.stdout) lines.push(indent(test.stdout, '      │ '));
    if (test.passed) continue;
    if (!test.hidden && ('expected' in test || 'actual' in test)) {
      lines.push(`      expected: ${formatValue(test.expected)}`);
      lines.push(`      actual:   ${formatValue(test.actual)}`);
    }
    if (test.error) {
      const at = test.line !== undefined ? ` (line ${test.line})` : '';
      lines.push(c.red(indent(`${test.error}${at}`, '      ')));
    }
  }
  if (result.stdout !== '') {
    lines.push('console output:');
    lines.push(indent(result.stdout, '  │ '));
  }
  lines.push(c.dim(judgedBy));
  return `${lines.join('\n')}\n`;
}
