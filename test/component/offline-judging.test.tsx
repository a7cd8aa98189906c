/**
 * Offline judging in the workspace state and the results panel: a queued Submit, its official
 * verdict replacing it, a local result marked as such, and the judge mode derived from Settings
 * and reachability.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../desktop/renderer/components/ConfirmDialog.js';
import { ResultsPanel } from '../../desktop/renderer/components/ResultsPanel.js';
import { deriveMode, isLanAddress } from '../../desktop/renderer/offline/judge-mode.js';
import { initialWorkspaceState, workspaceReducer, type WorkspaceState } from '../../desktop/renderer/state/workspace-state.js';
import { twoSum, wrongAnswer } from './fixtures.js';

function judging(): WorkspaceState {
  const open = workspaceReducer(initialWorkspaceState, { type: 'open', challenge: twoSum });
  return workspaceReducer(open, { type: 'runStarted', mode: 'submit' });
}

describe('offline judging', () => {
  it('shows a queued Submit, then its official verdict, and ignores the verdict of another entry', () => {
    const queued = workspaceReducer(judging(), { type: 'runQueued', key: 'key-1' });
    expect(queued.run).toMatchObject({ status: 'queued', key: 'key-1' });
    const html = renderToStaticMarkup(<ResultsPanel run={queued.run} challenge={twoSum} />);
    expect(html).toContain('Queued');
    expect(html).toContain('waits in the outbox');
    expect(workspaceReducer(queued, { type: 'outboxSettled', key: 'other', result: wrongAnswer })).toBe(queued);
    const settled = workspaceReducer(queued, { type: 'outboxSettled', key: 'key-1', result: wrongAnswer });
    expect(settled.run).toMatchObject({ status: 'done', mode: 'submit', origin: 'official', result: wrongAnswer });
    expect(renderToStaticMarkup(<ResultsPanel run={settled.run} challenge={twoSum} />)).not.toContain('data-testid="local-run"');
  });

  it('marks a local result "Local", and an official one not', () => {
    const local = workspaceReducer(judging(), { type: 'runFinished', result: wrongAnswer, origin: 'local' });
    expect(renderToStaticMarkup(<ResultsPanel run={local.run} challenge={twoSum} />)).toContain('data-testid="local-run"');
    const official = workspaceReducer(judging(), { type: 'runFinished', result: wrongAnswer });
    expect(renderToStaticMarkup(<ResultsPanel run={official.run} challenge={twoSum} />)).not.toContain('data-testid="local-run"');
  });

  it('derives the judge mode from the setting, reachability and the gateway address', () => {
    expect(deriveMode('auto', undefined, 'https://judge.example.org')).toBe('cloud');
    expect(deriveMode('auto', false, 'https://judge.example.org')).toBe('local');
    expect(deriveMode('auto', true, 'http://192.168.1.20:8080')).toBe('lan');
    expect(deriveMode('cloud', false, 'https://judge.example.org')).toBe('cloud');
    expect(deriveMode('local', true, 'https://judge.example.org')).toBe('local');
    expect(isLanAddress('http://127.0.0.1:8080')).toBe(false);
    expect(isLanAddress('http://10.0.0.5:8080')).toBe(true);
    expect(isLanAddress('http://pairhost.local:8080')).toBe(true);
    expect(isLanAddress('http://172.32.0.1')).toBe(false);
  });

  it('asks before a partner’s code runs outside a container: the reason, Cancel first, then the yes', () => {
    const html = renderToStaticMarkup(
      <ConfirmDialog title="Run your partner's code on this machine?" message="This machine has no Docker." confirmLabel="Run here anyway" onAnswer={() => undefined} />,
    );
    expect(html).toContain('aria-describedby="confirm-message"');
    expect(html).toContain('This machine has no Docker.');
    expect(html.indexOf('Cancel')).toBeLessThan(html.indexOf('Run here anyway'));
  });
});
