/**
 * The pairing provider: joins a signaling room, keeps one simple-peer link to every other peer of
 * the room (a full mesh; in each pair the lower peer id initiates), and runs Yjs sync, awareness
 * and the app messages of protocol/pairing-messages.ts over the data channels.
 *
 * No edit is lost across a dropped link: each (re)opened link starts with sync step 1 in both
 * directions, so each side receives exactly what it misses, including edits made while apart.
 *
 * Every link starts with an identity proof (interview/identity.ts): until the other side has
 * proven which participant it is, nothing it sends is acted on (it waits, up to a bound). What a
 * proven participant may change is the `policy`'s call (interview/roles.ts through the session).
 *
 * Lifecycle: `connect()` (also done by the constructor unless `connect: false`), `disconnect()`
 * (leave the room; `connect()` rejoins the same code), `destroy()` (for good).
 */
import type * as Y from 'yjs';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import {
  FragmentAssembler,
  applyAwarenessMessage,
  applySyncMessage,
  fragmentMessage,
  readMessage,
  writeAwareness,
  writeChat,
  writeRunResult,
  writeSwitch,
  writeSyncStep1,
  writeSyncUpdate,
  writeIdentity,
  writeInterviewChain,
  syncKindOf,
  type PairingMessage,
  type SyncKind,
  type ChatMessage,
  type RunResultMessage,
  type SwitchMessage,
} from '../../../protocol/pairing-messages.js';
import { generatePeerId, normalizeRoomCode, type ServerMessage, type SignalErrorCode } from '../../../protocol/signaling.js';
import type { IdentityMessage, InterviewChainMessage } from '../../../protocol/interview-messages.js';
import { filterAwarenessUpdate } from './awareness-filter.js';
import { createIdentity, signIdentity, verifyIdentity, type Identity } from './interview/identity.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { SignalingClient, type WebSocketConstructor } from './signaling-client.js';
import { TypedEvents } from './typed-events.js';
import { createSimplePeer, type IceServer, type PeerFactory, type PeerLike } from './peer-factory.js';

export type PairingStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface PeerInfo {
  peerId: string;
  /** `connected` once the data channel is open. */
  state: 'connecting' | 'connected';
  /** True once this peer's sync step 2 arrived on the current link. */
  synced: boolean;
  /** Awareness client ids (Yjs client ids) announced by this peer. */
  awarenessClients: number[];
  /** The participant id this peer proved on the current link; null until then. */
  participantId: string | null;
}

/**
 * What a proven participant may do to this peer's state. The provider asks before applying; the
 * default (a plain pairing room) allows everything.
 */
export interface LinkPolicy {
  mayApplySync(participantId: string, kind: SyncKind): boolean;
  /** Whether private-notes messages may go to, or come from, this participant. */
  maySharePrivateNotes(participantId: string): boolean;
}

const ALLOW_ALL: LinkPolicy = { mayApplySync: () => true, maySharePrivateNotes: () => false };

/**
 * Messages a link may send before its identity checks. The proof is its first message and takes
 * milliseconds to check; more than this waiting means a peer that never proves itself.
 */
export const MAX_MESSAGES_BEFORE_IDENTITY = 512;

export interface PairingError {
  /** A signaling error code, `signaling_protocol` (bad server frame) or `peer` (link or peer message failure). */
  code: SignalErrorCode | 'signaling_protocol' | 'peer';
  message: string;
  /** True when the provider went offline because of it (room unknown, expired or full). */
  fatal: boolean;
  peerId?: string;
}

