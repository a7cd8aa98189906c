import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../desktop/renderer/components/ResultsPanel.js';
import { initialWorkspaceState, workspaceReducer, type WorkspaceState } from '../../desktop/renderer/state/workspace-state.js';
import { twoSum, wrongAnswer } from './fixtures.js';

const open: WorkspaceState = workspaceReducer(initialWorkspaceState, { type: 'open', challenge: twoSum });

describe("a pairing partner's run", () => {
  it('shows as the result, marked with the partner’s name', () => {
    const state = workspaceReducer(open, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: wrongAnswer, by: 'Alice' });
    expect(state.run).toEqual({ status: 'done', mode: 'submit', language: 'javascript', result: wrongAnswer, by: 'Alice' });
    const html = renderToStaticMarkup(<ResultsPanel run={state.run} challenge={twoSum} />);
    expect(html).toContain('data-testid="partner-run"');
    expect(html).toContain('Alice’s run');
  });

  it('does not replace this person’s own judgement in flight', () => {
    const judging = workspaceReducer(open, { type: 'runStarted', mode: 'run' });
    expect(workspaceReducer(judging, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: wrongAnswer, by: 'Alice' })).toBe(judging);
  });

  it('leaves this person’s own results unmarked', () => {
    const judging = workspaceReducer(open, { type: 'runStarted', mode: 'run' });
    const done = workspaceReducer(judging, { type: 'runFinished', result: wrongAnswer });
    expect(renderToStaticMarkup(<ResultsPanel run={done.run} challenge={twoSum} />)).not.toContain('partner-run');
  });
});
