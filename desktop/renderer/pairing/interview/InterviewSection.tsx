/**
 * The interview part of the pairing panel: the timer for everyone; for interviewers, private
 * notes, the Replay view and the report export.
 */
import type { PairingSession, PairingSnapshot } from '../pairing-session.js';
import { downloadText, exportFileName } from './download.js';
import { InterviewTimer } from './InterviewTimer.js';
import { PrivateNotes } from './PrivateNotes.js';
import { buildReportHtml } from './report.js';
import { serializeReplay, type ReplayLog } from './replay-log.js';

export interface InterviewSectionProps {
  session: PairingSession;
  pairing: PairingSnapshot;
  challengeTitle?: string;
  onReplay(log: ReplayLog): void;
}

export function InterviewSection({ session, pairing, challengeTitle, onReplay }: InterviewSectionProps) {
  const interview = pairing.interview;
  if (!interview) return null;
  const interviewer = interview.ownRole === 'interviewer';
  const exportReport = () => {
    const log = session.replayLog(challengeTitle);
    if (!log) return;
    downloadText(exportFileName(log.room, log.startedAt, 'html'), buildReportHtml(log), 'text/html');
    downloadText(exportFileName(log.room, log.startedAt, 'json'), serializeReplay(log), 'application/json');
  };
  return (
    <>
      <div className="pairing-section interview-section">
        <h3 className="pairing-subtitle">Interview timer</h3>
        <InterviewTimer timer={interview.timer} role={interview.ownRole} onControl={(action) => void session.controlTimer(action)} />
      </div>
      {interviewer && (
        <>
          <div className="pairing-section interview-section">
            <h3 className="pairing-subtitle">Private notes</h3>
            <PrivateNotes notes={interview.notes} onAdd={(text) => session.addNote(text)} />
          </div>
          <div className="pairing-section interview-actions">
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                const log = session.replayLog(challengeTitle);
                if (log) onReplay(log);
              }}
            >
              Replay
            </button>
            <button type="button" className="button ghost small" onClick={exportReport}>
              Export report
            </button>
          </div>
        </>
      )}
    </>
  );
}
