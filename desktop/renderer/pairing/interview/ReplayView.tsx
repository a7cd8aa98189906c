/**
 * Plays an interview back: a scrubber over the session, play/pause at 1×, 4× or 16×, the code as
 * it was at that moment, and every Run/Submit marked on the timeline with its verdict (click one
 * to jump to it). Reads only the replay log, so an exported file plays the same as a live room.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { downloadText, exportFileName } from './download.js';
import { codeAt, replaySpan } from './replay.js';
import { serializeReplay, type ReplayLog } from './replay-log.js';
import { buildReportHtml, formatSpan, verdictLabel } from './report.js';

const SPEEDS = [1, 4, 16] as const;
/** How often the playhead moves while playing. */
const TICK_MS = 100;

export function ReplayView({ log, onClose }: { log: ReplayLog; onClose(): void }) {
  const { start, end } = replaySpan(log);
  const [at, setAt] = useState(end);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => closeButton.current?.focus(), []);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setAt((current) => {
        const next = Math.min(end, current + TICK_MS * speed);
        if (next >= end) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, end]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const moment = useMemo(() => codeAt(log, at), [log, at]);
  const lastEdit = moment.editCount > 0 ? log.edits[moment.editCount - 1] : undefined;
  const span = Math.max(1, end - start);
  const percent = (time: number) => `${(((time - start) / span) * 100).toFixed(2)}%`;

  const play = () => {
    if (at >= end) setAt(start);
    setPlaying(!playing);
  };

  return (
    <div className="replay-backdrop" role="dialog" aria-modal="true" aria-label="Replay">
      <div className="replay">
        <header className="replay-header">
          <h2 className="replay-title">Replay{log.challengeTitle ? `: ${log.challengeTitle}` : ''}</h2>
          <span className="muted">Room {log.room}</span>
          <div className="toolbar-spacer" />
          <button type="button" className="button ghost small" onClick={() => downloadText(exportFileName(log.room, start, 'html'), buildReportHtml(log), 'text/html')}>
            Export report
          </button>
          <button type="button" className="button ghost small" onClick={() => downloadText(exportFileName(log.room, start, 'json'), serializeReplay(log), 'application/json')}>
            Save replay
          </button>
          <button ref={closeButton} type="button" className="button secondary small" onClick={onClose}>
            Close
          </button>
        </header>

        <div className="replay-controls">
          <button type="button" className="button primary small" onClick={play} aria-pressed={playing}>
            {playing ? 'Pause' : 'Play'}
          </button>
          <div className="replay-speeds" role="radiogroup" aria-label="Speed">
            {SPEEDS.map((value) => (
              <button key={value} type="button" role="radio" aria-checked={speed === value} className={`button small ${speed === value ? 'secondary' : 'ghost'}`} onClick={() => setSpeed(value)}>
                {value}×
              </button>
            ))}
          </div>
          <span className="replay-clock mono" data-testid="replay-clock">
            {formatSpan(at - start)} / {formatSpan(end - start)}
          </span>
        </div>

        <div className="replay-timeline">
          <input
            type="range"
            className="replay-scrubber"
            aria-label="Replay position"
            min={start}
            max={Math.max(end, start + 1)}
            step={100}
            value={at}
            onChange={(event) => {
              setPlaying(false);
              setAt(Number(event.target.value));
            }}
          />
          <ol className="replay-runs" aria-label="Runs on the timeline">
            {log.runs.map((run, index) => (
              <li key={`${run.at}-${index}`} style={{ left: percent(run.at) }}>
                <button
                  type="button"
                  className={`replay-run ${run.verdict === 'accepted' ? 'ok' : 'bad'}`}
                  data-testid="replay-run"
                  data-verdict={run.verdict}
                  title={`${run.by}: ${run.mode === 'submit' ? 'Submit' : 'Run'}, ${verdictLabel(run.verdict)}`}
                  aria-label={`${run.mode === 'submit' ? 'Submit' : 'Run'} ${index + 1} by ${run.by}: ${verdictLabel(run.verdict)}, at ${formatSpan(run.at - start)}`}
                  onClick={() => {
                    setPlaying(false);
                    setAt(run.at);
                  }}
                >
                  {run.verdict === 'accepted' ? '✓' : '✗'}
                </button>
              </li>
            ))}
          </ol>
        </div>

        <p className="replay-moment muted">
          {moment.editCount} of {log.edits.length} edits · {moment.language}
          {lastEdit ? ` · last edit by ${lastEdit.by}` : ''}
        </p>
        <pre className="replay-code mono" aria-label="Code at this moment" data-testid="replay-code">
          {moment.code}
        </pre>
      </div>
    </div>
  );
}
