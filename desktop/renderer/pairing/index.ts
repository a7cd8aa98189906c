export { PairingProvider, type PairingProviderOptions, type PairingProviderEvents, type PairingStatus, type PeerInfo, type PairingError } from './pairing-provider.js';
export { SignalingClient, type SignalingClientOptions, type WebSocketConstructor, type WebSocketLike } from './signaling-client.js';
export { createSimplePeer, type IceServer, type PeerFactory, type PeerLike, type PeerOptions } from './peer-factory.js';
export * from './room-doc.js';
