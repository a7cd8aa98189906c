/**
 * The client side of the signaling socket (protocol/signaling.ts). It keeps one WebSocket open,
 * validates every server frame, and reconnects with backoff when the socket drops. What to send
 * on (re)connect is the caller's business: the pairing provider rejoins its room on `open`.
 *
 * The WebSocket implementation is injectable (the browser's by default, `ws` under Node in tests).
 */
import {
  encodeSignalMessage,
  parseServerMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../../protocol/signaling.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { TypedEvents } from './typed-events.js';

/**
 * The part of the WebSocket API this client uses; the browser's WebSocket and the `ws` package
 * both fit. Handlers take `never` so that either implementation's event types are accepted; the
 * handlers below read only `code`, `reason` and `data`.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

const OPEN = 1;

export type SignalingConnectionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed';

export type SignalingClientEvents = {
  /** The socket is open: (re)join or create now. */
  open: [];
  message: [message: ServerMessage];
  /** The socket closed; `willRetry` says whether a reconnect is scheduled. */
  close: [info: { code: number; reason: string; willRetry: boolean }];
  /** A frame from the server failed validation: a server bug or a foreign server. */
  'protocol-error': [error: Error];
  state: [state: SignalingConnectionState];
};

export interface SignalingClientOptions {
  url: string;
  WebSocket?: WebSocketConstructor;
  backoff?: BackoffOptions;
}

export class SignalingClient extends TypedEvents<SignalingClientEvents> {
  private socket: WebSocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wanted = false;
  private readonly backoff: Backoff;
  private readonly WebSocketImpl: WebSocketConstructor;
  private currentState: SignalingConnectionState = 'idle';

  constructor(private readonly options: SignalingClientOptions) {
    super();
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!impl) throw new Error('no WebSocket implementation: pass options.WebSocket');
    this.WebSocketImpl = impl;
    this.backoff = new Backoff(options.backoff);
  }

  get state(): SignalingConnectionState {
    return this.currentState;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === OPEN;
  }

  connect(): void {
    this.wanted = true;
    if (this.socket || this.retryTimer) return;
    this.open();
  }

  /** Closes the socket and stops reconnecting. `connect()` starts again. */
  disconnect(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      socket.close(1000, 'bye');
    }
    this.setState('closed');
  }

  destroy(): void {
    this.disconnect();
    this.removeAllListeners();
  }

  /** Sends when the socket is open; returns false (nothing sent) otherwise. */
  send(message: ClientMessage): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(encodeSignalMessage(message));
    return true;
  }

  private open(): void {
    this.setState('connecting');
    const socket = new this.WebSocketImpl(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff.reset();
      this.setState('open');
      this.emit('open');
    };
    socket.onmessage = (event: { data: unknown }) => {
      let message: ServerMessage;
      try {
        if (typeof event.data !== 'string') throw new Error('server sent a binary frame');
        message = parseServerMessage(event.data);
      } catch (error) {
        // Not swallowed: reported, and the socket is dropped so a reconnect starts clean.
        this.emit('protocol-error', error as Error);
        socket.close(1002, 'protocol error');
        return;
      }
      this.emit('message', message);
    };
    socket.onerror = () => {
      // The browser gives no detail here; `close` follows and carries the code.
    };
    socket.onclose = (event: { code: number; reason: string }) => {
      if (this.socket !== socket) return;
      this.detach(socket);
      this.socket = null;
      const willRetry = this.wanted;
      if (willRetry) {
        const delay = this.backoff.next();
        this.setState('waiting');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          if (this.wanted) this.open();
        }, delay);
      } else {
        this.setState('closed');
      }
      this.emit('close', { code: event.code, reason: event.reason, willRetry });
    };
  }

  private detach(socket: WebSocketLike): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    // Keep a no-op error handler: `ws` emits 'error' on a socket closed before it opened and
    // would otherwise throw it as an unhandled event.
    socket.onerror = () => {};
  }

  private setState(state: SignalingConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }
}
