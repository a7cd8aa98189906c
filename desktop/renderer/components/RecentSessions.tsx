/**
 * Recent sessions on the start screen: every workspace kept on this machine, solo or paired, with
 * its challenge, language, partners and last change. Opening one needs no network: the code
 * comes from this machine (the statement too, when it was cached).
 */
import { useEffect, useState } from 'react';
import { LANGUAGES } from '../../../protocol/index.js';
import type { SessionSummary } from '../bridge/session-schema.js';
import { sessionPersistence } from '../sessions/persistence-instance.js';

const SHOWN = 8;

export interface RecentSessionsProps {
  onOpenSolo(challengeId: string): void;
  onOpenRoom(code: string): void;
}

export function formatAgo(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return new Date(at).toLocaleDateString();
}

export function RecentSessions({ onOpenSolo, onOpenRoom }: RecentSessionsProps) {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    sessionPersistence()
      .list()
      .then(
        (list) => live && setSessions(list.filter((session) => session.challengeId)),
        () => live && setSessions([]),
      );
    return () => {
      live = false;
    };
  }, []);

  if (!sessions || sessions.length === 0) return null;
  const now = Date.now();
  return (
    <section className="recent-sessions" aria-labelledby="recent-sessions-title">
      <h2 id="recent-sessions-title" className="section-title">
        Recent sessions
      </h2>
      <ul className="recent-list">
        {sessions.slice(0, SHOWN).map((session) => (
          <li key={session.id}>
            <button
              type="button"
              className="recent-item"
              data-testid="recent-session"
              data-session-id={session.id}
              onClick={() => (session.kind === 'room' && session.roomCode ? onOpenRoom(session.roomCode) : onOpenSolo(session.challengeId!))}
            >
              <span className="recent-title">{session.challengeTitle ?? session.challengeId}</span>
              <span className="muted recent-meta">
                {session.language ? LANGUAGES[session.language].name : ''}
                {session.kind === 'room' ? ` · ${session.partners.length > 0 ? `with ${session.partners.join(', ')}` : 'pairing room'}` : ' · solo'}
              </span>
              <span className="muted recent-when">{formatAgo(session.updatedAt, now)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
