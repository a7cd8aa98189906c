/**
 * The outcome of the last Run or Submit: a status with the verdict in plain words, a summary,
 * the error that stopped the run (with its line), one row per test, and the console output.
 */
import { VERDICT_LABELS, isIoTest, type PublicChallenge } from '../../../protocol/index.js';
import type { RunState } from '../state/workspace-state.js';
import { formatDuration } from '../format/format-duration.js';
import { TestRow } from './TestRow.js';

export interface ResultsPanelProps {
  run: RunState;
  challenge: PublicChallenge | null;
  /** Name of the shortcut modifier: "Ctrl", or "⌘" on macOS. */
  modKey?: string;
}

export function ResultsPanel({ run, challenge, modKey = 'Ctrl' }: ResultsPanelProps) {
  if (run.status === 'idle') {
    return (
      <div className="results-empty">
        <div role="status" className="verdict verdict-idle" data-testid="verdict">
          Not run yet
        </div>
        <p className="muted">
          <strong>Run</strong> checks the visible tests and your own; <strong>Submit</strong> judges all tests, hidden ones
          included.
        </p>
        <p className="muted shortcuts">
          <kbd>{modKey}</kbd>+<kbd>Enter</kbd> runs · <kbd>{modKey}</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> submits
        </p>
      </div>
    );
  }

  if (run.status === 'judging') {
    return (
      <div className="results-judging" aria-busy="true">
        <div role="status" className="verdict verdict-judging" data-testid="verdict">
          <span className="spinner" aria-hidden="true" />
          {run.mode === 'submit' ? 'Judging all tests…' : 'Running tests…'}
        </div>
      </div>
    );
  }

  if (run.status === 'queued') {
    return (
      <div className="results-queued">
        <div role="status" className="verdict verdict-queued" data-testid="verdict">
          Queued
        </div>
        <p className="muted">
          The judge is unreachable. This Submit waits in the outbox with this exact code and is sent once the judge is back; its official
          verdict then appears here and as a notification.
        </p>
      </div>
    );
  }

  if (run.status === 'failed') {
    const { error } = run;
    return (
      <div className="results-failed">
        <div role="status" className="verdict verdict-problem" data-testid="verdict">
          {error.kind === 'unreachable' ? 'Judge unreachable' : error.kind === 'invalid' ? 'Request refused' : 'Could not judge'}
        </div>
        <p className="problem-text">{error.message}</p>
        {error.field && <p className="muted">Field: {error.field}</p>}
      </div>
    );
  }

  const { result } = run;
  const passed = result.tests.filter((test) => test.passed).length;
  const argsByName = new Map(challenge?.tests.flatMap((test) => (isIoTest(test) ? [] : [[test.name, test.args] as const])) ?? []);
  const accepted = result.verdict === 'accepted';
  return (
    <div className="results-done">
      <div className="results-summary">
        <div role="status" className={`verdict ${accepted ? 'verdict-accepted' : 'verdict-rejected'}`} data-testid="verdict">
          {VERDICT_LABELS[result.verdict]}
        </div>
        <span className="muted">
          {run.mode === 'submit' ? 'Submit' : 'Run'} · {passed}/{result.tests.length} tests passed · {formatDuration(result.durationMs)}
        </span>
        {run.origin === 'local' && (
          <span
            className="pill local-run"
            data-testid="local-run"
            title="Judged on this machine while the judge was unreachable: visible tests and your own only. Not an official verdict."
          >
            Local
          </span>
        )}
        {run.by !== undefined && (
          <span className="pill partner-run" data-testid="partner-run" title="A run by your pairing partner, not yours">
            {run.by}’s run
          </span>
        )}
        {result.sandbox === 'process' && (
          <span
            className="pill process-sandbox"
            data-testid="process-sandbox"
            title="This judge has no Docker: the code ran in a process sandbox, which is weaker than a container. Judge only your own or a trusted partner's code here."
          >
            Process sandbox
          </span>
        )}
      </div>
      {result.error && (
        <pre className="run-error mono" data-testid="run-error">
          {result.error.line !== undefined ? `Line ${result.error.line}: ` : ''}
          {result.error.message}
        </pre>
      )}
      {result.diagnostics && result.diagnostics.length > 0 && (
        <section className="type-errors" aria-label="Type errors" data-testid="type-errors">
          <h3 className="section-title">Type errors (they do not fail the run)</h3>
          <ul className="mono">
            {result.diagnostics.map((diagnostic, index) => (
              <li key={index}>
                Line {diagnostic.line}:{diagnostic.column}: {diagnostic.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.tests.length > 0 && (
        <ol className="test-list" aria-label="Tests">
          {result.tests.map((test, index) => (
            <TestRow key={`${index}-${test.name}`} test={test} args={test.hidden ? undefined : argsByName.get(test.name)} />
          ))}
        </ol>
      )}
      <section className="console" aria-label="Console output">
        <h3 className="section-title">Console</h3>
        {result.stdout ? <pre className="console-output mono">{result.stdout}</pre> : <p className="muted">No output.</p>}
      </section>
    </div>
  );
}
