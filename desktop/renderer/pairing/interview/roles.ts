/**
 * The rules of an interview room, as pure functions every peer applies to what it receives.
 * The threat model is a tampered client: the UI hides what a role cannot do, but only these
 * checks, run on the receiving side, make it so. A room without an interview state is a plain
 * pairing room, where everyone may do everything (as before interview mode).
 *
 * - Roles, the timer and the challenge live in a chain of signed states (interview-messages.ts).
 *   A state is accepted only if it is signed by a participant who is an interviewer in the state
 *   before it; the first must be the founder's own. A candidate cannot sign as an interviewer
 *   (participant ids are hashes of public keys), so it cannot change any of them.
 * - Yjs edits (sync step 2 and updates) from an observer, or from a link whose identity is not
 *   proven yet, are not applied. Sync step 1 only asks for our content and is always answered,
 *   so an observer still sees what the candidate sees.
 * - Private notes travel only between interviewers.
 */
import type { InterviewState, Role, SignedInterviewState } from '../../../../protocol/interview-messages.js';
import { MAX_INTERVIEW_CHAIN } from '../../../../protocol/interview-messages.js';
import type { SyncKind } from '../../../../protocol/pairing-messages.js';

export type { Role };

/** Someone the room knows nothing about is a candidate: the least trusted role that can type. */
export function roleOf(state: InterviewState | null, participantId: string | null): Role | null {
  if (!state) return null;
  if (participantId === null) return null;
  return state.roles[participantId] ?? 'candidate';
}

export function canEditCode(role: Role | null): boolean {
  return role === null || role === 'interviewer' || role === 'candidate';
}

/**
 * Whether to apply a sync message from a link. `participantId` is null until the link proved
 * its identity. In an interview, only interviewers' and candidates' edits are applied.
 */
export function mayApplySync(state: InterviewState | null, participantId: string | null, kind: SyncKind): boolean {
  if (kind === 'step1' || !state) return true;
  const role = roleOf(state, participantId);
  return role === 'interviewer' || role === 'candidate';
}

/** Private notes go to, and come from, interviewers only. */
export function maySharePrivateNotes(state: InterviewState | null, participantId: string | null): boolean {
  return roleOf(state, participantId) === 'interviewer';
}

/** A challenge switch is the interviewer's; a language switch is anyone's who may edit. */
export function mayAcceptSwitch(state: InterviewState | null, participantId: string | null, change: { challengeId?: string }): boolean {
  if (!state) return true;
  const role = roleOf(state, participantId);
  if (change.challengeId !== undefined) return role === 'interviewer';
  return role === 'interviewer' || role === 'candidate';
}

/** An observer watches: a run result it claims is not shown as the room's. */
export function mayAcceptRun(state: InterviewState | null, participantId: string | null): boolean {
  if (!state) return true;
  const role = roleOf(state, participantId);
  return role === 'interviewer' || role === 'candidate';
}

export function interviewerCount(state: InterviewState): number {
  return Object.values(state.roles).filter((role) => role === 'interviewer').length;
}

/** Why `next` may not follow `prev`, or null when it may. */
export function transitionProblem(prev: InterviewState, next: InterviewState): string | null {
  if (next.room !== prev.room) return 'names another room';
  if (next.founder !== prev.founder) return 'names another founder';
  if (next.seq !== prev.seq + 1) return `seq ${next.seq} does not follow ${prev.seq}`;
  if (prev.roles[next.issuer] !== 'interviewer') return 'is signed by someone who is not an interviewer';
  if (interviewerCount(next) === 0) return 'leaves the room without an interviewer';
  return null;
}

/** Why the founding state is not one, or null. */
export function foundingProblem(first: InterviewState): string | null {
  if (first.seq !== 1) return 'does not start at seq 1';
  if (first.issuer !== first.founder) return 'is not signed by its founder';
  if (first.roles[first.founder] !== 'interviewer') return 'does not make its founder the interviewer';
  return null;
}

/**
 * Checks a whole chain. `signaturesValid[i]` says whether chain[i] is signed by its issuer's key
 * (checked with WebCrypto beforehand, identity.ts verifySignedState). Returns the reason for the
 * first problem, or null.
 */
export function chainProblem(chain: readonly SignedInterviewState[], signaturesValid: readonly boolean[], room: string): string | null {
  if (chain.length === 0) return 'the chain is empty';
  if (chain.length > MAX_INTERVIEW_CHAIN) return `the chain is longer than ${MAX_INTERVIEW_CHAIN}`;
  for (let i = 0; i < chain.length; i++) {
    const state = chain[i]!.state;
    if (signaturesValid[i] !== true) return `state ${i + 1} has a bad signature`;
    if (state.room !== room) return `state ${i + 1} names another room`;
    const problem = i === 0 ? foundingProblem(state) : transitionProblem(chain[i - 1]!.state, state);
    if (problem) return `state ${i + 1} ${problem}`;
  }
  return null;
}

/**
 * Whether a valid incoming chain should replace ours: it must have the same founder (or the
 * founder this room was pinned to), and be longer; of two equally long forks (two interviewers
 * acting at once) every peer picks the same one, the smaller last signature.
 */
export function prefersIncoming(current: readonly SignedInterviewState[] | null, incoming: readonly SignedInterviewState[], pinnedFounder: string | null): boolean {
  const founder = incoming[0]!.state.founder;
  if (pinnedFounder !== null && founder !== pinnedFounder) return false;
  if (!current || current.length === 0) return true;
  if (current[0]!.state.founder !== founder) return false;
  if (incoming.length !== current.length) return incoming.length > current.length;
  return incoming[incoming.length - 1]!.signature < current[current.length - 1]!.signature;
}

export type StateChange =
  | { kind: 'role'; participantId: string; role: Role }
  | { kind: 'timer'; timer: InterviewState['timer'] }
  | { kind: 'challenge'; challengeId: string };

/**
 * The next state after `change` by `issuer` (who must be an interviewer), or an Error saying why
 * not. The same rules as transitionProblem, so what we issue is what the others accept.
 */
export function nextState(prev: InterviewState, issuer: string, at: number, change: StateChange): InterviewState | Error {
  if (prev.roles[issuer] !== 'interviewer') return new Error('only an interviewer can change the interview');
  if (prev.seq >= MAX_INTERVIEW_CHAIN) return new Error(`this interview has reached its ${MAX_INTERVIEW_CHAIN} changes`);
  const next: InterviewState = { ...prev, seq: prev.seq + 1, issuer, at, roles: { ...prev.roles } };
  if (change.kind === 'role') next.roles[change.participantId] = change.role;
  else if (change.kind === 'timer') next.timer = change.timer;
  else next.challengeId = change.challengeId;
  const problem = transitionProblem(prev, next);
  return problem ? new Error(`this change ${problem}`) : next;
}

export function foundingState(room: string, founder: string, at: number, challengeId: string | undefined, timer: InterviewState['timer']): InterviewState {
  return { room, seq: 1, founder, issuer: founder, at, roles: { [founder]: 'interviewer' }, ...(challengeId ? { challengeId } : {}), timer };
}