export type PairingProviderEvents = {
  status: [status: PairingStatus];
  /** This peer is in the room: its code, its peer id, and whether it created the room. */
  room: [room: { code: string; peerId: string; created: boolean }];
  peers: [peers: PeerInfo[]];
  /** The first full sync with `peerId` on the current link completed. */
  synced: [peerId: string];
  chat: [chat: ChatMessage, fromPeerId: string];
  'run-result': [run: RunResultMessage, fromPeerId: string];
  switch: [change: SwitchMessage, fromPeerId: string];
  /** A peer proved which participant it is on its current link. */
  identified: [peerId: string, participantId: string];
  interview: [chain: InterviewChainMessage, fromPeerId: string];
  /** A private-notes sync body from an interviewer's link (the policy said yes). */
  notes: [body: Uint8Array, fromPeerId: string];
  /** Something a peer sent was refused by the policy (not applied); the link stays. */
  refused: [what: string, fromPeerId: string];
  error: [error: PairingError];
};

export interface PairingProviderOptions {
  /** e.g. `ws://127.0.0.1:8080/v1/signal`. */
  signalingUrl: string;
  /** Create a new room, or join one by code (any case, spaces and dashes allowed). */
  room: { create: true; maxPeers?: number } | { code: string };
  /** Share an awareness instance with the editor binding; one is created otherwise. */
  awareness?: Awareness;
  /** STUN/TURN servers from settings; none are needed on one machine or one LAN. */
  iceServers?: IceServer[];
  /** A WebRTC implementation for Node (`@roamhq/wrtc`); browsers use their own. */
  wrtc?: unknown;
  /** A WebSocket implementation for Node (`ws`); browsers use their own. */
  WebSocket?: WebSocketConstructor;
  /** How links are made; simple-peer by default. */
  createPeer?: PeerFactory;
  /** A link that is not open after this long is dropped and retried (default 15 s). */
  linkTimeoutMs?: number;
  linkBackoff?: BackoffOptions;
  signalingBackoff?: BackoffOptions;
  /** Start connecting at once (default true). */
  connect?: boolean;
  /** This person's identity; a throwaway one is made when absent. */
  identity?: Identity | Promise<Identity>;
  /** What proven participants may change here (interview rules); everything by default. */
  policy?: LinkPolicy;
}

/** Room errors after which retrying the same code cannot help. */
const FATAL_ROOM_ERRORS: ReadonlySet<string> = new Set(['room_not_found', 'room_expired', 'room_full', 'server_busy']);

interface Link {
  readonly remoteId: string;
  readonly linkId: string;
  readonly initiator: boolean;
  readonly peer: PeerLike;
  connected: boolean;
  synced: boolean;
  readonly assembler: FragmentAssembler;
  readonly awarenessClients: Set<number>;
  timeout: ReturnType<typeof setTimeout> | null;
  /**
   * The data channel is open: true from `connect`, or from the first message when the other side's
   * channel opened first and its sync step 1 arrives before our `connect`. Sending must work then,
   * or the reply and any edit made in between would be lost.
   */
  channelOpen: boolean;
  /** Proven participant id; null until the identity message checked out. */
  participantId: string | null;
  identityPending: boolean;
  /** Messages received before the identity was proven, handled in order once it is. */
  early: PairingMessage[];
}

/** What travels in a signaling `signal` message's `data`: the link it belongs to, and its content. */
interface LinkSignal {
  link: string;
  signal?: object;
  /** Sent by the answering side after its link dropped: "start a new link with me". */
  restart?: true;
}

