/**
 * How the provider makes a WebRTC link: simple-peer behind a small interface, so the provider does
 * not depend on simple-peer's stream typings and a browser build can pass another factory.
 */
import SimplePeer from 'simple-peer';

/** An RTCIceServer, spelled out so this module needs no DOM typings. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface PeerOptions {
  initiator: boolean;
  config: { iceServers: IceServer[] };
  /** A WebRTC implementation (`@roamhq/wrtc` under Node); undefined in a browser. */
  wrtc?: unknown;
}

/** The part of a simple-peer instance the provider uses. */
export interface PeerLike {
  signal(data: object): void;
  send(data: Uint8Array): void;
  destroy(): void;
  on(event: 'signal', listener: (data: object) => void): unknown;
  on(event: 'connect' | 'close', listener: () => void): unknown;
  on(event: 'data', listener: (data: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type PeerFactory = (options: PeerOptions) => PeerLike;

export function createSimplePeer(options: PeerOptions): PeerLike {
  return new SimplePeer({
    initiator: options.initiator,
    // Trickle ICE: candidates are relayed as found, so a link opens as soon as one pair works.
    trickle: true,
    config: options.config as SimplePeer.Options['config'],
    ...(options.wrtc ? { wrtc: options.wrtc as SimplePeer.Options['wrtc'] } : {}),
  }) as unknown as PeerLike;
}
