/**
 * The app shell: settings and theme, the catalog, the workspace of the open challenge, and the
 * pairing panel. The route lives in the URL hash (#/challenge/two-sum) so a browser guest can
 * share a link; `#/join/CODE` joins a pairing room, whose challenge then drives the workspace.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChallengeSummary } from '../../../protocol/index.js';
import type { JudgeError, PairJudgeBridge } from '../bridge/bridge-api.js';
import type { Settings } from '../bridge/settings-schema.js';
import type { CodeEditorProps } from '../editor/CodeEditor.js';
import { joinCodeFromHash } from '../pairing/join-route.js';
import { pairingSession } from '../pairing/pairing-instance.js';
import { PairingPanel } from '../pairing/PairingPanel.js';
import { startPairing } from '../pairing/start-pairing.js';
import { usePairing } from '../pairing/use-pairing.js';
import { markSolved, readSolved } from '../state/solved-store.js';
import { useEffectiveTheme } from '../state/use-theme.js';
import type { WorkspaceStore } from '../state/workspace-store.js';
import { judgeModeStore } from '../offline/judge-mode.js';
import { useOutbox } from '../offline/use-outbox.js';
import type { OutboxEntry } from '../bridge/offline-api.js';
import { AuthoringPage } from './AuthoringPage.js';
import { JudgeModeIndicator } from './JudgeModeIndicator.js';
import { OutboxNotices } from './OutboxNotices.js';
import { ChallengeList } from './ChallengeList.js';
import { LanSection } from './LanSection.js';
import { RecentSessions } from './RecentSessions.js';
import { setDisplayName } from '../sessions/session-instance.js';
import { MyChallenges } from './MyChallenges.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ProblemState } from './ProblemState.js';
import { SettingsDialog } from './SettingsDialog.js';
import { TopBar } from './TopBar.js';
import { Workspace } from './Workspace.js';

export interface AppProps {
  bridge: PairJudgeBridge;
  store: WorkspaceStore;
  initialSettings: Settings;
  onEditorReady?: CodeEditorProps['onEditorReady'];
}

type Catalog = { status: 'loading' } | { status: 'ready'; challenges: ChallengeSummary[] } | { status: 'error'; error: JudgeError };

function routeFromHash(hash: string): string | null {
  const match = /^#\/challenge\/([a-z0-9][a-z0-9-]{0,63})$/.exec(hash);
  return match?.[1] ?? null;
}

/** Coach pages: `#/mine` (my challenges), `#/write` (new), `#/edit/<id>`. */
type CoachPage = { kind: 'mine' } | { kind: 'write'; id: string | null };

function coachPageFromHash(hash: string): CoachPage | null {
  if (hash === '#/mine') return { kind: 'mine' };
  if (hash === '#/write') return { kind: 'write', id: null };
  const match = /^#\/edit\/([a-z0-9][a-z0-9-]{0,63})$/.exec(hash);
  return match ? { kind: 'write', id: match[1]! } : null;
}

