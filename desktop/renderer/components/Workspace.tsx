/**
 * The workspace of one challenge: statement on the left; editor, toolbar and the results /
 * custom tests panel on the right, all in resizable panes. State lives in the workspace store
 * (state/workspace-store.ts), so a live-pairing binding can drive the same state later.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PublicChallenge, SubmissionMode } from '../../../protocol/index.js';
import type { JudgeError, PairJudgeBridge } from '../bridge/bridge-api.js';
import { CodeEditor, type CodeEditorProps } from '../editor/CodeEditor.js';
import { markersFor } from '../state/markers.js';
import { judgeModeStore } from '../offline/judge-mode.js';
import { pythonLoading } from '../offline/python-loading.js';
import { judgeWithFallback, type LocalRunContext } from '../offline/judge-offline.js';
import { challengeLanguages, isJudging } from '../state/workspace-state.js';
import { useWorkspaceState, type WorkspaceStore } from '../state/workspace-store.js';
import { pairingSession } from '../pairing/pairing-instance.js';
import type { RunRecord } from '../pairing/room-doc.js';
import { openChallenge } from '../sessions/open-challenge.js';
import { saveProblems } from '../sessions/save-problems.js';
import { useSessionRuns } from '../sessions/use-session-runs.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CustomTestsEditor } from './CustomTestsEditor.js';
import { HistoryPanel } from './HistoryPanel.js';
import { EditorToolbar } from './EditorToolbar.js';
import { ProblemState } from './ProblemState.js';
import { ResultsPanel } from './ResultsPanel.js';
import { SplitPane } from './SplitPane.js';
import { StatementPane } from './StatementPane.js';

export interface WorkspaceProps {
  bridge: PairJudgeBridge;
  store: WorkspaceStore;
  challengeId: string;
  theme: 'light' | 'dark';
  onSolved(challengeId: string): void;
  onEditorReady?: CodeEditorProps['onEditorReady'];
}

type Loading = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: JudgeError };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Workspace({ bridge, store, challengeId, theme, onSolved, onEditorReady }: WorkspaceProps) {
  const loadingPython = useSyncExternalStore(pythonLoading.subscribe, pythonLoading.get);
  const unsaved = useSyncExternalStore(saveProblems.subscribe, saveProblems.get);
  const state = useWorkspaceState(store);
  const [loading, setLoading] = useState<Loading>(() =>
    store.getState().challenge?.id === challengeId ? { status: 'ready' } : { status: 'loading' },
  );
  const [tab, setTab] = useState<'results' | 'custom' | 'history'>('results');
  const runs = useSessionRuns(challengeId);
  const [notice, setNotice] = useState<string | null>(null);
  const [consentAsked, setConsentAsked] = useState<{ reason: string; answer(yes: boolean): void } | null>(null);

  const load = useCallback(async () => {
    setLoading({ status: 'loading' });
    // The statement from the judge, the code from the session kept on this machine.
    const answer = await openChallenge(bridge, challengeId);
    if (!answer.ok) {
      setLoading({ status: 'error', error: answer.error });
      return;
    }
    const challenge: PublicChallenge = answer.value.challenge;
    store.dispatch({ type: 'open', challenge, language: answer.value.language ?? store.getState().language, code: answer.value.code });
    setLoading({ status: 'ready' });
  }, [bridge, challengeId, store]);

  /** Puts a run's code back as one undoable edit, in the run's language. */
  const restore = useCallback(
    (run: RunRecord & { code: string }) => {
      if (store.getState().language !== run.language) store.dispatch({ type: 'selectLanguage', language: run.language });
      if (pairingSession.getSnapshot().active && pairingSession.restoreCode(run.language, run.code)) return;
      store.dispatch({ type: 'editCode', language: run.language, code: run.code });
    },
    [store],
  );

  useEffect(() => {
    // Coming back to the challenge that is already open keeps its code and results.
    if (store.getState().challenge?.id !== challengeId) void load();
  }, [challengeId, load, store]);

  const judge = useCallback(
    async (mode: SubmissionMode) => {
      setNotice(null);
      const current = store.getState();
      if (isJudging(current)) return;
      setTab('results');
      // The cloud judge, or this machine's when it is unreachable (offline/judge-offline.ts).
      // In a room the code may be the partner's: the local judge asks before running it outside a container.
      const context: LocalRunContext = {
        partnerCode: pairingSession.getSnapshot().active,
        confirmWeakSandbox: (reason) =>
          new Promise<boolean>((resolve) =>
            setConsentAsked({
              reason,
              answer: (yes) => {
                setConsentAsked(null);
                resolve(yes);
              },
            }),
          ),
      };
      const outcome = await judgeWithFallback(store, bridge, judgeModeStore, mode, context);
      if (!outcome.started) {
        setNotice(outcome.reason);
        if (outcome.problems.length > 0) setTab('custom');
        return;
      }
      if (mode === 'submit' && outcome.origin === 'official' && outcome.result?.verdict === 'accepted' && current.challenge) onSolved(current.challenge.id);
    },
    [bridge, store, onSolved],
  );

  // Shortcuts also work when focus is outside the editor (the editor binds its own).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.key !== 'Enter' || !(isMac ? event.metaKey : event.ctrlKey)) return;
      event.preventDefault();
      void judge(event.shiftKey ? 'submit' : 'run');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [judge]);

  const markers = useMemo(() => markersFor(state.run, state.language), [state.run, state.language]);

  if (loading.status === 'error') return <ProblemState error={loading.error} onRetry={() => void load()} />;
  const challenge = state.challenge;
  if (loading.status === 'loading' || !challenge || challenge.id !== challengeId) {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading challenge…
      </div>
    );
  }

  const judging = isJudging(state);
  const languages = challengeLanguages(challenge);
  const code = state.code[state.language] ?? '';

  const editorPane = (
    <div className="editor-pane">
      <EditorToolbar
        languages={languages}
        language={state.language}
        judging={judging}
        {...(loadingPython ? { judgingLabel: 'Loading Python…' } : {})}
        isMac={isMac}
        onLanguage={(language) => store.dispatch({ type: 'selectLanguage', language })}
        onReset={() => store.dispatch({ type: 'resetCode', language: state.language })}
        onRun={() => void judge('run')}
        onSubmit={() => void judge('submit')}
      />
      <CodeEditor
        modelKey={challenge.id}
        language={state.language}
        value={code}
        theme={theme}
        markers={markers}
        onChange={(value) => store.dispatch({ type: 'editCode', language: store.getState().language, code: value })}
        onRun={() => void judge('run')}
        onSubmit={() => void judge('submit')}
        onEditorReady={onEditorReady}
      />
    </div>
  );

  const bottomPane = (
    <div className="bottom-panel">
      <div className="tabs" role="tablist" aria-label="Output">
        <button type="button" role="tab" aria-selected={tab === 'results'} className="tab" onClick={() => setTab('results')}>
          Results
        </button>
        <button type="button" role="tab" aria-selected={tab === 'custom'} className="tab" onClick={() => setTab('custom')}>
          Custom tests{state.customCases.length > 0 ? ` (${state.customCases.length})` : ''}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'history'} className="tab" onClick={() => setTab('history')}>
          History{runs.length > 0 ? ` (${runs.length})` : ''}
        </button>
      </div>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      {unsaved.length > 0 && (
        <p className="notice" role="alert" data-testid="save-problem">
          Edits are no longer being saved on this machine: {unsaved.map((problem) => problem.message).join('; ')}
        </p>
      )}
      <div className="tab-body" role="tabpanel">
        {tab === 'results' ? (
          <ResultsPanel run={state.run} challenge={challenge} modKey={isMac ? '⌘' : 'Ctrl'} />
        ) : tab === 'history' ? (
          <HistoryPanel runs={runs} currentCode={code} currentLanguage={state.language} onRestore={restore} />
        ) : (
          <CustomTestsEditor
            cases={state.customCases}
            challenge={challenge}
            entryName={challenge.entry[state.language]}
            disabled={judging}
            dispatch={store.dispatch}
          />
        )}
      </div>
    </div>
  );

  return (
    <div className="workspace">
      {consentAsked && (
        <ConfirmDialog
          title="Run your partner's code on this machine?"
          message={consentAsked.reason}
          confirmLabel="Run here anyway"
          onAnswer={consentAsked.answer}
        />
      )}
      <SplitPane
        direction="horizontal"
        initial={0.38}
        min={0.22}
        max={0.65}
        storageKey="pairjudge.split.statement"
        label="Resize statement"
        first={<StatementPane challenge={challenge} onOpenLink={(url) => void bridge.openExternal(url)} />}
        second={
          <SplitPane
            direction="vertical"
            initial={0.6}
            min={0.25}
            max={0.85}
            storageKey="pairjudge.split.editor"
            label="Resize results"
            first={editorPane}
            second={bottomPane}
          />
        }
      />
    </div>
  );
}
