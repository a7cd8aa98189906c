/**
 * "Write a challenge": a coach's own problem, saved on the judge with the coach token from the
 * settings. The statement is markdown with a live preview (the app's own renderer, which escapes
 * raw HTML); tests are JSON, checked here first and by the judge again, and every refusal names
 * the box it is about. Reference solutions, when given, are run by the judge before it saves.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { LANGUAGE_IDS, type Difficulty } from '../../../protocol/index.js';
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import { draftToInput, languageName, type ChallengeDraft, type LanguageDraft } from '../authoring/challenge-draft.js';
import { renderMarkdown } from '../markdown/render-markdown.js';

export interface ChallengeEditorProps {
  bridge: PairJudgeBridge;
  /** The challenge being replaced, or null for a new one. */
  editingId: string | null;
  initial: ChallengeDraft;
  onSaved(id: string): void;
  onCancel(): void;
}

export function ChallengeEditor({ bridge, editingId, initial, onSaved, onCancel }: ChallengeEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const preview = useMemo(() => renderMarkdown(draft.statement), [draft.statement]);

  const setLanguage = (id: string, patch: Partial<LanguageDraft>) =>
    setDraft((d) => ({ ...d, languages: { ...d.languages, [id]: { ...d.languages[id]!, ...patch } } }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = draftToInput(draft);
    if (!checked.ok) {
      setProblem({ field: checked.field, message: checked.message });
      return;
    }
    setProblem(null);
    setSaving(true);
    const answer = await bridge.authoring.save(editingId, checked.value);
    setSaving(false);
    if (answer.ok) onSaved(answer.value.id);
    else setProblem({ ...(answer.error.field ? { field: answer.error.field } : {}), message: answer.error.message });
  };

  return (
    <form className="challenge-editor" onSubmit={onSubmit} aria-label="Write a challenge">
      <h1>{editingId ? 'Edit challenge' : 'Write a challenge'}</h1>
      {editingId && (
        <p className="field-help" role="note">
          The judge never sends hidden tests or reference solutions back, not even to you: enter them again, or the saved challenge will have none.
        </p>
      )}
      <div className="editor-row">
        <label className="field grow">
          <span className="field-label">Title</span>
          <input value={draft.title} maxLength={120} onChange={(e) => setDraft({ ...draft, title: e.target.value })} required />
        </label>
        <label className="field">
          <span className="field-label">Difficulty</span>
          <select value={draft.difficulty} onChange={(e) => setDraft({ ...draft, difficulty: e.target.value as Difficulty })}>
            <option value="easy">Easy</option>
            <option value="medium">Medium</option>
            <option value="hard">Hard</option>
          </select>
        </label>
        <label className="field grow">
          <span className="field-label">Tags</span>
          <input value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} placeholder="array, hash-map" />
        </label>
      </div>

      <div className="editor-row">
        <label className="field grow">
          <span className="field-label">Statement (markdown)</span>
          <textarea className="mono" rows={12} value={draft.statement} onChange={(e) => setDraft({ ...draft, statement: e.target.value })} spellCheck />
        </label>
        <section className="field grow" aria-label="Statement preview">
          <span className="field-label">Preview</span>
          <div className="markdown statement-preview" data-testid="statement-preview" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      </div>

      {LANGUAGE_IDS.map((id) => {
        const lang = draft.languages[id]!;
        const name = languageName(id);
        return (
          <fieldset key={id} className="language-fieldset">
            <legend>
              <label>
                <input type="checkbox" checked={lang.enabled} onChange={(e) => setLanguage(id, { enabled: e.target.checked })} /> {name}
              </label>
            </legend>
            {lang.enabled && (
              <>
                <label className="field">
                  <span className="field-label">{name} function name</span>
                  <input className="mono" value={lang.entry} onChange={(e) => setLanguage(id, { entry: e.target.value })} placeholder={id === 'python' ? 'two_sum' : 'twoSum'} />
                </label>
                <div className="editor-row">
                  <label className="field grow">
                    <span className="field-label">{name} starter code</span>
                    <textarea className="mono" rows={6} value={lang.starter} onChange={(e) => setLanguage(id, { starter: e.target.value })} spellCheck={false} />
                  </label>
                  <label className="field grow">
                    <span className="field-label">{name} reference solution (optional, must pass)</span>
                    <textarea className="mono" rows={6} value={lang.reference} onChange={(e) => setLanguage(id, { reference: e.target.value })} spellCheck={false} />
                  </label>
                </div>
              </>
            )}
          </fieldset>
        );
      })}

      <div className="editor-row">
        <label className="field grow">
          <span className="field-label">Visible tests (JSON)</span>
          <textarea className="mono" rows={8} value={draft.visibleTests} onChange={(e) => setDraft({ ...draft, visibleTests: e.target.value })} spellCheck={false} />
          <span className="field-help">Shown to candidates: {'[{ "name": "…", "args": [...], "expected": … }]'}</span>
        </label>
        <label className="field grow">
          <span className="field-label">Hidden tests (JSON)</span>
          <textarea className="mono" rows={8} value={draft.hiddenTests} onChange={(e) => setDraft({ ...draft, hiddenTests: e.target.value })} spellCheck={false} />
          <span className="field-help">Kept on the judge; candidates see only how many there are and whether they pass.</span>
        </label>
      </div>

      {problem && (
        <p className="field-error" role="alert" data-field={problem.field}>
          {problem.message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving… (the judge runs your reference solutions)' : 'Save challenge'}
        </button>
      </div>
    </form>
  );
}