export function App({ bridge, store, initialSettings, onEditorReady }: AppProps) {
  const [settings, setSettings] = useState(initialSettings);
  const [openId, setOpenId] = useState(() => routeFromHash(window.location.hash));
  const [coachPage, setCoachPage] = useState(() => coachPageFromHash(window.location.hash));
  const [catalog, setCatalog] = useState<Catalog>({ status: 'loading' });
  const [retrying, setRetrying] = useState(false);
  const [solved, setSolved] = useState(() => readSolved(window.localStorage));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const theme = useEffectiveTheme(settings.theme);
  const pairing = usePairing(pairingSession);
  const onSolved = useCallback((id: string) => setSolved(new Set(markSolved(window.localStorage, id))), []);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => bridge.settings.onChange(setSettings), [bridge]);
  useEffect(() => setDisplayName(settings.displayName), [settings.displayName]);

  // Which judge answers; when the gateway answers again, the outbox is sent at once.
  useEffect(() => judgeModeStore.configure(settings.judgeMode, settings.gatewayUrl), [settings.judgeMode, settings.gatewayUrl]);
  useEffect(() => judgeModeStore.watch(bridge.judge, 5_000, () => void bridge.offline?.flushOutbox()), [bridge]);
  const [notices, setNotices] = useState<OutboxEntry[]>([]);
  const outbox = useOutbox(bridge.offline, (entry) => {
    if (entry.result) {
      store.dispatch({ type: 'outboxSettled', key: entry.key, result: entry.result });
      if (entry.result.verdict === 'accepted' && entry.request.challengeId) onSolved(entry.request.challengeId);
    }
    setNotices((current) => [...current.filter((item) => item.key !== entry.key), entry]);
  });
  const queued = outbox.filter((entry) => entry.state === 'queued').length;

  useEffect(() => {
    // A join link (on load, or pasted into the address bar) goes straight into the room.
    const joinFromHash = () => {
      const code = joinCodeFromHash(window.location.hash);
      // Without a name yet, the pairing panel asks for it first (with the code filled in).
      if (code && settingsRef.current.displayName.trim()) void startPairing(pairingSession, bridge, settingsRef.current, { code });
      return code !== null;
    };
    joinFromHash();
    const onHashChange = () => {
      if (joinFromHash()) return;
      setOpenId(routeFromHash(window.location.hash));
      setCoachPage(coachPageFromHash(window.location.hash));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [bridge]);

  // In a room, the room's challenge is the one on screen, whoever picked it.
  useEffect(() => {
    if (pairing.challengeId) setOpenId(pairing.challengeId);
  }, [pairing.challengeId]);

  const loadCatalog = useCallback(async () => {
    setRetrying(true);
    const answer = await bridge.judge.listChallenges();
    setRetrying(false);
    setCatalog(answer.ok ? { status: 'ready', challenges: answer.value } : { status: 'error', error: answer.error });
  }, [bridge]);

  useEffect(() => {
    void loadCatalog();
  }, [loadCatalog, settings.gatewayUrl]);

  const goCoach = (page: CoachPage) => {
    window.location.hash = page.kind === 'mine' ? '#/mine' : page.id ? `#/edit/${page.id}` : '#/write';
    setCoachPage(page);
    setOpenId(null);
  };

  const open = (id: string | null) => {
    setCoachPage(null);
    if (pairing.active) {
      // The address keeps naming the room; opening a challenge switches it for everyone.
      setOpenId(id);
      // In an interview only the interviewer switches; anyone else stays on the room's challenge.
      if (id) void pairingSession.selectChallenge(id).then((switched) => !switched && setOpenId(pairingSession.getSnapshot().challengeId));
      else void loadCatalog();
      return;
    }
    window.location.hash = id ? `#/challenge/${id}` : '#/';
    setOpenId(id);
    // Back on the list, ask again: the catalog may have grown, or the judge may have gone away.
    if (id === null) void loadCatalog();
  };


  // The catalog's title; with the catalog unreachable, the open workspace's (a session reopened offline).
  const openChallenge = store.getState().challenge;
  const openTitle = openId
    ? ((catalog.status === 'ready' ? catalog.challenges.find((c) => c.id === openId)?.title : undefined) ??
      (openChallenge?.id === openId ? openChallenge.title : undefined) ??
      openId)
    : undefined;

  // Sessions on this machine reopen with no network; a room through its code (it rejoins when it can).
  const recent = (
    <RecentSessions
      onOpenSolo={(id) => open(id)}
      onOpenRoom={(code) => void startPairing(pairingSession, bridge, settingsRef.current, { code })}
    />
  );

  let body;
  if (catalog.status === 'error' && !openId) {
    body = (
      <div className="catalog-page">
        <ProblemState
          error={catalog.error}
          retrying={retrying}
          onRetry={() => void loadCatalog()}
          onOpenSettings={bridge.kind === 'desktop' ? () => setSettingsOpen(true) : undefined}
        />
        {recent}
        <LanSection bridge={bridge} settings={settings} />
      </div>
    );
  } else if (catalog.status === 'loading' && !openId) {
    body = (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting to the judge…
      </div>
    );
  } else if (coachPage?.kind === 'mine') {
    body = (
      <MyChallenges
        bridge={bridge}
        hasToken={settings.coachToken !== ''}
        onOpen={(id) => open(id)}
        onEdit={(id) => goCoach({ kind: 'write', id })}
        onWrite={() => goCoach({ kind: 'write', id: null })}
        onOpenSettings={() => setSettingsOpen(true)}
      />
    );
  } else if (coachPage?.kind === 'write') {
    body = (
      <ErrorBoundary label="challenge editor">
        <AuthoringPage
          bridge={bridge}
          editingId={coachPage.id}
          onSaved={() => {
            void loadCatalog();
            goCoach({ kind: 'mine' });
          }}
          onCancel={() => goCoach({ kind: 'mine' })}
        />
      </ErrorBoundary>
    );
  } else if (openId) {
    body = (
      <ErrorBoundary label="workspace">
        <Workspace bridge={bridge} store={store} challengeId={openId} theme={theme} onSolved={onSolved} onEditorReady={onEditorReady} />
      </ErrorBoundary>
    );
  } else if (catalog.status !== 'ready' || catalog.challenges.length === 0) {
    body = <ProblemState empty retrying={retrying} onRetry={() => void loadCatalog()} />;
  } else {
    body = (
      <div className="catalog-page">
        {recent}
        <ChallengeList challenges={catalog.challenges} solved={solved} onOpen={open} />
        <LanSection bridge={bridge} settings={settings} />
      </div>
    );
  }

  return (
    <div className="app">
      <TopBar
        title={openTitle}
        guest={bridge.kind === 'web'}
        status={<JudgeModeIndicator modes={judgeModeStore} queued={queued} />}
        onHome={() => open(null)}
        onSettings={() => setSettingsOpen(true)}
        {...(settings.coachToken !== '' || coachPage ? { onMyChallenges: () => goCoach({ kind: 'mine' }) } : {})}
      />
      <div className="app-body">
        <main className="app-main">{body}</main>
        <ErrorBoundary label="pairing">
          <PairingPanel session={pairingSession} bridge={bridge} settings={settings} challengeTitle={openTitle} />
        </ErrorBoundary>
      </div>
      <OutboxNotices notices={notices} onClose={(key) => setNotices((current) => current.filter((item) => item.key !== key))} />
      {settingsOpen && <SettingsDialog bridge={bridge} settings={settings} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
