import { describe, expect, it } from 'vitest';
import { createIdentity, signIdentity, signState, verifyIdentity, verifySignedState } from '../../desktop/renderer/pairing/interview/identity.js';
import {
  canEditCode,
  chainProblem,
  foundingState,
  mayAcceptRun,
  mayAcceptSwitch,
  mayApplySync,
  maySharePrivateNotes,
  nextState,
  prefersIncoming,
  roleOf,
} from '../../desktop/renderer/pairing/interview/roles.js';
import { newTimer, startTimer } from '../../desktop/renderer/pairing/interview/timer.js';
import type { InterviewState, SignedInterviewState } from '../../protocol/interview-messages.js';

const ROOM = 'ABCD-EFGH-JKMN';
const I = 'iiiiiiiiiiiiiiiiiiiiii';
const C = 'cccccccccccccccccccccc';
const O = 'oooooooooooooooooooooo';

function state(): InterviewState {
  return { ...foundingState(ROOM, I, 1000, 'two-sum', newTimer(60_000)), roles: { [I]: 'interviewer', [O]: 'observer' } };
}

describe('interview roles', () => {
  it('makes anyone not listed a candidate, and a plain room has no roles', () => {
    expect(roleOf(state(), I)).toBe('interviewer');
    expect(roleOf(state(), C)).toBe('candidate');
    expect(roleOf(state(), O)).toBe('observer');
    expect(roleOf(null, C)).toBeNull();
    expect(canEditCode('observer')).toBe(false);
    expect(canEditCode('candidate')).toBe(true);
    expect(canEditCode(null)).toBe(true);
  });

  it('applies edits from interviewers and candidates, never from observers or unproven links', () => {
    for (const kind of ['step2', 'update'] as const) {
      expect(mayApplySync(state(), I, kind)).toBe(true);
      expect(mayApplySync(state(), C, kind)).toBe(true);
      expect(mayApplySync(state(), O, kind)).toBe(false);
      expect(mayApplySync(state(), null, kind)).toBe(false);
      expect(mayApplySync(null, O, kind)).toBe(true);
    }
    // Step 1 only asks for our content: an observer gets it, so it sees what the candidate sees.
    expect(mayApplySync(state(), O, 'step1')).toBe(true);
  });

  it('lets only interviewers switch the challenge and share private notes; observers’ runs are not the room’s', () => {
    expect(mayAcceptSwitch(state(), C, { challengeId: 'fizz-buzz' })).toBe(false);
    expect(mayAcceptSwitch(state(), O, { challengeId: 'fizz-buzz' })).toBe(false);
    expect(mayAcceptSwitch(state(), I, { challengeId: 'fizz-buzz' })).toBe(true);
    expect(mayAcceptSwitch(state(), C, {})).toBe(true);
    expect(mayAcceptSwitch(state(), O, {})).toBe(false);
    expect(mayAcceptSwitch(null, C, { challengeId: 'fizz-buzz' })).toBe(true);
    expect(maySharePrivateNotes(state(), I)).toBe(true);
    expect(maySharePrivateNotes(state(), C)).toBe(false);
    expect(maySharePrivateNotes(state(), O)).toBe(false);
    expect(maySharePrivateNotes(null, C)).toBe(false);
    expect(mayAcceptRun(state(), O)).toBe(false);
    expect(mayAcceptRun(state(), C)).toBe(true);
  });

  it('builds the next state only for an interviewer, and never leaves the room without one', () => {
    const byCandidate = nextState(state(), C, 2000, { kind: 'timer', timer: startTimer(newTimer(1000), 2000) });
    expect(byCandidate).toBeInstanceOf(Error);
    const handed = nextState(state(), I, 2000, { kind: 'role', participantId: C, role: 'interviewer' });
    expect(handed).not.toBeInstanceOf(Error);
    expect((handed as InterviewState).roles[C]).toBe('interviewer');
    expect((handed as InterviewState).seq).toBe(2);
    const alone = nextState(state(), I, 2000, { kind: 'role', participantId: I, role: 'candidate' });
    expect((alone as Error).message).toContain('without an interviewer');
  });
});

