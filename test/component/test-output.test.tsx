/** Each test's console output under its row in the results panel. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../desktop/renderer/components/ResultsPanel.js';
import type { RunState } from '../../desktop/renderer/state/workspace-state.js';
import type { SubmissionResult } from '../../protocol/index.js';
import { twoSum, wrongAnswer } from './fixtures.js';

function withOutputs(outputs: (string | undefined)[]): SubmissionResult {
  return { ...wrongAnswer, tests: wrongAnswer.tests.map((test, i) => ({ ...test, ...(outputs[i] !== undefined ? { stdout: outputs[i] } : {}) })) };
}

function render(result: SubmissionResult): string {
  const run: RunState = { status: 'done', mode: 'run', language: 'javascript', result };
  return renderToStaticMarkup(<ResultsPanel run={run} challenge={twoSum} />);
}

/** The <li> of the row whose test is called `name`. */
function row(html: string, name: string): string {
  return [...html.matchAll(/<li[^>]*data-testid="test-row"[^>]*>.*?<\/li>/gs)].map((m) => m[0]).find((li) => li.includes(name)) ?? '';
}

describe("each test's console output", () => {
  it('shows what a test printed inside its own row, passed or failed', () => {
    const names = wrongAnswer.tests.map((t) => t.name);
    const html = render(withOutputs(['first says hi\n', 'second: 42']));
    expect(row(html, names[0]!)).toMatch(/data-testid="test-output"[^>]*>first says hi\n<\/pre>/);
    expect(row(html, names[1]!)).toContain('second: 42');
    expect(row(html, names[0]!)).not.toContain('second: 42');
    expect(row(html, names[0]!)).toContain(`aria-label="Console output of ${names[0]}"`);
  });

  it('shows no output block for a test that printed nothing or whose output was withheld', () => {
    const html = render(withOutputs(['only the first', '', undefined]));
    expect(html.match(/data-testid="test-output"/g)).toHaveLength(1);
  });

  it('shows printed markup as text, not as HTML', () => {
    const html = render(withOutputs(['<img src=x onerror=alert(1)>']));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });
});
