/**
 * Interview timer arithmetic. The state is a duration, a start time and what elapsed before it
 * (protocol/interview-messages.ts TimerState), never a ticking counter: every peer, including one
 * that joins late or reloads, derives the same remaining time from it and its own clock.
 * Peers' clocks are assumed to agree (NTP); a skewed clock shifts that peer's display only.
 */
import { MAX_TIMER_MS, type TimerState } from '../../../../protocol/interview-messages.js';

export function elapsedMs(timer: TimerState, now: number): number {
  const running = timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt);
  return Math.min(MAX_TIMER_MS, timer.elapsedMs + running);
}

export function remainingMs(timer: TimerState, now: number): number {
  return Math.max(0, timer.durationMs - elapsedMs(timer, now));
}

export function isRunning(timer: TimerState): boolean {
  return timer.startedAt !== null;
}

export function isExpired(timer: TimerState, now: number): boolean {
  return timer.durationMs > 0 && remainingMs(timer, now) === 0;
}

export function newTimer(durationMs: number): TimerState {
  return { durationMs: clampDuration(durationMs), startedAt: null, elapsedMs: 0 };
}

export function startTimer(timer: TimerState, now: number): TimerState {
  return timer.startedAt === null ? { ...timer, startedAt: now } : timer;
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  return timer.startedAt === null ? timer : { ...timer, startedAt: null, elapsedMs: Math.round(elapsedMs(timer, now)) };
}

/** Back to the full duration, stopped. */
export function resetTimer(timer: TimerState, durationMs = timer.durationMs): TimerState {
  return newTimer(durationMs);
}

export function clampDuration(durationMs: number): number {
  if (!Number.isFinite(durationMs)) return 0;
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(durationMs)));
}

/** `m:ss`, or `h:mm:ss` from an hour up; rounds up so a running timer shows 0:00 only at zero. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
