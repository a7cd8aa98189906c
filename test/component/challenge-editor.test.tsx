/** The "Write a challenge" form: checking the draft names the box at fault; the preview renders markdown safely. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { draftFromChallenge, draftToInput, emptyDraft, type ChallengeDraft } from '../../desktop/renderer/authoring/challenge-draft.js';
import type { PairJudgeBridge } from '../../desktop/renderer/bridge/bridge-api.js';
import { ChallengeEditor } from '../../desktop/renderer/components/ChallengeEditor.js';

function goodDraft(): ChallengeDraft {
  const draft = emptyDraft();
  draft.title = 'Add two';
  draft.statement = '# Add two\n\nReturn **a + b**.';
  draft.languages.javascript = { enabled: true, entry: 'add', starter: 'function add(a, b) {}', reference: 'function add(a, b) { return a + b; }' };
  draft.languages.python = { enabled: true, entry: 'add', starter: 'def add(a, b):\n    pass', reference: '' };
  draft.visibleTests = '[{ "name": "small", "args": [1, 2], "expected": 3 }]';
  draft.hiddenTests = '[{ "name": "big", "args": [1000, 2000], "expected": 3000 }]';
  return draft;
}

describe('checking a challenge draft', () => {
  it('turns a good draft into the request body, hidden tests flagged, references only where given', () => {
    const checked = draftToInput(goodDraft());
    expect(checked).toEqual({
      ok: true,
      value: {
        title: 'Add two',
        difficulty: 'easy',
        tags: [],
        statement: '# Add two\n\nReturn **a + b**.',
        entry: { javascript: 'add', python: 'add' },
        starter: { javascript: 'function add(a, b) {}', python: 'def add(a, b):\n    pass' },
        tests: [
          { name: 'small', args: [1, 2], expected: 3, hidden: false },
          { name: 'big', args: [1000, 2000], expected: 3000, hidden: true },
        ],
        reference: { javascript: 'function add(a, b) { return a + b; }' },
      },
    });
  });

  const bad: [string, (d: ChallengeDraft) => void, string][] = [
    ['a missing title', (d) => (d.title = ' '), 'Title'],
    ['tests that are not JSON', (d) => (d.hiddenTests = '[{ name: 1 }]'), 'Hidden tests'],
    ['tests that are not an array', (d) => (d.visibleTests = '{}'), 'Visible tests'],
    ['a test without args', (d) => (d.hiddenTests = '[{ "name": "x", "expected": 1 }]'), 'Hidden tests [0].args'],
    ['a test without expected', (d) => (d.visibleTests = '[{ "name": "x", "args": [] }]'), 'Visible tests [0].expected'],
    ['a test with an unknown field', (d) => (d.visibleTests = '[{ "name": "x", "args": [], "expected": 1, "input": 2 }]'), 'Visible tests [0].input'],
    ['a test name used twice', (d) => (d.hiddenTests = '[{ "name": "small", "args": [], "expected": 1 }]'), 'Hidden tests'],
    ['a function name that is not an identifier', (d) => (d.languages.python!.entry = 'add two'), 'Python function name'],
    ['no language offered', (d) => Object.values(d.languages).forEach((l) => (l.enabled = false)), 'Languages'],
  ];
  for (const [name, edit, field] of bad) {
    it(`names "${field}" for ${name}`, () => {
      const draft = goodDraft();
      edit(draft);
      const checked = draftToInput(draft);
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        expect(checked.field).toBe(field);
        expect(checked.message.startsWith(field)).toBe(true);
      }
    });
  }

  it('starts an edit from the served challenge with the hidden tests empty', () => {
    const draft = draftFromChallenge({
      id: 'add-1',
      title: 'Add',
      difficulty: 'medium',
      tags: ['math'],
      languages: ['javascript'],
      statement: 'Add.',
      entry: { javascript: 'add' },
      starter: { javascript: 'function add() {}' },
      tests: [{ name: 'small', args: [1, 2], expected: 3 }],
      hiddenTestCount: 2,
    });
    expect(draft.languages.javascript).toMatchObject({ enabled: true, entry: 'add' });
    expect(draft.languages.python?.enabled).toBe(false);
    expect(draft.hiddenTests).toBe('[]');
    expect(JSON.parse(draft.visibleTests)).toEqual([{ name: 'small', args: [1, 2], expected: 3 }]);
  });
});

describe('the editor', () => {
  const bridge = {} as PairJudgeBridge;

  it('shows the statement as rendered markdown, with raw HTML escaped', () => {
    const draft = goodDraft();
    draft.statement = 'Return **a + b**. <img src=x onerror=alert(1)>';
    const html = renderToStaticMarkup(<ChallengeEditor bridge={bridge} editingId={null} initial={draft} onSaved={() => {}} onCancel={() => {}} />);
    expect(html).toContain('<strong>a + b</strong>');
    expect(html).not.toContain('<img src');
    expect(html).toContain('Hidden tests (JSON)');
    expect(html).toContain('JavaScript function name');
  });

  it('warns, when editing, that hidden tests must be entered again', () => {
    const html = renderToStaticMarkup(<ChallengeEditor bridge={bridge} editingId="add-1" initial={goodDraft()} onSaved={() => {}} onCancel={() => {}} />);
    expect(html).toContain('never sends hidden tests');
  });
});
