/** Language picker, reset, and the Run / Submit buttons, disabled while judging. */
import { LANGUAGES, type LanguageId } from '../../../protocol/index.js';

export interface EditorToolbarProps {
  languages: LanguageId[];
  language: LanguageId;
  judging: boolean;
  /** What the wait is called ("Judging…" unless said otherwise, e.g. "Loading Python…"). */
  judgingLabel?: string;
  isMac: boolean;
  onLanguage(language: LanguageId): void;
  onReset(): void;
  onRun(): void;
  onSubmit(): void;
}

export function EditorToolbar({ languages, language, judging, judgingLabel = 'Judging…', isMac, onLanguage, onReset, onRun, onSubmit }: EditorToolbarProps) {
  const mod = isMac ? '⌘' : 'Ctrl';
  return (
    <div className="editor-toolbar">
      <label className="inline-field">
        <span className="visually-hidden">Language</span>
        <select aria-label="Language" value={language} onChange={(event) => onLanguage(event.target.value as LanguageId)} disabled={judging}>
          {languages.map((id) => (
            <option key={id} value={id}>
              {LANGUAGES[id].name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button ghost small" onClick={onReset} disabled={judging} title="Replace the code with the starter code">
        Reset
      </button>
      <div className="toolbar-spacer" />
      {judging && (
        <span className="judging-hint" aria-hidden="true">
          <span className="spinner" /> {judgingLabel}
        </span>
      )}
      <button type="button" className="button secondary" onClick={onRun} disabled={judging} title={`Run visible and custom tests (${mod}+Enter)`}>
        Run
      </button>
      <button type="button" className="button primary" onClick={onSubmit} disabled={judging} title={`Submit for all tests (${mod}+Shift+Enter)`}>
        Submit
      </button>
    </div>
  );
}
