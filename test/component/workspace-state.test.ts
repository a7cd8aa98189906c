import { describe, expect, it } from 'vitest';
import { buildSubmission, parseCustomCase } from '../../desktop/renderer/state/build-submission.js';
import { judgeWorkspace } from '../../desktop/renderer/state/judge-workspace.js';
import { initialWorkspaceState, workspaceReducer, type WorkspaceAction, type WorkspaceState } from '../../desktop/renderer/state/workspace-state.js';
import { createWorkspaceStore } from '../../desktop/renderer/state/workspace-store.js';
import { persistDrafts, readDrafts } from '../../desktop/renderer/state/drafts.js';
import { twoSum, wrongAnswer } from './fixtures.js';

function apply(...actions: WorkspaceAction[]): WorkspaceState {
  return actions.reduce(workspaceReducer, initialWorkspaceState);
}

describe('workspace state', () => {
  it('opens a challenge with the starter code of its first language', () => {
    const state = apply({ type: 'open', challenge: twoSum });
    expect(state.language).toBe('javascript');
    expect(state.code).toEqual({ javascript: twoSum.starter.javascript });
    expect(state.run).toEqual({ status: 'idle' });
  });

  it('keeps the code of each language when switching back and forth', () => {
    const state = apply(
      { type: 'open', challenge: twoSum },
      { type: 'editCode', language: 'javascript', code: 'const mine = 1;' },
      { type: 'selectLanguage', language: 'python' },
      { type: 'editCode', language: 'python', code: 'mine = 2' },
      { type: 'selectLanguage', language: 'javascript' },
    );
    expect(state.language).toBe('javascript');
    expect(state.code).toEqual({ javascript: 'const mine = 1;', python: 'mine = 2' });
  });

  it('ignores a language the challenge does not offer', () => {
    const opened = apply({ type: 'open', challenge: { ...twoSum, languages: ['javascript'] } });
    expect(workspaceReducer(opened, { type: 'selectLanguage', language: 'python' })).toBe(opened);
  });

  it('resets a language to its starter code', () => {
    const state = apply({ type: 'open', challenge: twoSum }, { type: 'editCode', language: 'javascript', code: 'x' }, { type: 'resetCode', language: 'javascript' });
    expect(state.code.javascript).toBe(twoSum.starter.javascript);
  });

  it('runs one judgement at a time and records its result with mode and language', () => {
    const judging = apply({ type: 'open', challenge: twoSum }, { type: 'runStarted', mode: 'submit' });
    expect(judging.run).toEqual({ status: 'judging', mode: 'submit', language: 'javascript' });
    expect(workspaceReducer(judging, { type: 'runStarted', mode: 'run' })).toBe(judging);
    const done = workspaceReducer(judging, { type: 'runFinished', result: wrongAnswer });
    expect(done.run).toEqual({ status: 'done', mode: 'submit', language: 'javascript', result: wrongAnswer });
    expect(workspaceReducer(done, { type: 'runFinished', result: wrongAnswer })).toBe(done);
  });

  it('adds, edits and removes custom cases with unique ids', () => {
    const state = apply(
      { type: 'open', challenge: twoSum },
      { type: 'addCase' },
      { type: 'addCase', argsText: '[[1, 2], 3]', expectedText: '[0, 1]' },
      { type: 'removeCase', id: 'case-1' },
      { type: 'addCase' },
      { type: 'updateCase', id: 'case-2', patch: { name: 'small' } },
    );
    expect(state.customCases.map((item) => [item.id, item.name])).toEqual([
      ['case-2', 'small'],
      ['case-3', 'my test 3'],
    ]);
  });
});

describe('building a submission', () => {
  const opened = apply({ type: 'open', challenge: twoSum }, { type: 'editCode', language: 'javascript', code: 'function twoSum() { return [0, 1]; }' });

  it('submits all tests without the custom cases', () => {
    const built = buildSubmission(workspaceReducer(opened, { type: 'addCase' }), 'submit');
    expect(built).toEqual({ ok: true, request: { language: 'javascript', code: 'function twoSum() { return [0, 1]; }', challengeId: 'two-sum', mode: 'submit' } });
  });

  it('runs custom cases against the entry of the chosen language', () => {
    const state = workspaceReducer(opened, { type: 'addCase', argsText: '[[1, 2], 3]', expectedText: '[0, 1]' });
    const built = buildSubmission(state, 'run');
    expect(built.ok && built.request.tests).toEqual({ entry: 'twoSum', cases: [{ name: 'custom: my test 1', args: [[1, 2], 3], expected: [0, 1] }] });
  });

  it('refuses to run custom cases that are not valid JSON, naming the box', () => {
    const state = workspaceReducer(opened, { type: 'addCase', argsText: '[1, 2', expectedText: '' });
    const built = buildSubmission(state, 'run');
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((problem) => problem.field)).toEqual(['args', 'expected']);
  });

  it('requires the arguments to be a JSON array and the case to have a name', () => {
    const parsed = parseCustomCase({ id: 'c', name: ' ', argsText: '{"a": 1}', expectedText: '1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((problem) => problem.field)).toEqual(['name', 'args']);
  });

  it('refuses empty code', () => {
    const state = workspaceReducer(opened, { type: 'editCode', language: 'javascript', code: '  \n' });
    expect(buildSubmission(state, 'run')).toMatchObject({ ok: false, message: 'Write some code first.' });
  });
});

describe('judging through the store', () => {
  it('moves from judging to the result and notifies subscribers', async () => {
    const store = createWorkspaceStore(apply({ type: 'open', challenge: twoSum }));
    const seen: string[] = [];
    store.subscribe((state) => seen.push(state.run.status));
    const outcome = await judgeWorkspace(store, { submit: async () => ({ ok: true, value: wrongAnswer }) }, 'run');
    expect(outcome).toEqual({ started: true, result: wrongAnswer });
    expect(seen).toEqual(['judging', 'done']);
  });

  it('records a bridge failure as a failed run', async () => {
    const store = createWorkspaceStore(apply({ type: 'open', challenge: twoSum }));
    const error = { kind: 'unreachable' as const, url: 'http://127.0.0.1:9', message: 'Cannot reach the judge at http://127.0.0.1:9.' };
    await judgeWorkspace(store, { submit: async () => ({ ok: false, error }) }, 'submit');
    expect(store.getState().run).toEqual({ status: 'failed', mode: 'submit', language: 'javascript', error });
  });
});

describe('drafts', () => {
  function memory() {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  }

  it('saves edited code per language and opens the challenge with it', async () => {
    const storage = memory();
    const store = createWorkspaceStore(apply({ type: 'open', challenge: twoSum }));
    const stop = persistDrafts(store, storage, 5);
    store.dispatch({ type: 'editCode', language: 'javascript', code: 'const draft = 1;' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(readDrafts(storage, 'two-sum')).toEqual({ javascript: 'const draft = 1;' });
    const reopened = apply({ type: 'open', challenge: twoSum, code: readDrafts(storage, 'two-sum') });
    expect(reopened.code.javascript).toBe('const draft = 1;');
  });

  it('ignores damaged drafts and unknown languages', () => {
    const storage = memory();
    storage.setItem('pairjudge.draft.two-sum', '{"cobol": "x", "python": 3');
    expect(readDrafts(storage, 'two-sum')).toEqual({});
    storage.setItem('pairjudge.draft.two-sum', '{"cobol": "x", "python": "y"}');
    expect(readDrafts(storage, 'two-sum')).toEqual({ python: 'y' });
  });
});
