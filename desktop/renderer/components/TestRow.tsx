/**
 * One test in the results: name, pass/fail and time; for a visible failure, the input, the
 * expected and actual values with the differing part marked, and any error with its line; under
 * it, whatever the test printed. Hidden tests show only whether they passed: their values never
 * reach the client, and the judge withholds their output on Submit (judge-core decides; the row
 * shows what it is given).
 */
import type { TestResult } from '../../../protocol/index.js';
import { formatArgs, formatValue } from '../format/format-value.js';
import { formatDuration } from '../format/format-duration.js';
import { diffParts } from '../format/text-diff.js';

/** A test's result with the console output it printed (the judge sends it per test when it may be shown). */
export type TestWithOutput = TestResult & { stdout?: string };

export interface TestRowProps {
  test: TestWithOutput;
  /** Arguments of the visible test with this name, when the challenge lists it. */
  args?: readonly unknown[];
}

function ValueDiff({ expected, actual }: { expected: unknown; actual: unknown }) {
  const expectedText = formatValue(expected);
  const actualText = actual === undefined ? 'nothing (no value returned)' : formatValue(actual);
  const parts = diffParts(expectedText, actualText);
  return (
    <dl className="value-diff">
      <dt>Expected</dt>
      <dd className="mono">
        {parts.prefix}
        <mark className="diff-expected">{parts.expected}</mark>
        {parts.suffix}
      </dd>
      <dt>Received</dt>
      <dd className="mono">
        {parts.prefix}
        <mark className="diff-actual">{parts.actual}</mark>
        {parts.suffix}
      </dd>
    </dl>
  );
}

export function TestRow({ test, args }: TestRowProps) {
  const outcome = test.passed ? 'passed' : 'failed';
  const showDetails = !test.passed && !test.hidden;
  const hasValues = test.expected !== undefined || test.actual !== undefined;
  return (
    <li className={`test-row test-${outcome}`} data-testid="test-row" data-outcome={outcome}>
      <div className="test-row-head">
        <span className={`test-icon test-icon-${outcome}`} aria-hidden="true">
          {test.passed ? '✓' : '✕'}
        </span>
        <span className="test-name">{test.hidden ? `${test.name} (hidden)` : test.name}</span>
        <span className="test-outcome">{test.passed ? 'Passed' : 'Failed'}</span>
        <span className="test-time">{formatDuration(test.timeMs)}</span>
      </div>
      {showDetails && (
        <div className="test-details">
          {args && (
            <dl className="value-diff">
              <dt>Input</dt>
              <dd className="mono">{formatArgs(args)}</dd>
            </dl>
          )}
          {hasValues && !test.error && <ValueDiff expected={test.expected} actual={test.actual} />}
          {test.error && (
            <p className="test-error mono">
              {test.error}
              {test.line !== undefined && <span className="test-error-line"> (line {test.line})</span>}
            </p>
          )}
        </div>
      )}
      {test.stdout ? (
        // Text, never HTML: user code chose every byte of it.
        <pre className="console-output test-output mono" data-testid="test-output" aria-label={`Console output of ${test.name}`}>
          {test.stdout}
        </pre>
      ) : null}
    </li>
  );
}
