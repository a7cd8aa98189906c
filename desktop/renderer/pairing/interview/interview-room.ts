/**
 * The interview side of one pairing room: the signed chain of interview states (roles, timer,
 * challenge), the rules every link is held to (roles.ts, handed to the provider as its policy),
 * the interviewers' private notes (a Y.Doc of its own, synced only over interviewer links), and,
 * on interviewer peers, the replay log. A room whose chain is empty is a plain pairing room.
 */
import * as Y from 'yjs';
import { Value } from '@sinclair/typebox/value';
import { Type, type Static } from '@sinclair/typebox';
import type { InterviewState, Role, SignedInterviewState, TimerState } from '../../../../protocol/interview-messages.js';
import { MESSAGE_NOTES, applySyncMessage, writeNotesSyncStep1, writeNotesUpdate } from '../../../../protocol/pairing-messages.js';
import type { LanguageId, SubmissionMode, SubmissionResult } from '../../../../protocol/index.js';
import type { LinkPolicy, PairingProvider } from '../pairing-provider.js';
import { TypedEvents } from '../typed-events.js';
import { getCode } from '../room-doc.js';
import { signState, verifySignedState, type Identity, type KeyValueStorage } from './identity.js';
import { appendEdit, appendRun, emptyReplayLog, parseReplay, serializeReplay, type ReplayLog } from './replay-log.js';
import { chainProblem, foundingState, mayApplySync, maySharePrivateNotes, nextState, prefersIncoming, roleOf, type StateChange } from './roles.js';

/** Origin of private-notes changes that came from another interviewer (not sent back out). */
const NOTES_REMOTE = 'pairjudge:notes-remote';
export const MAX_NOTE_LENGTH = 4000;
const FOUNDER_PIN_PREFIX = 'pairjudge.interview.founder.';

const NoteSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  at: Type.Number({ minimum: 0 }),
  author: Type.String({ maxLength: 64 }),
  text: Type.String({ minLength: 1, maxLength: MAX_NOTE_LENGTH }),
});
export type PrivateNote = Static<typeof NoteSchema>;

/**
 * Where an interviewer's notes and replay survive a reload: this machine's IndexedDB (the room
 * persistence store). Written only while this person is an interviewer, so a candidate's or an
 * observer's storage never holds them.
 */
export interface InterviewLocalStore {
  load(key: string): Promise<Uint8Array | null>;
  save(key: string, value: Uint8Array): Promise<void>;
}

/** Saves are batched: a replay grows with every keystroke. */
const SAVE_DEBOUNCE_MS = 1000;

export interface InterviewRoomOptions {
  provider: PairingProvider;
  doc: Y.Doc;
  identity: Identity;
  selfName: string;
  /** The name shown for a peer (from its awareness state). */
  nameOf(peerId: string): string;
  storage?: KeyValueStorage;
  now?: () => number;
}

export type InterviewRoomEvents = {
  change: [];
  /** A chain that was refused, with the reason (logged; shown when it matters). */
  refused: [reason: string, fromPeerId: string];
};

export class InterviewRoom extends TypedEvents<InterviewRoomEvents> {
  readonly notesDoc = new Y.Doc();
  private chain: SignedInterviewState[] | null = null;
  private replay: ReplayLog | null = null;
  /** Chains are checked one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly cleanups: (() => void)[] = [];
  private destroyed = false;
  private local: { store: InterviewLocalStore; room: string } | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: InterviewRoomOptions) {
    super();
    this.now = options.now ?? Date.now;
    const { provider, doc } = options;
    provider.policy = this.policy;
    const onIdentified = (peerId: string) => this.onIdentified(peerId);
    const onChain = (message: { chain: SignedInterviewState[] }, from: string) => this.receiveChain(message.chain, from);
    const onNotes = (body: Uint8Array, from: string) => this.onNotes(body, from);
    this.cleanups.push(provider.on('identified', onIdentified), provider.on('interview', onChain), provider.on('notes', onNotes));
    const onNotesUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== NOTES_REMOTE && this.ownRole === 'interviewer') provider.sendPrivateNotes(writeNotesUpdate(update));
      this.scheduleSave();
      this.emit('change');
    };
    this.notesDoc.on('update', onNotesUpdate);
    this.cleanups.push(() => this.notesDoc.off('update', onNotesUpdate));
    const onDocUpdate = (update: Uint8Array, origin: unknown) => this.record(update, origin);
    doc.on('update', onDocUpdate);
    this.cleanups.push(() => doc.off('update', onDocUpdate));
  }

  /** The rules the provider applies to every proven link, read from the current state. */
  readonly policy: LinkPolicy = {
    mayApplySync: (participantId, kind) => mayApplySync(this.state, participantId, kind),
    maySharePrivateNotes: (participantId) => maySharePrivateNotes(this.state, participantId),
  };