describe('interview chains', () => {
  async function chainOf(): Promise<{ chain: SignedInterviewState[]; interviewer: Awaited<ReturnType<typeof createIdentity>>; candidate: Awaited<ReturnType<typeof createIdentity>> }> {
    const interviewer = await createIdentity();
    const candidate = await createIdentity();
    const first = foundingState(ROOM, interviewer.id, 1, 'two-sum', newTimer(60_000));
    const second = nextState(first, interviewer.id, 2, { kind: 'timer', timer: startTimer(first.timer, 2) }) as InterviewState;
    return { chain: [await signState(interviewer, first), await signState(interviewer, second)], interviewer, candidate };
  }

  const verifyAll = (chain: SignedInterviewState[]) => Promise.all(chain.map(verifySignedState));

  it('accepts a chain signed by the founder', async () => {
    const { chain } = await chainOf();
    expect(chainProblem(chain, await verifyAll(chain), ROOM)).toBeNull();
  });

  it('refuses a candidate’s own signed role change, timer change and challenge switch', async () => {
    const { chain, candidate } = await chainOf();
    const last = chain[1]!.state;
    for (const change of [{ roles: { ...last.roles, [candidate.id]: 'interviewer' as const } }, { timer: newTimer(5) }, { challengeId: 'fizz-buzz' }]) {
      const forged = [...chain, await signState(candidate, { ...last, ...change, seq: 3, issuer: candidate.id })];
      expect(chainProblem(forged, await verifyAll(forged), ROOM)).toBe('state 3 is signed by someone who is not an interviewer');
    }
  });

  it('refuses a state whose signature does not match (claimed as the interviewer’s, signed by the candidate)', async () => {
    const { chain, interviewer, candidate } = await chainOf();
    const last = chain[1]!.state;
    const claimed = await signState(candidate, { ...last, seq: 3, issuer: interviewer.id, challengeId: 'fizz-buzz' });
    expect(await verifySignedState(claimed)).toBe(false);
    const altered = { ...chain[1]!, state: { ...last, challengeId: 'fizz-buzz' } };
    expect(await verifySignedState(altered)).toBe(false);
    const forged = [chain[0]!, altered];
    expect(chainProblem(forged, await verifyAll(forged), ROOM)).toBe('state 2 has a bad signature');
  });

  it('keeps the founder: a candidate’s own interview does not replace the room’s', async () => {
    const { chain, candidate } = await chainOf();
    const fake = [await signState(candidate, foundingState(ROOM, candidate.id, 1, 'fizz-buzz', newTimer(1)))];
    expect(chainProblem(fake, await verifyAll(fake), ROOM)).toBeNull();
    expect(prefersIncoming(chain, fake, null)).toBe(false);
    // Pinned after a reload: the fake is refused even with nothing held yet.
    expect(prefersIncoming(null, fake, chain[0]!.state.founder)).toBe(false);
    expect(prefersIncoming(chain.slice(0, 1), chain, null)).toBe(true);
    expect(prefersIncoming(chain, chain.slice(0, 1), null)).toBe(false);
  });

  it('refuses a chain for another room', async () => {
    const { chain } = await chainOf();
    expect(chainProblem(chain, await verifyAll(chain), 'ZZZZ-ZZZZ-ZZZZ')).toBe('state 1 names another room');
  });

  it('proves an identity only on its own link and room', async () => {
    const identity = await createIdentity();
    const proof = await signIdentity(identity, ROOM, 'peer-a');
    expect(await verifyIdentity(proof, ROOM, 'peer-a')).toBe(identity.id);
    // Replayed on another link, or in another room: refused.
    expect(await verifyIdentity(proof, ROOM, 'peer-b')).toBeNull();
    expect(await verifyIdentity({ ...proof, peerId: 'peer-b' }, ROOM, 'peer-b')).toBeNull();
    expect(await verifyIdentity(proof, 'ZZZZ-ZZZZ-ZZZZ', 'peer-a')).toBeNull();
  });
});
