export { signalingPlugin } from './plugin.js';
export type { SignalingOptions } from './options.js';
export { RoomRegistry, RoomError, type RoomMember, type RoomRegistryOptions } from './room-registry.js';
