/**
 * Always in the top bar: which judge answers Run and Submit, and how many Submits wait in the
 * outbox. The words are the ones the person sees in Settings.
 */
import { useSyncExternalStore } from 'react';
import type { JudgeMode } from '../bridge/offline-api.js';
import type { JudgeModeStore } from '../offline/judge-mode.js';

const LABELS: Record<JudgeMode, string> = {
  cloud: 'Cloud judge',
  local: 'Local judge (offline)',
  lan: 'LAN host',
};

const TITLES: Record<JudgeMode, string> = {
  cloud: 'Run and Submit are judged by the cloud judge; its verdicts are official.',
  local:
    'The judge is unreachable (or Settings chose this machine): Run checks the visible tests and your own here, marked "local"; Submits wait in the outbox and are sent when the judge is back.',
  lan: 'Run and Submit are judged by a PairJudge host on this network.',
};

export function JudgeModeIndicator({ modes, queued }: { modes: JudgeModeStore; queued: number }) {
  const { mode, setting } = useSyncExternalStore(modes.subscribe, modes.getSnapshot);
  return (
    <span className={`pill judge-mode judge-mode-${mode}`} data-testid="judge-mode" title={TITLES[mode]} role="status">
      <span className="judge-mode-dot" aria-hidden="true" />
      {LABELS[mode]}
      {setting !== 'auto' && <span className="muted"> · set in Settings</span>}
      {queued > 0 && (
        <span className="judge-mode-queued" data-testid="outbox-count">
          {' '}
          · {queued} queued
        </span>
      )}
    </span>
  );
}
