import { describe, expect, it } from 'vitest';
import { clampDuration, formatRemaining, isExpired, newTimer, pauseTimer, remainingMs, resetTimer, startTimer } from '../../desktop/renderer/pairing/interview/timer.js';
import { MAX_TIMER_MS } from '../../protocol/interview-messages.js';

describe('interview timer', () => {
  it('counts down from a start time, the same for any peer that reads it at the same moment', () => {
    const timer = startTimer(newTimer(10 * 60_000), 1_000_000);
    expect(remainingMs(timer, 1_000_000)).toBe(600_000);
    expect(remainingMs(timer, 1_090_000)).toBe(510_000);
    // A peer that joined late (or reloaded) only has the state: the same answer.
    expect(remainingMs(JSON.parse(JSON.stringify(timer)), 1_090_000)).toBe(510_000);
  });

  it('keeps the elapsed time across pause and resume', () => {
    let timer = startTimer(newTimer(60_000), 0);
    timer = pauseTimer(timer, 20_000);
    expect(timer.startedAt).toBeNull();
    expect(remainingMs(timer, 999_999)).toBe(40_000);
    timer = startTimer(timer, 100_000);
    expect(remainingMs(timer, 110_000)).toBe(30_000);
    // Starting a running timer again changes nothing.
    expect(startTimer(timer, 105_000)).toBe(timer);
  });

  it('stops at zero and says so; reset brings back the full duration, stopped', () => {
    const timer = startTimer(newTimer(5_000), 0);
    expect(remainingMs(timer, 7_000)).toBe(0);
    expect(isExpired(timer, 7_000)).toBe(true);
    expect(isExpired(timer, 4_000)).toBe(false);
    expect(resetTimer(timer)).toEqual({ durationMs: 5_000, startedAt: null, elapsedMs: 0 });
    expect(resetTimer(timer, 9_000).durationMs).toBe(9_000);
    expect(isExpired(newTimer(0), 1)).toBe(false);
  });

  it('formats as m:ss and h:mm:ss, rounding up', () => {
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(65_000)).toBe('1:05');
    expect(formatRemaining(3_600_000 + 61_000)).toBe('1:01:01');
  });

  it('clamps durations to the allowed range', () => {
    expect(clampDuration(-5)).toBe(0);
    expect(clampDuration(Number.NaN)).toBe(0);
    expect(clampDuration(MAX_TIMER_MS * 2)).toBe(MAX_TIMER_MS);
  });
});
