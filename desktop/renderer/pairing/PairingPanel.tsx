/**
 * The pairing side panel: create or join a room; in a room, its code and join link with copy
 * buttons, the connection state, who is here (in their cursor colours), the room's runs, a small
 * chat, and Leave room. Collapsed to a narrow strip when not wanted.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { normalizeRoomCode } from '../../../protocol/signaling.js';
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import type { Settings } from '../bridge/settings-schema.js';
import type { Role } from '../../../protocol/interview-messages.js';
import { joinCodeFromHash, joinLink } from './join-route.js';
import { InterviewSection } from './interview/InterviewSection.js';
import { ReplayView } from './interview/ReplayView.js';
import { parseReplay, type ReplayLog } from './interview/replay-log.js';
import type { PairingSession } from './pairing-session.js';
import { startPairing } from './start-pairing.js';
import { usePairing } from './use-pairing.js';
import './pairing.css';

export interface PairingPanelProps {
  session: PairingSession;
  bridge: PairJudgeBridge;
  settings: Settings;
  /** The open challenge's title, for the interview report. */
  challengeTitle?: string;
}

const ROLE_LABELS: Record<Role, string> = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' };

const STATUS_LABELS = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;
const OPEN_KEY = 'pairjudge.pairing.open';

const VERDICT_SHORT: Record<string, string> = {
  accepted: 'Accepted',
  wrong_answer: 'Wrong answer',
  runtime_error: 'Runtime error',
  time_limit_exceeded: 'Time limit',
  memory_limit_exceeded: 'Memory limit',
  output_limit_exceeded: 'Output limit',
  compile_error: 'Compile error',
  internal_error: 'Judge error',
};

