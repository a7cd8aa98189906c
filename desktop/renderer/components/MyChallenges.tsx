/**
 * "My challenges": what the coach token from the settings wrote, with ways to open, edit or
 * delete each, and to write a new one.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChallengeSummary } from '../../../protocol/index.js';
import type { JudgeError, PairJudgeBridge } from '../bridge/bridge-api.js';
import { DifficultyBadge } from './DifficultyBadge.js';

export interface MyChallengesProps {
  bridge: PairJudgeBridge;
  hasToken: boolean;
  onOpen(id: string): void;
  onEdit(id: string): void;
  onWrite(): void;
  onOpenSettings(): void;
}

type State = { status: 'loading' } | { status: 'ready'; challenges: ChallengeSummary[] } | { status: 'error'; error: JudgeError };

export function MyChallenges({ bridge, hasToken, onOpen, onEdit, onWrite, onOpenSettings }: MyChallengesProps) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async () => {
    const answer = await bridge.authoring.listMine();
    setState(answer.ok ? { status: 'ready', challenges: answer.value } : { status: 'error', error: answer.error });
  }, [bridge]);

  useEffect(() => {
    if (hasToken) void load();
  }, [load, hasToken]);

  const remove = async (challenge: ChallengeSummary) => {
    if (!window.confirm(`Delete "${challenge.title}"? Rooms using it can no longer submit to it.`)) return;
    const answer = await bridge.authoring.remove(challenge.id);
    if (!answer.ok) setState({ status: 'error', error: answer.error });
    else void load();
  };

  if (!hasToken) {
    return (
      <section className="my-challenges" aria-labelledby="mine-title">
        <h1 id="mine-title">My challenges</h1>
        <p>Writing challenges needs a coach token from the judge's operator. Enter it once in Settings.</p>
        <button type="button" className="button primary" onClick={onOpenSettings}>
          Open Settings
        </button>
      </section>
    );
  }

  return (
    <section className="my-challenges" aria-labelledby="mine-title">
      <div className="editor-row">
        <h1 id="mine-title">My challenges</h1>
        <div className="toolbar-spacer" />
        <button type="button" className="button primary" onClick={onWrite}>
          Write a challenge
        </button>
      </div>
      {state.status === 'loading' && <p role="status">Loading…</p>}
      {state.status === 'error' && (
        <p className="field-error" role="alert">
          {state.error.message}
        </p>
      )}
      {state.status === 'ready' && state.challenges.length === 0 && <p className="muted">You have not written a challenge yet.</p>}
      {state.status === 'ready' && state.challenges.length > 0 && (
        <ul className="challenge-list" aria-label="My challenges">
          {state.challenges.map((c) => (
            <li key={c.id} className="challenge-row">
              <button type="button" className="challenge-link" onClick={() => onOpen(c.id)}>
                {c.title}
              </button>
              <DifficultyBadge difficulty={c.difficulty} />
              <code className="muted">{c.id}</code>
              <div className="toolbar-spacer" />
              <button type="button" className="button ghost small" onClick={() => onEdit(c.id)}>
                Edit
              </button>
              <button type="button" className="button ghost small" onClick={() => void remove(c)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
