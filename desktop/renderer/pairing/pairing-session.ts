/**
 * One live-pairing session of this window: the room's Yjs document, its IndexedDB copy, the
 * PairingProvider, and the glue between them and the workspace (store and editor). React reads
 * a snapshot through `subscribe`/`getSnapshot`; everything else goes through the methods.
 *
 * What travels where (DESIGN.md, "Data flow: pairing"):
 * - the code per language, the selected challenge and language, and the run history live in the
 *   room document (room-doc.ts) and reach the partner by Yjs sync;
 * - chat, finished runs (with their full result) and switches are app messages;
 * - the partner's name, colour and cursor are awareness state.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { ChatMessage, RunResultMessage, SwitchMessage } from '../../../protocol/pairing-messages.js';
import { MAX_CHAT_TEXT_LENGTH, MAX_DISPLAY_NAME_LENGTH } from '../../../protocol/pairing-messages.js';
import { generatePeerId } from '../../../protocol/signaling.js';
import { LANGUAGES, type LanguageId, type PublicChallenge } from '../../../protocol/index.js';
import type { Monaco, monaco } from '../editor/monaco-setup.js';
import { challengeLanguages } from '../state/workspace-state.js';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace-state.js';
import type { WorkspaceStore } from '../state/workspace-store.js';
import { EditorBinding } from './editor-binding.js';
import { joinHash } from './join-route.js';
import { partnerLabel } from './partner-label.js';
import { PairingProvider, type PairingError, type PairingStatus } from './pairing-provider.js';
import type { IceServer } from './peer-factory.js';
import { isSafeColor, pickPeerColor } from './peer-colors.js';
import { remoteCursorCss } from './remote-cursor-styles.js';
import { getCode, getMeta, getRuns, getSelection, LOCAL_ORIGIN, readRuns, recordRun, seedStarterCode, setSelection, type RunRecord } from './room-doc.js';
import { ROOM_RETENTION_MS, RoomPersistence } from './room-persistence.js';
import type { Role, TimerState } from '../../../protocol/interview-messages.js';
import { loadOrCreateIdentity, type Identity } from './interview/identity.js';
import { InterviewRoom, type PrivateNote } from './interview/interview-room.js';
import type { ReplayLog } from './interview/replay-log.js';
import { mayAcceptRun, mayAcceptSwitch } from './interview/roles.js';
import { newTimer, pauseTimer, resetTimer, startTimer } from './interview/timer.js';

/** The timer a new interview starts with; the interviewer changes it before starting. */
export const DEFAULT_INTERVIEW_MS = 45 * 60 * 1000;

export interface Participant {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
  /** Proven participant id (from the link's identity proof); null until proven. */
  participantId: string | null;
  /** In an interview: this person's role; null in a plain room or while not proven. */
  role: Role | null;
}

/** What the interview looks like from here; null in a plain pairing room. */
export interface InterviewView {
  ownRole: Role;
  ownId: string;
  timer: TimerState;
  challengeId: string | null;
  /** Only on interviewer peers; always empty elsewhere. */
  notes: PrivateNote[];
  /** Runs recorded for the replay (interviewers only). */
  recordedRuns: number;
}

export interface ChatLine {
  id: string;
  kind: 'chat' | 'event';
  name: string;
  text: string;
  self: boolean;
  color?: string;
  at: number;
}

export interface PairingSnapshot {
  active: boolean;
  status: PairingStatus;
  /** The room code, once the room exists (or the code being joined). */
  code: string | null;
  created: boolean;
  participants: Participant[];
  chat: ChatLine[];
  runs: RunRecord[];
  /** The room's challenge: the app shows it while in the room. */
  challengeId: string | null;
  /** A problem the person should see (room unknown or full, signaling unreachable). */
  error: string | null;
  interview: InterviewView | null;
}

export interface StartOptions {
  room: { create: true } | { code: string };
  signalingUrl: string;
  name: string;
  iceServers?: IceServer[];
  /** Start the new room as an interview, with this person as its interviewer. */
  interview?: boolean;
  /** How the session loads a challenge (its starter code) when someone switches to it. */
  getChallenge(id: string): Promise<PublicChallenge | null>;
}

