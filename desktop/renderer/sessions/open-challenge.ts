/**
 * Opening a challenge's workspace: its statement from the judge (or its cache), its code from the
 * session on this machine. With the judge unreachable and no cached statement, the session's code
 * still opens, under a stand-in challenge that says the statement is missing.
 */
import type { LanguageId, PublicChallenge } from '../../../protocol/index.js';
import type { BridgeResult, PairJudgeBridge } from '../bridge/bridge-api.js';
import { pairingSession } from '../pairing/pairing-instance.js';
import { sessionPersistence, soloSessions } from './session-instance.js';
import { offlineChallenge } from './solo-sessions.js';

export interface OpenedChallenge {
  challenge: PublicChallenge;
  code: Partial<Record<LanguageId, string>>;
  language?: LanguageId;
  /** True when the statement could not be fetched and the stand-in is shown. */
  offline: boolean;
}

export async function openChallenge(bridge: PairJudgeBridge, challengeId: string): Promise<BridgeResult<OpenedChallenge>> {
  const answer = await bridge.judge.getChallenge(challengeId);
  // In a room the room document holds the code (the editor is bound to it), not the solo session.
  const paired = pairingSession.getSnapshot().active;
  if (answer.ok) {
    if (paired) return { ok: true, value: { challenge: answer.value, code: {}, offline: false } };
    const saved = await soloSessions.open(challengeId);
    return { ok: true, value: { challenge: answer.value, ...saved, offline: false } };
  }
  if (answer.error.kind !== 'unreachable') return answer;
  const saved = paired ? { code: {} } : await soloSessions.open(challengeId);
  const summaries = await sessionPersistence()
    .list()
    .catch(() => []);
  const known = summaries.find((summary) => summary.challengeId === challengeId && summary.challengeTitle);
  // Nothing of it on this machine (never opened here): there is nothing to show but the reason.
  if (!known && Object.keys(saved.code).length === 0) return answer;
  return { ok: true, value: { challenge: offlineChallenge(challengeId, known?.challengeTitle, saved.code, known?.difficulty), ...saved, offline: true } };
}
