/**
 * History of the session: every Run and Submit (this person's and the partner's), newest first,
 * with time, verdict, tests passed and where it was judged (official, local, queued). Choosing one
 * shows its code beside the current code; Restore puts it back as one undoable edit.
 */
import { useState } from 'react';
import { LANGUAGES, VERDICT_LABELS, type LanguageId } from '../../../protocol/index.js';
import type { RunRecord } from '../pairing/room-doc.js';
import { CodeDiff } from './CodeDiff.js';

const ORIGIN_LABELS: Record<NonNullable<RunRecord['origin']>, string> = {
  official: 'official',
  local: 'local',
  queued: 'queued',
};


export interface HistoryPanelProps {
  runs: RunRecord[];
  currentCode: string;
  currentLanguage: LanguageId;
  onRestore(run: RunRecord & { code: string }): void;
}

function formatTime(at: number): string {
  const date = new Date(at);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : date.toLocaleString();
}

export function HistoryPanel({ runs, currentCode, currentLanguage, onRestore }: HistoryPanelProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const newestFirst = [...runs].reverse();
  const selected = newestFirst.find((run) => run.id === selectedId) ?? null;

  if (runs.length === 0) {
    return <p className="muted history-empty">No runs yet in this session. Each Run and Submit, yours and your partner’s, appears here.</p>;
  }

  return (
    <div className="history">
      <ol className="history-list" aria-label="Session history">
        {newestFirst.map((run) => (
          <li key={run.id}>
            <button
              type="button"
              className="history-item"
              aria-pressed={run.id === selectedId}
              data-testid="history-item"
              data-verdict={run.verdict ?? 'queued'}
              onClick={() => setSelectedId(run.id === selectedId ? null : run.id)}
            >
              {run.verdict ? (
                <>
                  <span className={`history-verdict ${run.verdict === 'accepted' ? 'ok' : 'bad'}`}>{VERDICT_LABELS[run.verdict]}</span>
                  <span className="history-tests">
                    {run.passed}/{run.total} tests
                  </span>
                </>
              ) : (
                <>
                  <span className="history-verdict pending">Waiting for the judge</span>
                  <span className="history-tests">–</span>
                </>
              )}
              <span className={`history-origin origin-${run.origin ?? 'official'}`} data-testid="history-origin">
                {ORIGIN_LABELS[run.origin ?? 'official']}
              </span>
              <span className="muted history-meta">
                {run.mode === 'submit' ? 'Submit' : 'Run'} · {LANGUAGES[run.language].name} · {run.name} · {formatTime(run.at)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {selected && (
        <div className="history-detail">
          {selected.code === undefined ? (
            <p className="muted">This run was recorded without its code.</p>
          ) : (
            <>
              <div className="history-actions">
                <button type="button" className="button secondary small" onClick={() => onRestore({ ...selected, code: selected.code! })}>
                  Restore this code
                </button>
                {selected.language !== currentLanguage && <span className="muted">Restoring switches to {LANGUAGES[selected.language].name}.</span>}
              </div>
              <CodeDiff
                before={selected.code}
                after={selected.language === currentLanguage ? currentCode : ''}
                beforeLabel={`${selected.mode === 'submit' ? 'Submit' : 'Run'} at ${formatTime(selected.at)}`}
                afterLabel="Current code"
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