interface Room {
  doc: Y.Doc;
  awareness: Awareness;
  provider: PairingProvider;
  interview: InterviewRoom;
  name: string;
  getChallenge: StartOptions['getChallenge'];
  stopPersisting: (() => void) | null;
  cleanups: (() => void)[];
}

const MAX_CHAT_LINES = 200;
const IDLE: PairingSnapshot = {
  active: false,
  status: 'offline',
  code: null,
  created: false,
  participants: [],
  chat: [],
  runs: [],
  challengeId: null,
  error: null,
  interview: null,
};

/** Messages for the room errors a person can act on; others show the server's text. */
const ERROR_TEXT: Partial<Record<PairingError['code'], string>> = {
  room_not_found: 'No room has this code. Check it, or ask your partner for a new one.',
  room_expired: 'This room has expired. Create a new one.',
  room_full: 'This room is full.',
  server_busy: 'The pairing server is busy. Try again in a minute.',
};

export class PairingSession {
  private room: Room | null = null;
  private snapshot: PairingSnapshot = IDLE;
  private readonly listeners = new Set<() => void>();
  private readonly editor = new EditorBinding();
  private cursorStyle: HTMLStyleElement | null = null;
  /** Whether the room being created should be founded as an interview. */
  private startAsInterview = false;
  /** Whether the current room was entered (created or joined); false while still knocking. */
  private entered = false;
  /** Bumped by every start/leave, so a start that awaited IndexedDB knows it was superseded. */
  private generation = 0;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly persistence: RoomPersistence = new RoomPersistence(),
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): PairingSnapshot => this.snapshot;

  attachEditor(editor: monaco.editor.IStandaloneCodeEditor, monacoNamespace: Monaco): void {
    this.editor.attach(editor, monacoNamespace);
  }

  /** Creates a room or joins one by code. Joining the room this session is already in does nothing. */
  async start(options: StartOptions): Promise<void> {
    const code = 'code' in options.room ? options.room.code : null;
    if (this.room && code !== null && this.snapshot.code === code) return;
    this.leave();
    const generation = ++this.generation;
    this.entered = false;
    const name = options.name.trim().slice(0, MAX_DISPLAY_NAME_LENGTH) || 'Guest';
    const doc = new Y.Doc();
    this.update({ ...IDLE, active: true, status: 'connecting', code });
    if (code !== null && this.persistence.available) {
      // A reload or a rejoin: restore this person's copy first, so the resync only exchanges
      // what each side misses and nothing typed before the reload is lost.
      try {
        await this.persistence.restoreInto(doc, code);
        void this.persistence.pruneOlderThan(Date.now() - ROOM_RETENTION_MS).catch(() => undefined);
      } catch (error) {
        console.warn('pairing: could not read the saved room', error);
      }
      if (generation !== this.generation) return;
    }
    let identity: Identity;
    try {
      identity = await loadOrCreateIdentity(globalThis.localStorage);
    } catch (error) {
      this.update({ ...IDLE, error: `Pairing needs WebCrypto: ${(error as Error).message}` });
      return;
    }
    if (generation !== this.generation) return;
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name, color: pickPeerColor(doc.clientID, new Set()) });
    const provider = new PairingProvider(doc, {
      signalingUrl: options.signalingUrl,
      room: options.room,
      awareness,
      iceServers: options.iceServers,
      identity,
      connect: false,
    });
    const interview = new InterviewRoom({
      provider,
      doc,
      identity,
      selfName: name,
      nameOf: (peerId) => this.senderOf(this.room ?? room, peerId).name,
      storage: globalThis.localStorage,
    });
    const room: Room = { doc, awareness, provider, interview, name, getChallenge: options.getChallenge, stopPersisting: null, cleanups: [] };
    this.startAsInterview = options.interview === true && code === null;
    this.room = room;
    this.wire(room);
    this.editor.setRoom({ doc, awareness });
    this.syncFromRoom();
    if (code !== null) this.persist(room, code);
    if (code !== null && this.persistence.available) {
      // An interviewer's reload: their notes and replay come back (nothing is stored for others).
      try {
        await interview.keepLocally(this.persistence, code);
      } catch (error) {
        console.warn('pairing: could not read the saved interview notes', error);
      }
      if (generation !== this.generation) return;
    }
    provider.connect();
  }

  /** Leaves the room: links close, the editor keeps its text, the local copy stays in IndexedDB. */
  leave(): void {
    this.generation++;
    const room = this.room;
    if (!room) {
      if (this.snapshot.active) this.update(IDLE);
      return;
    }
    this.room = null;
    this.editor.setRoom(null);
    this.editor.setReadOnly(false);
    for (const cleanup of room.cleanups) cleanup();
    room.interview.destroy();
    room.stopPersisting?.();
    room.provider.destroy();
    room.awareness.destroy();
    room.doc.destroy();
    this.cursorStyle?.remove();
    this.cursorStyle = null;
    this.update(IDLE);
    // Out of the room, a reload should not rejoin it.
    const challenge = this.store.getState().challenge;
    if (/^#\/join\//.test(window.location.hash)) window.history.replaceState(null, '', challenge ? `#/challenge/${challenge.id}` : '#/');
  }

  sendChat(text: string): void {
    const room = this.room;
    const trimmed = text.trim().slice(0, MAX_CHAT_TEXT_LENGTH);
    if (!room || !trimmed) return;
    const chat: ChatMessage = { id: generatePeerId(), name: room.name, text: trimmed, sentAt: Date.now() };
    room.provider.sendChat(chat);
    this.addLine({ id: chat.id, kind: 'chat', name: room.name, text: trimmed, self: true, color: this.ownColor(), at: chat.sentAt });
  }

  /**
   * This person opened a challenge while in the room: the room switches to it for both. The text
   * of each language is replaced by the challenge's starter code (the room holds one solution
   * per language); the first challenge of a room that was never seeded is seeded instead.
   */
  async selectChallenge(id: string): Promise<boolean> {
    const room = this.room;
    if (!room || this.roomChallengeId(room) === id) return true;
    // In an interview the challenge is the interviewer's call; the others refuse anyone else's.
    if (room.interview.state && room.interview.ownRole !== 'interviewer') {
      this.addEvent('Only the interviewer can change the challenge.');
      return false;
    }
    const challenge = await room.getChallenge(id);
    if (!challenge || this.room !== room) return false;
    if (room.interview.state) {
      const refused = await room.interview.change({ kind: 'challenge', challengeId: id });
      if (refused) {
        this.addEvent(refused.message);
        return false;
      }
    }
    const languages = challengeLanguages(challenge);
    const current = getSelection(room.doc).language;
    const language = current && languages.includes(current) ? current : (languages[0] ?? 'javascript');
    const starterCode: Partial<Record<LanguageId, string>> = {};
    for (const lang of languages) starterCode[lang] = challenge.starter[lang] ?? '';
    if (getMeta(room.doc).get('seeded') !== true) {
      const state = this.store.getState();
      // Seeding the very first challenge keeps what this person already wrote for it.
      const own = state.challenge?.id === id ? state.code : {};
      seedStarterCode(room.doc, { challengeId: id, language, starterCode: { ...starterCode, ...own } });
    } else {
      room.doc.transact(() => {
        for (const lang of languages) {
          const text = getCode(room.doc, lang);
          text.delete(0, text.length);
          text.insert(0, starterCode[lang] ?? '');
        }
        setSelection(room.doc, { challengeId: id, language });
      }, LOCAL_ORIGIN);
    }
    this.sendSwitch(room, { name: room.name, challengeId: id, language });
    this.addEvent(`You opened ${challenge.title}.`);
    return true;
  }

  /** Interviewer: gives a participant a role (the others check it is an interviewer's change). */
  async setRole(participantId: string, role: Role): Promise<void> {
    const error = await this.room?.interview.change({ kind: 'role', participantId, role });
    if (error) this.addEvent(error.message);
  }

  /** Interviewer: sets the duration (reset), starts or pauses the timer. */
  async controlTimer(action: { kind: 'start' } | { kind: 'pause' } | { kind: 'reset'; durationMs?: number }): Promise<void> {
    const interview = this.room?.interview;
    const state = interview?.state;
    if (!interview || !state) return;
    const now = Date.now();
    const timer =
      action.kind === 'start' ? startTimer(state.timer, now) : action.kind === 'pause' ? pauseTimer(state.timer, now) : resetTimer(state.timer, action.durationMs);
    const error = await interview.change({ kind: 'timer', timer });
    if (error) this.addEvent(error.message);
  }

  addNote(text: string): void {
    this.room?.interview.addNote(text);
  }

  /** The interviewer's replay log, with the notes, for the Replay view and the export. */
  replayLog(challengeTitle?: string): ReplayLog | null {
    return this.room?.interview.exportLog(challengeTitle) ?? null;
  }

  // -------------------------------------------------------------------------------------------

  private wire(room: Room): void {
    const { provider, doc, awareness, interview } = room;
    const onInterview = () => {
      this.onAwarenessChange(room);
      this.syncFromRoom();
    };
    // Roles follow links: recompute when a link is proven or learns its awareness clients (the
    // awareness 'change' event fires before the provider has tied the client to its link).
    room.cleanups.push(interview.on('change', onInterview), provider.on('peers', () => this.onAwarenessChange(room)));
    interview.on('refused', (reason, from) => console.warn(`pairing: refused an interview change from ${from}: ${reason}`));
    provider.on('status', (status) => this.update({ ...this.snapshot, status }));
    provider.on('room', ({ code, created }) => {
      this.entered = true;
      this.update({ ...this.snapshot, code, created, error: null });
      if (created) {
        this.seedFromWorkspace(room);
        this.persist(room, code);
        if (this.persistence.available) void interview.keepLocally(this.persistence, code).catch(() => undefined);
        if (this.startAsInterview) {
          const challengeId = getSelection(doc).challengeId;
          interview.found(challengeId, newTimer(DEFAULT_INTERVIEW_MS)).catch((error: Error) => this.update({ ...this.snapshot, error: `Could not start the interview: ${error.message}` }));
        }
      }
      // The address now names the room, so a reload (or a copy of the address bar) rejoins it.
      window.history.replaceState(null, '', joinHash(code));
    });
    provider.on('synced', () => this.syncFromRoom());
    provider.on('error', (error) => {
      if (!error.fatal) {
        console.warn('pairing:', error.code, error.message);
        return;
      }
      const text = ERROR_TEXT[error.code] ?? error.message;
      if (this.entered) {
        this.update({ ...this.snapshot, error: text });
        return;
      }
      // Never got in (unknown, expired or full room): back to the create/join form, with the reason.
      this.leave();
      this.update({ ...IDLE, error: text });
    });
    // Names shown for a partner's messages come from that peer's awareness (the participant
    // list), never from the name the message declares, which the sender may choose freely.
    provider.on('chat', (chat, from) => {
      const sender = this.senderOf(room, from);
      this.addLine({ id: generatePeerId(), kind: 'chat', name: sender.name, text: chat.text, self: false, color: sender.color, at: Date.now() });
    });
    provider.on('switch', (change, from) => {
      if (!mayAcceptSwitch(interview.state, provider.participantOf(from), change)) {
        this.addEvent(`${this.senderOf(room, from).name} tried to switch the challenge: refused.`);
        return;
      }
      this.onRemoteSwitch(change, this.senderOf(room, from).name);
    });
    provider.on('run-result', (run, from) => {
      // An observer's claimed run is not the room's; the others' are recorded for the replay.
      if (!mayAcceptRun(interview.state, provider.participantOf(from))) return;
      const sender = this.senderOf(room, from).name;
      interview.recordRun({ by: sender, role: interview.roleOfPeer(from), mode: run.mode, language: run.language, ...(run.challengeId ? { challengeId: run.challengeId } : {}), result: run.result });
      this.onRemoteRun(run, sender);
    });

    const onAwareness = () => this.onAwarenessChange(room);
    awareness.on('change', onAwareness);
    room.cleanups.push(() => awareness.off('change', onAwareness));
    // This person's own state was set before the listener: list them from the start.
    onAwareness();

    const meta = getMeta(doc);
    const onMeta = () => this.syncFromRoom();
    meta.observe(onMeta);
    room.cleanups.push(() => meta.unobserve(onMeta));

    const runs = getRuns(doc);
    const onRuns = () => this.update({ ...this.snapshot, runs: readRuns(doc) });
    runs.observe(onRuns);
    room.cleanups.push(() => runs.unobserve(onRuns));
    this.update({ ...this.snapshot, runs: readRuns(doc) });

    room.cleanups.push(this.store.subscribe((state, action) => this.onStoreAction(room, state, action)));
  }

  private persist(room: Room, code: string): void {
    if (room.stopPersisting || !this.persistence.available) return;
    room.stopPersisting = this.persistence.track(room.doc, code, (error) => console.warn('pairing: could not save the room', error));
  }

  /** The creator puts the open challenge and its code into the new room, once. */
  private seedFromWorkspace(room: Room): void {
    const state = this.store.getState();
    if (!state.challenge) return;
    const starterCode: Partial<Record<LanguageId, string>> = {};
    for (const lang of challengeLanguages(state.challenge)) starterCode[lang] = state.code[lang] ?? state.challenge.starter[lang] ?? '';
    seedStarterCode(room.doc, { challengeId: state.challenge.id, language: state.language, starterCode });
  }

  /** Makes the workspace follow the room's challenge and language, and rebinds the editor. */
  /**
   * The room's challenge: in an interview the signed state's (a candidate could write any id
   * into the shared document; it is not read then), otherwise the document's.
   */
  private roomChallengeId(room: Room): string | null {
    const signed = room.interview.state;
    if (signed) return signed.challengeId ?? null;
    return getMeta(room.doc).get('seeded') === true ? (getSelection(room.doc).challengeId ?? null) : null;
  }

  private interviewView(room: Room): InterviewView | null {
    const { interview } = room;
    const state = interview.state;
    const ownRole = interview.ownRole;
    if (!state || !ownRole) return null;
    return {
      ownRole,
      ownId: interview.ownId,
      timer: state.timer,
      challengeId: state.challengeId ?? null,
      notes: ownRole === 'interviewer' ? interview.notes : [],
      recordedRuns: interview.replayLog?.runs.length ?? 0,
    };
  }

  private syncFromRoom(): void {
    const room = this.room;
    if (!room) return;
    const selection = getSelection(room.doc);
    const challengeId = this.roomChallengeId(room);
    const interview = this.interviewView(room);
    if (challengeId !== this.snapshot.challengeId || interview !== this.snapshot.interview) this.update({ ...this.snapshot, challengeId, interview });
    // An observer's editor is read-only (the others refuse its edits anyway).
    this.editor.setReadOnly(interview?.ownRole === 'observer');
    const state = this.store.getState();
    if (challengeId && state.challenge?.id === challengeId && selection.language && state.language !== selection.language) {
      this.store.dispatch({ type: 'selectLanguage', language: selection.language });
    }
    this.refreshBinding();
  }

  private refreshBinding(): void {
    const state = this.store.getState();
    const challengeId = this.snapshot.challengeId;
    this.editor.setTarget(this.room && challengeId && state.challenge?.id === challengeId ? { challengeId, language: state.language } : null);
  }

  private onStoreAction(room: Room, state: WorkspaceState, action: WorkspaceAction): void {
    switch (action.type) {
      case 'open':
        // Opened the room's challenge: use the room's language (a microtask: not inside this dispatch).
        queueMicrotask(() => this.syncFromRoom());
        break;
      case 'selectLanguage': {
        const selection = getSelection(room.doc);
        if (state.challenge?.id === this.snapshot.challengeId && selection.language !== state.language) {
          setSelection(room.doc, { language: state.language });
          this.sendSwitch(room, { name: room.name, language: state.language });
          this.addEvent(`You switched to ${LANGUAGES[state.language].name}.`);
        }
        break;
      }
      case 'resetCode':
        // The bound model ignores the store's text; the reset goes through the room instead.
        this.editor.replaceText(action.language, state.code[action.language] ?? '');
        break;
      case 'runFinished':
        if (state.run.status === 'done') this.shareRun(room, state);
        break;
      default:
        break;
    }
    this.refreshBinding();
  }

  private shareRun(room: Room, state: WorkspaceState): void {
    if (state.run.status !== 'done') return;
    const { mode, language, result } = state.run;
    const run: RunResultMessage = {
      id: generatePeerId(),
      name: room.name,
      mode,
      language,
      ...(state.challenge ? { challengeId: state.challenge.id } : {}),
      result,
      sentAt: Date.now(),
    };
    room.provider.sendRunResult(run);
    room.interview.recordRun({ by: room.name, role: room.interview.ownRole, mode, language, ...(run.challengeId ? { challengeId: run.challengeId } : {}), result });
    recordRun(room.doc, {
      id: run.id,
      name: room.name,
      mode,
      language,
      ...(run.challengeId ? { challengeId: run.challengeId } : {}),
      verdict: result.verdict,
      passed: result.tests.filter((test) => test.passed).length,
      total: result.tests.length,
      at: run.sentAt,
    });
  }

  private onRemoteRun(run: RunResultMessage, by: string): void {
    const state = this.store.getState();
    if (run.challengeId && state.challenge?.id === run.challengeId) {
      this.store.dispatch({ type: 'partnerRun', mode: run.mode, language: run.language, result: run.result, by });
    }
  }

  private onRemoteSwitch(change: SwitchMessage, name: string): void {
    if (change.challengeId) this.addEvent(`${name} opened ${change.challengeId}.`);
    else if (change.language) this.addEvent(`${name} switched to ${LANGUAGES[change.language].name}.`);
  }

  /** The participant behind a link, as the participant list shows them. */
  private senderOf(room: Room, peerId: string): { name: string; color?: string } {
    const clients = room.provider.peers.find((peer) => peer.peerId === peerId)?.awarenessClients ?? [];
    const participant = this.snapshot.participants.find((p) => !p.self && clients.includes(p.clientId));
    return { name: partnerLabel(participant?.name, room.name), ...(participant ? { color: participant.color } : {}) };
  }

  private sendSwitch(room: Room, change: SwitchMessage): void {
    room.provider.sendSwitch(change);
  }

  private onAwarenessChange(room: Room): void {
    const participants: Participant[] = [];
    const own = room.awareness.clientID;
    const peers = room.provider.peers;
    for (const [clientId, state] of room.awareness.getStates()) {
      const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string' || !isSafeColor(user.color)) continue;
      const self = clientId === own;
      // The role comes from the link the awareness state arrived on (its proven participant),
      // never from anything the state itself claims.
      const participantId = self ? room.interview.ownId : (peers.find((peer) => peer.awarenessClients.includes(clientId))?.participantId ?? null);
      const role = room.interview.roleOfParticipant(participantId);
      participants.push({ clientId, name: user.name.slice(0, MAX_DISPLAY_NAME_LENGTH), color: user.color, self, participantId, role });
    }
    participants.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    // Two people with one colour cannot tell the cursors apart: the later client id moves on.
    const mine = participants.find((p) => p.self);
    if (mine && participants.some((p) => !p.self && p.color === mine.color && p.clientId < own)) {
      const taken = new Set(participants.filter((p) => !p.self).map((p) => p.color));
      room.awareness.setLocalStateField('user', { name: room.name, color: pickPeerColor(own, taken) });
      return;
    }
    this.update({ ...this.snapshot, participants });
    this.paintCursors(participants.filter((p) => !p.self));
  }

  private paintCursors(remote: Participant[]): void {
    if (!this.cursorStyle) {
      this.cursorStyle = document.createElement('style');
      this.cursorStyle.id = 'pairjudge-remote-cursors';
      document.head.append(this.cursorStyle);
    }
    this.cursorStyle.textContent = remoteCursorCss(remote);
  }

  private ownColor(): string | undefined {
    return this.snapshot.participants.find((p) => p.self)?.color;
  }

  private addEvent(text: string): void {
    this.addLine({ id: generatePeerId(), kind: 'event', name: '', text, self: true, at: Date.now() });
  }

  private addLine(line: ChatLine): void {
    this.update({ ...this.snapshot, chat: [...this.snapshot.chat, line].slice(-MAX_CHAT_LINES) });
  }

  private update(next: PairingSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
