/**
 * The interview clock: the same remaining time on every screen (derived from the signed timer
 * state, never ticked by a peer), and the interviewer's controls. At zero the candidate is told;
 * what happens next is the interviewer's call (add time, reset, or carry on).
 */
import { useState, type FormEvent } from 'react';
import type { Role, TimerState } from '../../../../protocol/interview-messages.js';
import { formatRemaining, isExpired, isRunning, remainingMs } from './timer.js';
import { useNow } from './use-now.js';

export type TimerAction = { kind: 'start' } | { kind: 'pause' } | { kind: 'reset'; durationMs?: number };

export interface InterviewTimerProps {
  timer: TimerState;
  role: Role;
  onControl(action: TimerAction): void;
}

export function InterviewTimer({ timer, role, onControl }: InterviewTimerProps) {
  const now = useNow(isRunning(timer) ? 250 : null);
  const remaining = remainingMs(timer, now);
  const expired = isExpired(timer, now);
  const [minutes, setMinutes] = useState(() => String(Math.round((timer.durationMs / 60_000) * 100) / 100));
  const onSet = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (Number.isFinite(value) && value > 0) onControl({ kind: 'reset', durationMs: value * 60_000 });
  };
  return (
    <div className={`interview-timer${expired ? ' expired' : ''}`}>
      <div className="interview-timer-row">
        <span
          role="timer"
          aria-label="Time left"
          aria-live="off"
          className="interview-clock mono"
          data-remaining-ms={remaining}
          data-running={isRunning(timer) ? 'true' : 'false'}
        >
          {formatRemaining(remaining)}
        </span>
        <span className="muted">{expired ? 'time is up' : isRunning(timer) ? 'running' : timer.elapsedMs > 0 ? 'paused' : 'not started'}</span>
      </div>
      {expired &&
        (role === 'interviewer' ? (
          <p className="interview-expired">Time is up. Add time, reset, or let them finish.</p>
        ) : (
          <p className="interview-expired" role="alert">
            Time is up. Your interviewer will tell you what happens next.
          </p>
        ))}
      {role === 'interviewer' && (
        <div className="interview-timer-controls">
          {isRunning(timer) ? (
            <button type="button" className="button secondary small" onClick={() => onControl({ kind: 'pause' })}>
              Pause
            </button>
          ) : (
            <button type="button" className="button primary small" onClick={() => onControl({ kind: 'start' })} disabled={remaining === 0}>
              Start
            </button>
          )}
          <button type="button" className="button ghost small" onClick={() => onControl({ kind: 'reset' })}>
            Reset
          </button>
          <form className="interview-duration" onSubmit={onSet}>
            <input
              className="input small"
              type="number"
              min={0.05}
              max={720}
              step="any"
              value={minutes}
              aria-label="Duration in minutes"
              onChange={(event) => setMinutes(event.target.value)}
            />
            <button type="submit" className="button ghost small">
              Set
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