function useCopy(): [string | null, (what: string, text: string) => void] {
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return [
    copied,
    (what, text) => {
      const done = () => setCopied(what);
      // The async clipboard needs a permission the desktop window does not grant; the older
      // copy command of a selected field needs none.
      const fallback = () => {
        const field = document.createElement('textarea');
        field.value = text;
        field.setAttribute('readonly', '');
        field.style.position = 'fixed';
        field.style.opacity = '0';
        document.body.append(field);
        field.select();
        const copiedOk = document.execCommand('copy');
        field.remove();
        setCopied(copiedOk ? what : null);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    },
  ];
}

export function PairingPanel({ session, bridge, settings, challengeTitle }: PairingPanelProps) {
  const pairing = usePairing(session);
  // A join link opened before this person gave a name: the panel asks for it, with the code filled in.
  const [linkCode] = useState(() => (settings.displayName.trim() ? null : joinCodeFromHash(window.location.hash)));
  const [open, setOpen] = useState(() => linkCode !== null || window.localStorage.getItem(OPEN_KEY) === '1');
  const [name, setName] = useState(settings.displayName);
  const [codeInput, setCodeInput] = useState(linkCode ?? '');
  const [replay, setReplay] = useState<ReplayLog | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [message, setMessage] = useState('');
  const [copied, copy] = useCopy();
  const chatEnd = useRef<HTMLLIElement>(null);

  const expanded = open || pairing.active;
  // Block bodies: an effect may return only a cleanup, and newer browsers' scrollIntoView returns a promise.
  useEffect(() => {
    window.localStorage.setItem(OPEN_KEY, open ? '1' : '0');
  }, [open]);
  useEffect(() => {
    setName((current) => current || settings.displayName);
  }, [settings.displayName]);
  useEffect(() => {
    void chatEnd.current?.scrollIntoView({ block: 'nearest' });
  }, [pairing.chat.length]);

  const begin = async (room: { create: true } | { code: string }, interview = false) => {
    // Nobody is a nameless "Guest": the name is asked once, then remembered in settings.
    if (!name.trim()) {
      setFormError('Enter your name first: it is shown to the others in the room.');
      return;
    }
    setFormError(null);
    setStarting(true);
    try {
      await beginRoom(room, interview);
    } finally {
      setStarting(false);
    }
  };

  const beginRoom = async (room: { create: true } | { code: string }, interview: boolean) => {
    const displayName = name.trim();
    let current = settings;
    if (displayName && displayName !== settings.displayName) {
      const saved = await bridge.settings.update({ displayName });
      if (saved.ok) current = saved.value;
    }
    await startPairing(session, bridge, { ...current, displayName: displayName || current.displayName }, room, interview);
  };

  const onJoin = (event: FormEvent) => {
    event.preventDefault();
    const code = normalizeRoomCode(codeInput);
    if (!code) {
      setFormError('A room code has 12 letters and digits, like ABCD-EFGH-JKMN.');
      return;
    }
    void begin({ code });
  };

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    session.sendChat(message);
    setMessage('');
  };

  const openReplayFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setReplay(parseReplay(await file.text()));
      setFormError(null);
    } catch (error) {
      setFormError((error as Error).message);
    }
  };

  const replayView = replay && <ReplayView log={replay} onClose={() => setReplay(null)} />;

  if (!expanded) {
    return (
      <aside className="pairing-strip" aria-label="Pairing">
        <button type="button" className="pairing-strip-button" onClick={() => setOpen(true)} aria-expanded="false">
          Pair
        </button>
        {replayView}
      </aside>
    );
  }

  const status = pairing.active ? pairing.status : 'offline';
  // The room keeps every challenge's runs; the panel lists those of the challenge on screen.
  const runs = pairing.runs.filter((run) => !pairing.challengeId || run.challengeId === pairing.challengeId);
  const link = pairing.code ? joinLink(pairing.code, window.location.href) : null;

  return (
    <aside className={`pairing-panel${pairing.interview ? ' interview' : ''}`} aria-label="Pairing">
      {replayView}
      <header className="pairing-header">
        <h2 className="pairing-title">Pairing</h2>
        <span className={`pairing-status status-${status}`} role="status" aria-label="Connection" data-testid="pairing-status" data-status={status}>
          <span className="status-dot" aria-hidden="true" />
          {STATUS_LABELS[status]}
        </span>
        {!pairing.active && (
          <button type="button" className="button ghost small" onClick={() => setOpen(false)} aria-label="Hide pairing" aria-expanded="true">
            ✕
          </button>
        )}
      </header>

      {pairing.error && (
        <p className="notice pairing-error" role="alert">
          {pairing.error}
        </p>
      )}

      {!pairing.active ? (
        <div className="pairing-section">
          <label className="pairing-field">
            <span>Your name</span>
            <input className="input" value={name} maxLength={60} placeholder="Shown to your partner" required onChange={(e) => setName(e.target.value)} />
          </label>
          {linkCode && <p className="muted">Enter your name to join room {linkCode}.</p>}
          <div className="pairing-start-buttons">
            <button type="button" className="button primary" disabled={starting} onClick={() => void begin({ create: true })}>
              Create room
            </button>
            <button type="button" className="button secondary" disabled={starting} onClick={() => void begin({ create: true }, true)}>
              Start interview
            </button>
          </div>
          <div className="pairing-or" aria-hidden="true">
            or join one
          </div>
          <form className="pairing-join" onSubmit={onJoin}>
            <label className="pairing-field">
              <span>Room code</span>
              <input
                className="input mono"
                value={codeInput}
                placeholder="ABCD-EFGH-JKMN"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setCodeInput(e.target.value)}
              />
            </label>
            <button type="submit" className="button secondary" disabled={starting}>
              Join
            </button>
          </form>
          {formError && (
            <p className="pairing-form-error" role="alert">
              {formError}
            </p>
          )}
          <label className="button ghost small pairing-open-replay">
            Open replay
            <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void openReplayFile(e.target.files?.[0])} />
          </label>
        </div>
      ) : (
        <>
          <div className="pairing-section">
            <h3 className="pairing-subtitle">Share this code or link</h3>
            <div className="pairing-code-row">
              <output className="pairing-code mono" aria-label="Room code">
                {pairing.code ?? '…'}
              </output>
              <button type="button" className="button ghost small" disabled={!pairing.code} onClick={() => pairing.code && copy('code', pairing.code)}>
                {copied === 'code' ? 'Copied' : 'Copy'}
              </button>
            </div>
            {link && (
              <div className="pairing-link-row">
                <input className="input mono pairing-link" readOnly value={link} aria-label="Join link" onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="button ghost small" onClick={() => copy('link', link)}>
                  {copied === 'link' ? 'Copied' : 'Copy link'}
                </button>
              </div>
            )}
          </div>

          <div className="pairing-section">
            <h3 className="pairing-subtitle">In this room</h3>
            <ul className="participants" aria-label="Participants">
              {pairing.participants.map((p) => (
                <li key={p.clientId} className="participant" data-testid="participant" data-role={p.role ?? undefined}>
                  <span className="participant-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
                  <span className="participant-name">{p.name}</span>
                  {p.self && <span className="muted"> (you)</span>}
                  {p.role && (
                    <span className={`role-badge role-${p.role}`} data-testid="participant-role">
                      {' '}
                      {ROLE_LABELS[p.role]}
                    </span>
                  )}
                  {pairing.interview?.ownRole === 'interviewer' && !p.self && p.participantId && p.role && (
                    <select
                      className="input small role-select"
                      aria-label={`Role of ${p.name}`}
                      value=""
                      onChange={(e) => e.target.value && void session.setRole(p.participantId!, e.target.value as Role)}
                    >
                      <option value="">Change…</option>
                      {(Object.keys(ROLE_LABELS) as Role[])
                        .filter((role) => role !== p.role)
                        .map((role) => (
                          <option key={role} value={role}>
                            Make {ROLE_LABELS[role]}
                          </option>
                        ))}
                    </select>
                  )}
                </li>
              ))}
              {pairing.participants.length < 2 && <li className="muted participant-waiting">Waiting for your partner…</li>}
            </ul>
          </div>

          <InterviewSection session={session} pairing={pairing} challengeTitle={challengeTitle} onReplay={setReplay} />

          {runs.length > 0 && (
            <div className="pairing-section">
              <h3 className="pairing-subtitle">Runs</h3>
              <ol className="room-runs" aria-label="Room runs">
                {runs
                  .slice(-5)
                  .reverse()
                  .map((run) => (
                    <li key={run.id} className="room-run" data-verdict={run.verdict ?? 'queued'}>
                      <span className={`room-run-verdict ${run.verdict === 'accepted' ? 'ok' : run.verdict ? 'bad' : 'pending'}`}>
                        {run.verdict ? (VERDICT_SHORT[run.verdict] ?? run.verdict) : 'Queued'}
                      </span>
                      <span className="muted">
                        {run.name} · {run.mode === 'submit' ? 'Submit' : 'Run'} · {run.passed}/{run.total}
                      </span>
                    </li>
                  ))}
              </ol>
            </div>
          )}

          <div className="pairing-section pairing-chat">
            <h3 className="pairing-subtitle">Chat</h3>
            <ol className="chat-lines" aria-label="Chat" aria-live="polite">
              {pairing.chat.map((line) =>
                line.kind === 'event' ? (
                  <li key={line.id} className="chat-event muted">
                    {line.text}
                  </li>
                ) : (
                  <li key={line.id} className="chat-line">
                    <span className="chat-name" style={line.color ? { color: line.color } : undefined}>
                      {line.self ? 'You' : line.name}
                    </span>
                    <span className="chat-text">{line.text}</span>
                  </li>
                ),
              )}
              <li ref={chatEnd} className="chat-end" aria-hidden="true" />
            </ol>
            <form className="chat-form" onSubmit={onSend}>
              <input className="input" value={message} maxLength={2000} placeholder="Message" aria-label="Chat message" onChange={(e) => setMessage(e.target.value)} />
              <button type="submit" className="button secondary small" disabled={!message.trim()}>
                Send
              </button>
            </form>
          </div>

          <div className="pairing-footer">
            <button type="button" className="button ghost small" onClick={() => session.leave()}>
              Leave room
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
