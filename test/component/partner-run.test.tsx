import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../desktop/renderer/components/ResultsPanel.js';
import { partnerLabel } from '../../desktop/renderer/pairing/partner-label.js';
import { initialWorkspaceState, workspaceReducer, type WorkspaceState } from '../../desktop/renderer/state/workspace-state.js';
import type { SubmissionResult } from '../../protocol/index.js';
import { twoSum, wrongAnswer } from './fixtures.js';

/** What a hostile partner would send: an "Accepted" that was never judged on this machine. */
const accepted: SubmissionResult = { ...wrongAnswer, id: 'sub-forged', verdict: 'accepted', tests: [] };
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

  it('never replaces this person’s own finished result, even with an Accepted', () => {
    const judging = workspaceReducer(open, { type: 'runStarted', mode: 'submit' });
    const done = workspaceReducer(judging, { type: 'runFinished', result: wrongAnswer });
    const after = workspaceReducer(done, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: accepted, by: 'Eve' });
    expect(after).toBe(done);
    expect(renderToStaticMarkup(<ResultsPanel run={after.run} challenge={twoSum} />)).not.toContain('partner-run');
  });

  it('never replaces this person’s own failed run', () => {
    const judging = workspaceReducer(open, { type: 'runStarted', mode: 'run' });
    const failed = workspaceReducer(judging, { type: 'runFailed', error: { kind: 'unreachable', message: 'down' } });
    expect(workspaceReducer(failed, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: accepted, by: 'Eve' })).toBe(failed);
  });

  it('replaces an earlier partner run with a newer one', () => {
    const first = workspaceReducer(open, { type: 'partnerRun', mode: 'run', language: 'javascript', result: wrongAnswer, by: 'Alice' });
    const second = workspaceReducer(first, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: accepted, by: 'Alice' });
    expect(second.run).toMatchObject({ status: 'done', mode: 'submit', by: 'Alice' });
  });

  it('is labelled "Partner’s run" when the partner uses this person’s own name or none', () => {
    expect(partnerLabel('Alice', 'Bob')).toBe('Alice');
    expect(partnerLabel(' bob ', 'Bob')).toBe('Partner');
    expect(partnerLabel(undefined, 'Bob')).toBe('Partner');
    expect(partnerLabel('   ', 'Bob')).toBe('Partner');
    const state = workspaceReducer(open, { type: 'partnerRun', mode: 'submit', language: 'javascript', result: accepted, by: partnerLabel('Bob', 'Bob') });
    expect(renderToStaticMarkup(<ResultsPanel run={state.run} challenge={twoSum} />)).toContain('Partner’s run');
  });
});