export class PairingProvider extends TypedEvents<PairingProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  private readonly ownsAwareness: boolean;
  private readonly signaling: SignalingClient;
  private readonly links = new Map<string, Link>();
  private readonly linkObjects = new Set<Link>();
  private readonly remotePeers = new Set<string>();
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly backoffs = new Map<string, Backoff>();
  private readonly createPeer: PeerFactory;
  private readonly linkTimeoutMs: number;
  private code: string | null;
  private readonly maxPeers: number | undefined;
  private selfId: string | null = null;
  private created = false;
  /** STUN/TURN servers the signaling server offers with room-created / joined. */
  private serverIceServers: IceServer[] = [];
  private joined = false;
  private active = false;
  private destroyed = false;
  private everJoined = false;
  /** Remote peers whose link was open at some point: losing them again means "reconnecting". */
  private readonly everLinked = new Set<string>();
  private fatal = false;
  private currentStatus: PairingStatus = 'offline';
  private fragmentId = 0;
  private readonly identity: Promise<Identity>;
  /** The signed proof for the current room and peer id. */
  private identityProof: Promise<IdentityMessage> | null = null;
  policy: LinkPolicy;
  /** The peer whose sync message is being applied right now (for the replay's author). */
  private applyingFrom: string | null = null;

  constructor(
    doc: Y.Doc,
    private readonly options: PairingProviderOptions,
  ) {
    super();
    this.doc = doc;
    this.ownsAwareness = !options.awareness;
    this.awareness = options.awareness ?? new Awareness(doc);
    this.createPeer = options.createPeer ?? createSimplePeer;
    this.linkTimeoutMs = options.linkTimeoutMs ?? 15_000;
    this.identity = Promise.resolve(options.identity ?? createIdentity());
    // Never an unhandled rejection: a failure surfaces when a link needs the proof.
    this.identity.catch(() => undefined);
    this.policy = options.policy ?? ALLOW_ALL;
    if ('code' in options.room) {
      const code = normalizeRoomCode(options.room.code);
      if (!code) throw new TypeError(`not a room code: ${options.room.code}`);
      this.code = code;
    } else {
      this.code = null;
      this.maxPeers = options.room.maxPeers;
    }
    this.signaling = new SignalingClient({
      url: options.signalingUrl,
      WebSocket: options.WebSocket,
      backoff: options.signalingBackoff,
    });
    this.signaling.on('open', () => this.onSignalingOpen());
    this.signaling.on('message', (message) => this.onSignalingMessage(message));
    this.signaling.on('close', () => {
      this.joined = false;
      this.updateStatus();
    });
    this.signaling.on('protocol-error', (error) =>
      this.emit('error', { code: 'signaling_protocol', message: error.message, fatal: false }),
    );
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (options.connect !== false) this.connect();
  }

  /** The current status; the constructor's own `connect()` sets it before listeners can attach. */
  get status(): PairingStatus {
    return this.currentStatus;
  }

  /** The room's join code, once known. */
  get roomCode(): string | null {
    return this.code;
  }

  get peerId(): string | null {
    return this.selfId;
  }

  /** Whether this peer created the room (and so is the one to seed the starter code). */
  get isCreator(): boolean {
    return this.created;
  }

  get peers(): PeerInfo[] {
    return [...this.remotePeers].sort().map((peerId) => {
      const link = this.links.get(peerId);
      return {
        peerId,
        state: link?.connected ? 'connected' : 'connecting',
        synced: link?.synced ?? false,
        awarenessClients: [...(link?.awarenessClients ?? [])],
        participantId: link?.participantId ?? null,
      };
    });
  }

  connect(): void {
    if (this.destroyed) throw new Error('this pairing provider was destroyed');
    this.active = true;
    this.fatal = false;
    this.updateStatus();
    this.signaling.connect();
  }

  /** Leaves the room and closes every link. Local edits stay in the document; `connect()` rejoins. */
  disconnect(): void {
    if (!this.active) return;
    this.active = false;
    if (this.joined) this.signaling.send({ type: 'leave' });
    this.signaling.disconnect();
    this.joined = false;
    // Tell the peers this person is gone, without clearing the local state needed to come back.
    this.broadcast(writeAwareness(this.awareness, [this.awareness.clientID], new Map()));
    for (const link of [...this.links.values()]) this.dropLink(link);
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    this.backoffs.clear();
    this.remotePeers.clear();
    this.everLinked.clear();
    this.everJoined = false;
    this.emit('peers', this.peers);
    this.updateStatus();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.disconnect();
    this.destroyed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    if (this.ownsAwareness) this.awareness.destroy();
    this.signaling.destroy();
    this.removeAllListeners();
  }

  /** Sends a chat message to every connected peer; returns how many were reached. */
  sendChat(chat: ChatMessage): number {
    return this.broadcast(writeChat(chat));
  }

  sendRunResult(run: RunResultMessage): number {
    return this.broadcast(writeRunResult(run));
  }

  sendSwitch(change: SwitchMessage): number {
    return this.broadcast(writeSwitch(change));
  }

  /** The interview chain to every proven peer, or to one. */
  sendInterviewChain(chain: InterviewChainMessage, toPeerId?: string): number {
    const message = writeInterviewChain(chain);
    if (toPeerId === undefined) return this.broadcast(message, (link) => link.participantId !== null);
    const link = this.links.get(toPeerId);
    return link && link.participantId !== null && this.sendOn(link, message) ? 1 : 0;
  }

  /**
   * A private-notes message: only to links whose proven participant the policy allows, checked
   * here at the last step so no caller can leak notes to a candidate by mistake.
   */
  sendPrivateNotes(message: Uint8Array, toPeerId?: string): number {
    const allowed = (link: Link) => link.participantId !== null && this.policy.maySharePrivateNotes(link.participantId);
    if (toPeerId === undefined) return this.broadcast(message, allowed);
    const link = this.links.get(toPeerId);
    return link && allowed(link) && this.sendOn(link, message) ? 1 : 0;
  }

  /** Asks a peer for what we miss (after the policy started allowing its edits). */
  resync(peerId: string): void {
    const link = this.links.get(peerId);
    if (link?.participantId) this.sendOn(link, writeSyncStep1(this.doc));
  }

  participantOf(peerId: string): string | null {
    return this.links.get(peerId)?.participantId ?? null;
  }

  /** The peer whose edit is being applied, inside a doc `update` listener with this provider as origin. */
  get currentSender(): string | null {
    return this.applyingFrom;
  }

  get ownParticipantId(): Promise<string> {
    return this.identity.then((identity) => identity.id);
  }

  /**
   * Drops the link to `peerId` as a network failure would, and lets the provider reconnect it.
   * A "reconnect" action for the UI, and how tests cut a link.
   */
  restartLink(peerId: string): void {
    this.links.get(peerId)?.peer.destroy();
  }

  // -------------------------------------------------------------------------------------------
  // Signaling

  private onSignalingOpen(): void {
    if (this.code) this.signaling.send({ type: 'join-room', code: this.code });
    else this.signaling.send(this.maxPeers === undefined ? { type: 'create-room' } : { type: 'create-room', maxPeers: this.maxPeers });
  }

  private onSignalingMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'room-created':
        this.code = message.code;
        this.created = true;
        this.serverIceServers = message.iceServers ?? [];
        this.enterRoom(message.peerId, []);
        break;
      case 'joined':
        this.serverIceServers = message.iceServers ?? [];
        this.enterRoom(message.peerId, message.peers);
        break;
      case 'peer-joined':
        this.remotePeers.add(message.peerId);
        if (this.initiates(message.peerId)) {
          const stale = this.links.get(message.peerId);
          if (stale) this.dropLink(stale);
          this.openLink(message.peerId);
        }
        this.emit('peers', this.peers);
        this.updateStatus();
        break;
      case 'peer-left': {
        this.remotePeers.delete(message.peerId);
        this.everLinked.delete(message.peerId);
        const link = this.links.get(message.peerId);
        if (link) this.dropLink(link);
        this.cancelRetry(message.peerId);
        this.backoffs.delete(message.peerId);
        this.emit('peers', this.peers);
        this.updateStatus();
        break;
      }
      case 'signal':
        this.onSignal(message.from, message.data);
        break;
      case 'error': {
        const fatal = FATAL_ROOM_ERRORS.has(message.code);
        if (fatal) {
          // Retrying the same code cannot help; stop, keep whatever links still work.
          this.fatal = true;
          this.signaling.disconnect();
        }
        this.emit('error', { code: message.code, message: message.message, fatal });
        this.updateStatus();
        break;
      }
    }
  }

  private enterRoom(peerId: string, peers: string[]): void {
    if (this.selfId !== null && this.selfId !== peerId) {
      // A rejoin after the socket dropped gives a new peer id; the others dropped their links to
      // the old one when they heard peer-left, so start every link afresh.
      for (const link of [...this.links.values()]) this.dropLink(link);
      for (const remoteId of [...this.retryTimers.keys()]) this.cancelRetry(remoteId);
    }
    this.selfId = peerId;
    const code = this.code as string;
    this.identityProof = this.identity.then((identity) => signIdentity(identity, code, peerId));
    this.identityProof.catch(() => undefined);
    this.joined = true;
    this.everJoined = true;
    this.remotePeers.clear();
    for (const remoteId of peers) this.remotePeers.add(remoteId);
    this.emit('room', { code: this.code as string, peerId, created: this.created });
    for (const remoteId of peers) if (this.initiates(remoteId) && !this.links.has(remoteId)) this.openLink(remoteId);
    this.emit('peers', this.peers);
    this.updateStatus();
  }

  private onSignal(from: string, data: Record<string, unknown>): void {
    const signal = data as Partial<LinkSignal>;
    if (typeof signal.link !== 'string' || (signal.restart !== true && (typeof signal.signal !== 'object' || signal.signal === null))) {
      this.emit('error', { code: 'peer', message: `peer ${from} sent a malformed signal`, fatal: false, peerId: from });
      return;
    }
    this.remotePeers.add(from);
    const existing = this.links.get(from);
    if (signal.restart) {
      // The answering side lost its link; as the initiator, start a new one now.
      if (this.initiates(from) && existing?.linkId === signal.link) this.dropLink(existing);
      if (this.initiates(from) && !this.links.has(from)) this.openLink(from);
      return;
    }
    if (existing && existing.linkId === signal.link) {
      existing.peer.signal(signal.signal as object);
      return;
    }
    // A signal for a link this side opened earlier and has since dropped: it is late, not wrong.
    if (this.initiates(from)) return;
    // The initiator started a new link: replace ours (if any) with an answering one.
    if (existing) this.dropLink(existing);
    this.openLink(from, signal.link).peer.signal(signal.signal as object);
  }

  // -------------------------------------------------------------------------------------------
  // Links

  private initiates(remoteId: string): boolean {
    return this.selfId !== null && this.selfId < remoteId;
  }

  private openLink(remoteId: string, answeringLinkId?: string): Link {
    this.cancelRetry(remoteId);
    const initiator = answeringLinkId === undefined;
    const peer = this.createPeer({
      initiator,
      // The person's own servers first, then those the signaling server's operator offers.
      config: { iceServers: [...(this.options.iceServers ?? []), ...this.serverIceServers] },
      wrtc: this.options.wrtc,
    });
    const link: Link = {
      remoteId,
      linkId: answeringLinkId ?? generatePeerId(),
      initiator,
      peer,
      connected: false,
      synced: false,
      assembler: new FragmentAssembler(),
      awarenessClients: new Set(),
      timeout: null,
      channelOpen: false,
      participantId: null,
      identityPending: false,
      early: [],
    };
    link.timeout = setTimeout(() => {
      link.timeout = null;
      if (!link.connected) {
        this.emit('error', { code: 'peer', message: `link to ${remoteId} did not open within ${this.linkTimeoutMs} ms`, fatal: false, peerId: remoteId });
        peer.destroy();
      }
    }, this.linkTimeoutMs);
    this.links.set(remoteId, link);
    this.linkObjects.add(link);

    peer.on('signal', (signal) => {
      const data: LinkSignal = { link: link.linkId, signal };
      this.signaling.send({ type: 'signal', to: remoteId, data: data as unknown as Record<string, unknown> });
    });
    peer.on('connect', () => this.onLinkOpen(link));
    peer.on('data', (data) => this.onLinkData(link, data));
    peer.on('error', (error) => {
      if (this.links.get(remoteId) === link) {
        this.emit('error', { code: 'peer', message: `link to ${remoteId}: ${error.message}`, fatal: false, peerId: remoteId });
      }
    });
    peer.on('close', () => this.onLinkClosed(link));
    this.emit('peers', this.peers);
    this.updateStatus();
    return link;
  }

  private onLinkOpen(link: Link): void {
    if (this.links.get(link.remoteId) !== link) return;
    link.connected = true;
    link.channelOpen = true;
    if (link.timeout) clearTimeout(link.timeout);
    link.timeout = null;
    this.backoffs.get(link.remoteId)?.reset();
    this.everLinked.add(link.remoteId);
    // The proof first (it may still be being signed; the other side waits for it, whatever order).
    const proof = this.identityProof;
    proof
      ?.then((identity) => {
        if (this.links.get(link.remoteId) === link) this.sendOn(link, writeIdentity(identity));
      })
      .catch((error: Error) => {
        this.emit('error', { code: 'peer', message: `could not sign this peer's identity: ${error.message}`, fatal: false, peerId: link.remoteId });
      });
    // Both sides send step 1; each answers the other's with step 2: a full, two-way resync.
    this.sendOn(link, writeSyncStep1(this.doc));
    if (this.awareness.getLocalState() !== null) this.sendOn(link, writeAwareness(this.awareness, [this.awareness.clientID]));
    this.emit('peers', this.peers);
    this.updateStatus();
  }

  private onLinkData(link: Link, data: Uint8Array): void {
    if (this.links.get(link.remoteId) !== link) return;
    link.channelOpen = true;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    try {
      this.handleMessage(link, bytes, false);
    } catch (error) {
      // A peer that sends what cannot be read is broken or hostile: report it and drop the link;
      // the reconnect starts from a clean sync.
      this.emit('error', { code: 'peer', message: `message from ${link.remoteId}: ${(error as Error).message}`, fatal: false, peerId: link.remoteId });
      link.peer.destroy();
    }
  }

  private handleMessage(link: Link, bytes: Uint8Array, reassembled: boolean): void {
    const message = readMessage(bytes);
    if (message.type === 'fragment') {
      if (reassembled) throw new Error('a reassembled message may not itself be a fragment');
      const whole = link.assembler.add(message);
      if (whole) this.handleMessage(link, whole, true);
      return;
    }
    if (message.type === 'identity') {
      this.onIdentity(link, message.identity);
      return;
    }
    if (link.participantId === null) {
      // Not proven yet: keep it for later, in order. Acting on it now would apply an observer's
      // edits before we know it is one.
      if (link.early.length >= MAX_MESSAGES_BEFORE_IDENTITY) throw new Error(`more than ${MAX_MESSAGES_BEFORE_IDENTITY} messages before an identity proof`);
      link.early.push(message);
      return;
    }
    this.dispatch(link, link.participantId, message);
  }

  private onIdentity(link: Link, identity: IdentityMessage): void {
    if (link.participantId !== null || link.identityPending) throw new Error('a second identity on one link');
    if (!this.code) throw new Error('an identity before this peer entered a room');
    link.identityPending = true;
    verifyIdentity(identity, this.code, link.remoteId).then(
      (participantId) => {
        if (this.links.get(link.remoteId) !== link) return;
        if (!participantId) {
          this.emit('error', { code: 'peer', message: `peer ${link.remoteId} sent an identity that does not check`, fatal: false, peerId: link.remoteId });
          link.peer.destroy();
          return;
        }
        link.participantId = participantId;
        link.identityPending = false;
        this.emit('identified', link.remoteId, participantId);
        this.emit('peers', this.peers);
        const early = link.early.splice(0);
        try {
          for (const message of early) if (this.links.get(link.remoteId) === link) this.dispatch(link, participantId, message);
        } catch (error) {
          this.emit('error', { code: 'peer', message: `message from ${link.remoteId}: ${(error as Error).message}`, fatal: false, peerId: link.remoteId });
          link.peer.destroy();
        }
      },
      (error: Error) => {
        if (this.links.get(link.remoteId) !== link) return;
        this.emit('error', { code: 'peer', message: `identity of ${link.remoteId}: ${error.message}`, fatal: false, peerId: link.remoteId });
        link.peer.destroy();
      },
    );
  }

  private dispatch(link: Link, participantId: string, message: PairingMessage): void {
    switch (message.type) {
      case 'sync': {
        const incoming = syncKindOf(message.body);
        if (!this.policy.mayApplySync(participantId, incoming)) {
          // Refused, not dropped: the link stays so the peer keeps receiving our edits.
          this.emit('refused', `sync ${incoming}`, link.remoteId);
          if (incoming === 'step2' && !link.synced) {
            link.synced = true;
            this.emit('synced', link.remoteId);
            this.emit('peers', this.peers);
          }
          break;
        }
        this.applyingFrom = link.remoteId;
        let applied: ReturnType<typeof applySyncMessage>;
        try {
          applied = applySyncMessage(this.doc, message.body, this);
        } finally {
          this.applyingFrom = null;
        }
        const { reply, kind } = applied;
        if (reply) this.sendOn(link, reply);
        if (kind === 'step2' && !link.synced) {
          link.synced = true;
          this.emit('synced', link.remoteId);
          this.emit('peers', this.peers);
        }
        break;
      }
      case 'awareness': {
        // Never let a peer set our own state, speak for another link's clients, or add many.
        const otherClients = new Set<number>();
        for (const other of this.linkObjects) if (other !== link) for (const client of other.awarenessClients) otherClients.add(client);
        const update = filterAwarenessUpdate(message.update, {
          ownClientId: this.awareness.clientID,
          linkClients: link.awarenessClients,
          otherClients,
        });
        if (update) applyAwarenessMessage(this.awareness, update, link);
        break;
      }
      case 'chat':
        this.emit('chat', message.chat, link.remoteId);
        break;
      case 'run-result':
        this.emit('run-result', message.run, link.remoteId);
        break;
      case 'switch':
        this.emit('switch', message.change, link.remoteId);
        break;
      case 'interview':
        this.emit('interview', message.chain, link.remoteId);
        break;
      case 'notes':
        if (this.policy.maySharePrivateNotes(participantId)) this.emit('notes', message.body, link.remoteId);
        else this.emit('refused', 'private notes', link.remoteId);
        break;
      case 'identity':
      case 'fragment':
        // Handled before dispatch; here they would be a second identity or a nested fragment.
        throw new Error(`unexpected ${message.type} message`);
    }
  }

  private onLinkClosed(link: Link): void {
    if (this.links.get(link.remoteId) !== link) return;
    this.forgetLink(link);
    const remoteId = link.remoteId;
    if (this.active && this.remotePeers.has(remoteId)) {
      if (this.initiates(remoteId)) this.scheduleRetry(remoteId);
      else {
        // The initiator may not have noticed yet (a one-sided drop); ask it for a new link.
        const data: LinkSignal = { link: link.linkId, restart: true };
        this.signaling.send({ type: 'signal', to: remoteId, data: data as unknown as Record<string, unknown> });
      }
    }
    this.emit('peers', this.peers);
    this.updateStatus();
  }

  /** Closes a link on purpose (peer left, rejoin, disconnect): no retry follows. */
  private dropLink(link: Link): void {
    this.forgetLink(link);
    link.peer.destroy();
  }

  private forgetLink(link: Link): void {
    if (link.timeout) clearTimeout(link.timeout);
    link.timeout = null;
    link.connected = false;
    link.channelOpen = false;
    link.assembler.clear();
    link.early.length = 0;
    if (this.links.get(link.remoteId) === link) this.links.delete(link.remoteId);
    this.linkObjects.delete(link);
    // Remove the cursors this link brought, unless another live link announces the same client.
    const stillAnnounced = new Set<number>();
    for (const other of this.linkObjects) for (const client of other.awarenessClients) stillAnnounced.add(client);
    const gone = [...link.awarenessClients].filter((client) => !stillAnnounced.has(client) && client !== this.awareness.clientID);
    link.awarenessClients.clear();
    if (gone.length > 0) removeAwarenessStates(this.awareness, gone, this);
  }

  private scheduleRetry(remoteId: string): void {
    this.cancelRetry(remoteId);
    let backoff = this.backoffs.get(remoteId);
    if (!backoff) {
      backoff = new Backoff(this.options.linkBackoff);
      this.backoffs.set(remoteId, backoff);
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(remoteId);
      if (this.active && this.remotePeers.has(remoteId) && !this.links.has(remoteId)) this.openLink(remoteId);
    }, backoff.next());
    this.retryTimers.set(remoteId, timer);
  }

  private cancelRetry(remoteId: string): void {
    const timer = this.retryTimers.get(remoteId);
    if (timer) clearTimeout(timer);
    this.retryTimers.delete(remoteId);
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  private sendOn(link: Link, message: Uint8Array): boolean {
    if (!link.channelOpen) return false;
    try {
      for (const piece of fragmentMessage(message, this.fragmentId++)) link.peer.send(piece);
      return true;
    } catch (error) {
      // The channel closed under us; report it and let the close path reconnect.
      this.emit('error', { code: 'peer', message: `sending to ${link.remoteId} failed: ${(error as Error).message}`, fatal: false, peerId: link.remoteId });
      link.peer.destroy();
      return false;
    }
  }

  private broadcast(message: Uint8Array, to: (link: Link) => boolean = () => true): number {
    let reached = 0;
    for (const link of [...this.links.values()]) if (to(link) && this.sendOn(link, message)) reached++;
    return reached;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Updates that came from a peer are not forwarded: in a full mesh every peer hears the author.
    if (origin === this) return;
    this.broadcast(writeSyncUpdate(update));
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.linkObjects.has(origin as Link)) {
      const link = origin as Link;
      for (const client of [...added, ...updated]) link.awarenessClients.add(client);
      for (const client of removed) link.awarenessClients.delete(client);
      this.emit('peers', this.peers);
      return;
    }
    if (origin === this) return;
    // Only this person's own state is sent; other peers' states come from those peers directly.
    const own = this.awareness.clientID;
    if ([...added, ...updated, ...removed].includes(own)) this.broadcast(writeAwareness(this.awareness, [own]));
  };

  private updateStatus(): void {
    const status = this.computeStatus();
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.emit('status', status);
  }

  private computeStatus(): PairingStatus {
    if (!this.active) return 'offline';
    const links = [...this.remotePeers].map((id) => this.links.get(id));
    const allLinksUp = links.every((link) => link?.connected);
    const anyLinkUp = links.some((link) => link?.connected);
    if (this.fatal) return anyLinkUp ? 'connected' : 'offline';
    // Alone in a joined room counts as connected: ready, waiting for a partner.
    if (allLinksUp && (this.joined || anyLinkUp)) return 'connected';
    // Lost what we had (the signaling socket, or a link that was open): reconnecting. Waiting
    // for the first socket or for a new peer's first link: connecting.
    if (!this.joined && this.everJoined) return 'reconnecting';
    if ([...this.remotePeers].some((id) => !this.links.get(id)?.connected && this.everLinked.has(id))) return 'reconnecting';
    return 'connecting';
  }
}