  get state(): InterviewState | null {
    return this.chain?.[this.chain.length - 1]?.state ?? null;
  }

  get ownId(): string {
    return this.options.identity.id;
  }

  get ownRole(): Role | null {
    return roleOf(this.state, this.ownId);
  }

  roleOfParticipant(participantId: string | null): Role | null {
    return roleOf(this.state, participantId);
  }

  roleOfPeer(peerId: string): Role | null {
    return roleOf(this.state, this.options.provider.participantOf(peerId));
  }

  /** The replay log; only interviewers keep one. */
  get replayLog(): ReplayLog | null {
    return this.replay;
  }

  get notes(): PrivateNote[] {
    // Notes come from other interviewers' machines: shape-checked like anything received.
    return this.notesDoc
      .getArray<unknown>('notes')
      .toArray()
      .filter((note): note is PrivateNote => Value.Check(NoteSchema, note))
      .sort((a, b) => a.at - b.at);
  }

  get chainForTest(): readonly SignedInterviewState[] | null {
    return this.chain;
  }

  /** Makes this room an interview with this person as its interviewer (the room's creator). */
  async found(challengeId: string | undefined, timer: TimerState): Promise<void> {
    const room = this.options.provider.roomCode;
    if (!room) throw new Error('the room has no code yet');
    if (this.chain) throw new Error('this room is already an interview');
    const signed = await signState(this.options.identity, foundingState(room, this.ownId, this.now(), challengeId, timer));
    this.adopt([signed]);
  }

  /** An interviewer's change; resolves with the reason when it is not allowed. */
  async change(change: StateChange): Promise<Error | null> {
    const state = this.state;
    if (!state || !this.chain) return new Error('this room is not an interview');
    const next = nextState(state, this.ownId, this.now(), change);
    if (next instanceof Error) return next;
    const signed = await signState(this.options.identity, next);
    if (this.destroyed) return null;
    // Another change may have landed while signing: retry on top of it.
    if (this.state !== state) return this.change(change);
    this.adopt([...this.chain, signed]);
    return null;
  }

  addNote(text: string): void {
    const trimmed = text.trim().slice(0, MAX_NOTE_LENGTH);
    if (!trimmed || this.ownRole !== 'interviewer') return;
    const note: PrivateNote = { id: crypto.randomUUID(), at: this.now(), author: this.options.selfName, text: trimmed };
    this.notesDoc.getArray<PrivateNote>('notes').push([note]);
  }

  /** A finished Run/Submit, ours or a partner's: recorded in the replay on interviewer peers. */
  recordRun(run: { by: string; role: Role | null; mode: SubmissionMode; language: LanguageId; challengeId?: string; result: SubmissionResult }): void {
    if (!this.replay) return;
    appendRun(this.replay, {
      at: this.now(),
      by: run.by.slice(0, 64),
      role: run.role,
      mode: run.mode,
      language: run.language,
      ...(run.challengeId ? { challengeId: run.challengeId } : {}),
      verdict: run.result.verdict,
      tests: run.result.tests.slice(0, 10_000).map((t) => ({ name: t.name.slice(0, 200), passed: t.passed, hidden: t.hidden })),
      code: getCode(this.options.doc, run.language).toString().slice(0, 256 * 1024),
    });
    this.scheduleSave();
    this.emit('change');
  }

  /** The replay log with the notes as they are now, for export. */
  exportLog(challengeTitle?: string): ReplayLog | null {
    if (!this.replay) return null;
    return {
      ...this.replay,
      ...(this.state?.challengeId ? { challengeId: this.state.challengeId } : {}),
      ...(challengeTitle ? { challengeTitle: challengeTitle.slice(0, 200) } : {}),
      notes: this.notes.map((note) => ({ at: note.at, author: note.author, text: note.text })),
    };
  }

  /**
   * Restores this interviewer's notes and replay of `room` from this machine, and keeps saving
   * them while this person is an interviewer. Nothing is read or written for anyone else.
   */
  async keepLocally(store: InterviewLocalStore, room: string): Promise<void> {
    this.local = { store, room };
    const [notes, replay] = await Promise.all([store.load(`interview-notes:${room}`), store.load(`interview-replay:${room}`)]);
    if (this.destroyed) return;
    if (notes) Y.applyUpdate(this.notesDoc, notes, NOTES_REMOTE);
    if (replay && !this.replay) {
      try {
        this.replay = parseReplay(new TextDecoder().decode(replay));
      } catch (error) {
        console.warn('interview: the saved replay could not be read', error);
      }
    }
    this.emit('change');
  }

