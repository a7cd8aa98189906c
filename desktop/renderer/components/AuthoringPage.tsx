/** The editor page: a new challenge, or one of the coach's own loaded from the judge first. */
import { useEffect, useState } from 'react';
import type { JudgeError, PairJudgeBridge } from '../bridge/bridge-api.js';
import { draftFromChallenge, emptyDraft, type ChallengeDraft } from '../authoring/challenge-draft.js';
import { ChallengeEditor } from './ChallengeEditor.js';

export interface AuthoringPageProps {
  bridge: PairJudgeBridge;
  editingId: string | null;
  onSaved(id: string): void;
  onCancel(): void;
}

export function AuthoringPage({ bridge, editingId, onSaved, onCancel }: AuthoringPageProps) {
  const [initial, setInitial] = useState<ChallengeDraft | JudgeError | null>(() => (editingId ? null : emptyDraft()));

  useEffect(() => {
    if (!editingId) return;
    let live = true;
    void bridge.judge.getChallenge(editingId).then((answer) => {
      if (live) setInitial(answer.ok ? draftFromChallenge(answer.value) : answer.error);
    });
    return () => {
      live = false;
    };
  }, [bridge, editingId]);

  if (initial === null) return <p role="status">Loading the challenge…</p>;
  if ('kind' in initial) {
    return (
      <p className="field-error" role="alert">
        {initial.message}
      </p>
    );
  }
  return <ChallengeEditor key={editingId ?? 'new'} bridge={bridge} editingId={editingId} initial={initial} onSaved={onSaved} onCancel={onCancel} />;
}
