import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../desktop/renderer/components/ResultsPanel.js';
import type { RunState } from '../../desktop/renderer/state/workspace-state.js';
import { twoSum, wrongAnswer } from './fixtures.js';

function render(run: RunState): string {
  return renderToStaticMarkup(<ResultsPanel run={run} challenge={twoSum} />);
}

/** The text inside the element carrying role="status". */
function statusText(html: string): string {
  const match = /role="status"[^>]*>(.*?)<\/div>/s.exec(html);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
}

describe('results panel', () => {
  it('shows the verdict in plain words as a status', () => {
    const html = render({ status: 'done', mode: 'submit', language: 'javascript', result: wrongAnswer });
    expect(statusText(html)).toBe('Wrong answer');
    expect(html).toContain('Submit · 1/3 tests passed · 230 ms');
  });

  it('renders one row per test with its outcome and time', () => {
    const html = render({ status: 'done', mode: 'run', language: 'javascript', result: wrongAnswer });
    expect(html.match(/data-testid="test-row"/g)).toHaveLength(3);
    expect(html).toMatch(/data-outcome="passed".*example 1.*Passed.*2 ms/s);
    expect(html).toMatch(/data-outcome="failed".*example 2.*Failed/s);
  });

  it('shows input, expected and received for a visible failure with the difference marked', () => {
    const html = render({ status: 'done', mode: 'run', language: 'javascript', result: wrongAnswer });
    expect(html).toContain('[3, 2, 4], 6');
    expect(html).toContain('[<mark class="diff-expected">1</mark>, 2]');
    expect(html).toContain('[<mark class="diff-actual">0</mark>, 2]');
  });

  it('shows a hidden test only as passed or failed, never its values', () => {
    const html = render({ status: 'done', mode: 'submit', language: 'javascript', result: wrongAnswer });
    const hiddenRow = /<li[^>]*>(?:(?!<li).)*big input(?:(?!<\/li>).)*<\/li>/s.exec(html)?.[0] ?? '';
    expect(hiddenRow).toContain('big input (hidden)');
    expect(hiddenRow).toContain('Failed');
    expect(hiddenRow).not.toContain('Expected');
  });

  it('shows the console output and the run error with its line', () => {
    const html = render({
      status: 'done',
      mode: 'run',
      language: 'python',
      result: { ...wrongAnswer, verdict: 'compile_error', tests: [], error: { message: 'SyntaxError: invalid syntax', line: 3 } },
    });
    expect(statusText(html)).toBe('Compile error');
    expect(html).toContain('Line 3: SyntaxError: invalid syntax');
    expect(html).toContain('checking 3 numbers');
  });

  it('shows a progress status while judging', () => {
    expect(statusText(render({ status: 'judging', mode: 'submit', language: 'javascript' }))).toBe('Judging all tests…');
    expect(statusText(render({ status: 'judging', mode: 'run', language: 'javascript' }))).toBe('Running tests…');
  });

  it('says the judge is unreachable when the run could not be sent', () => {
    const html = render({
      status: 'failed',
      mode: 'run',
      language: 'javascript',
      error: { kind: 'unreachable', url: 'http://127.0.0.1:8080', message: 'Cannot reach the judge at http://127.0.0.1:8080 (connection refused).' },
    });
    expect(statusText(html)).toBe('Judge unreachable');
    expect(html).toContain('Cannot reach the judge at http://127.0.0.1:8080');
  });

  it('says when a process sandbox judged, and says nothing for a container', () => {
    const onProcess = render({ status: 'done', mode: 'run', language: 'javascript', result: { ...wrongAnswer, sandbox: 'process' } });
    expect(onProcess).toMatch(/data-testid="process-sandbox"[^>]*title="[^"]*weaker than a container[^"]*">Process sandbox</);
    const onDocker = render({ status: 'done', mode: 'run', language: 'javascript', result: { ...wrongAnswer, sandbox: 'docker' } });
    expect(onDocker).not.toContain('process-sandbox');
  });
});