  /** Saves now what a pending save would (on leave). */
  flushLocal(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const local = this.local;
    if (!local || this.ownRole !== 'interviewer') return;
    const fail = (error: Error) => console.warn('interview: could not save notes or replay', error);
    local.store.save(`interview-notes:${local.room}`, Y.encodeStateAsUpdate(this.notesDoc)).catch(fail);
    if (this.replay) local.store.save(`interview-replay:${local.room}`, new TextEncoder().encode(serializeReplay(this.replay))).catch(fail);
  }

  private scheduleSave(): void {
    if (!this.local || this.saveTimer || this.ownRole !== 'interviewer') return;
    this.saveTimer = setTimeout(() => this.flushLocal(), SAVE_DEBOUNCE_MS);
  }

  destroy(): void {
    if (!this.destroyed) this.flushLocal();
    this.destroyed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.notesDoc.destroy();
    this.removeAllListeners();
  }

  // -------------------------------------------------------------------------------------------

  private receiveChain(chain: SignedInterviewState[], from: string): void {
    this.queue = this.queue.then(async () => {
      if (this.destroyed) return;
      const room = this.options.provider.roomCode;
      if (!room) return;
      const valid = await Promise.all(chain.map((signed) => verifySignedState(signed)));
      const problem = chainProblem(chain, valid, room);
      if (problem) {
        this.emit('refused', problem, from);
        return;
      }
      if (this.destroyed || !prefersIncoming(this.chain, chain, this.pinnedFounder())) return;
      this.adopt(chain);
    });
  }

  /** Takes `chain` as the room's, tells every peer, and applies what it changes here. */
  private adopt(chain: SignedInterviewState[]): void {
    const { provider, doc } = this.options;
    this.chain = chain;
    const state = chain[chain.length - 1]!.state;
    this.pin(state.room, state.founder);
    provider.sendInterviewChain({ chain });
    if (roleOf(state, this.ownId) === 'interviewer' && !this.replay) this.replay = emptyReplayLog(state.room, doc, this.now());
    for (const peer of provider.peers) {
      if (!peer.participantId) continue;
      // Edits refused while a peer's role (or the room's rules) were unknown are asked for again.
      if (mayApplySync(state, peer.participantId, 'update')) provider.resync(peer.peerId);
      if (this.ownRole === 'interviewer' && maySharePrivateNotes(state, peer.participantId)) provider.sendPrivateNotes(writeNotesSyncStep1(this.notesDoc), peer.peerId);
    }
    this.emit('change');
  }

  private onIdentified(peerId: string): void {
    const { provider } = this.options;
    if (this.chain) provider.sendInterviewChain({ chain: this.chain }, peerId);
    if (this.ownRole === 'interviewer') provider.sendPrivateNotes(writeNotesSyncStep1(this.notesDoc), peerId);
    this.emit('change');
  }

  private onNotes(body: Uint8Array, from: string): void {
    // The provider let it through only from an interviewer's link; we answer only such links too.
    if (this.ownRole !== 'interviewer') return;
    const { reply } = applySyncMessage(this.notesDoc, body, NOTES_REMOTE, MESSAGE_NOTES);
    if (reply) this.options.provider.sendPrivateNotes(reply, from);
  }

  private record(update: Uint8Array, origin: unknown): void {
    if (!this.replay) return;
    const { provider } = this.options;
    const from = origin === provider ? provider.currentSender : null;
    const by = from ? this.options.nameOf(from) : this.options.selfName;
    const role = from ? this.roleOfPeer(from) : this.ownRole;
    appendEdit(this.replay, { at: this.now(), by, role, update });
    this.scheduleSave();
  }

  private pinnedFounder(): string | null {
    const room = this.options.provider.roomCode;
    return room ? (this.options.storage?.getItem(FOUNDER_PIN_PREFIX + room) ?? null) : null;
  }

  /**
   * The first founder this peer accepts for a room is kept: after a reload, a chain from anyone
   * else (a candidate who founded a fake interview of its own) is refused.
   */
  private pin(room: string, founder: string): void {
    try {
      if (!this.options.storage?.getItem(FOUNDER_PIN_PREFIX + room)) this.options.storage?.setItem(FOUNDER_PIN_PREFIX + room, founder);
    } catch {
      // Storage full or denied: the pin is a second line; the chain's signatures still hold.
    }
  }
}
