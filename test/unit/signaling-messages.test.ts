import { describe, expect, it } from 'vitest';
import {
  MAX_ROOM_PEERS,
  SignalMessageError,
  encodeSignalMessage,
  parseClientMessage,
  parseServerMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../protocol/signaling.js';

const CODE = 'K7QX-M3PD-9TZR';
const PEER = '0123456789abcdef';
const OTHER = 'fedcba9876543210';

function clientError(value: unknown): SignalMessageError {
  try {
    parseClientMessage(typeof value === 'string' ? value : JSON.stringify(value));
  } catch (error) {
    expect(error).toBeInstanceOf(SignalMessageError);
    return error as SignalMessageError;
  }
  throw new Error('expected the message to be refused');
}

describe('client messages', () => {
  const valid: ClientMessage[] = [
    { type: 'create-room' },
    { type: 'create-room', maxPeers: 2 },
    { type: 'join-room', code: CODE },
    { type: 'signal', to: PEER, data: { type: 'offer', sdp: 'v=0' } },
    { type: 'leave' },
  ];
  for (const message of valid) {
    it(`accepts a valid ${message.type} ${JSON.stringify(message)}`, () => {
      expect(parseClientMessage(encodeSignalMessage(message))).toEqual(message);
    });
  }

  it('refuses text that is not JSON', () => {
    expect(clientError('{nope').message).toMatch(/not valid JSON/);
  });

  it('refuses JSON that is not an object', () => {
    expect(clientError('[1,2]').message).toMatch(/must be a JSON object/);
    expect(clientError('null').message).toMatch(/must be a JSON object/);
    expect(clientError('"create-room"').message).toMatch(/must be a JSON object/);
  });

  it('refuses a message without a type, naming the field', () => {
    expect(clientError({ code: CODE }).field).toBe('/type');
  });

  it('refuses an unknown type loudly', () => {
    const error = clientError({ type: 'delete-room' });
    expect(error.message).toMatch(/unknown client message type "delete-room"/);
    expect(error.field).toBe('/type');
  });

  it('refuses a server-only type sent by a client', () => {
    expect(clientError({ type: 'peer-joined', peerId: PEER }).message).toMatch(/unknown client message type/);
  });

  it('refuses create-room with maxPeers out of range', () => {
    expect(clientError({ type: 'create-room', maxPeers: MAX_ROOM_PEERS + 1 }).field).toBe('/maxPeers');
    expect(clientError({ type: 'create-room', maxPeers: 1 }).field).toBe('/maxPeers');
    expect(clientError({ type: 'create-room', maxPeers: 2.5 }).field).toBe('/maxPeers');
  });

  it('refuses join-room without a code or with a malformed one', () => {
    expect(clientError({ type: 'join-room' }).field).toBe('/code');
    expect(clientError({ type: 'join-room', code: 'k7qx-m3pd-9tzr' }).field).toBe('/code');
    expect(clientError({ type: 'join-room', code: 'K7QX-M3PD-9TZO' }).field).toBe('/code');
    expect(clientError({ type: 'join-room', code: 42 }).field).toBe('/code');
  });

  it('refuses signal with a bad target or non-object data', () => {
    expect(clientError({ type: 'signal', to: 'not-a-peer', data: {} }).field).toBe('/to');
    expect(clientError({ type: 'signal', to: PEER }).field).toBe('/data');
    expect(clientError({ type: 'signal', to: PEER, data: 'sdp' }).field).toBe('/data');
    expect(clientError({ type: 'signal', to: PEER, data: [1] }).field).toBe('/data');
  });

  it('refuses unexpected extra fields', () => {
    expect(clientError({ type: 'leave', room: CODE }).message).toMatch(/leave/);
    expect(clientError({ type: 'create-room', admin: true }).message).toMatch(/create-room/);
  });
});

describe('server messages', () => {
  const valid: ServerMessage[] = [
    { type: 'room-created', code: CODE, peerId: PEER, maxPeers: 4 },
    { type: 'joined', code: CODE, peerId: PEER, peers: [OTHER] },
    { type: 'peer-joined', peerId: OTHER },
    { type: 'peer-left', peerId: OTHER },
    { type: 'signal', from: OTHER, data: { candidate: 'x' } },
    { type: 'error', code: 'room_full', message: 'full' },
    { type: 'error', code: 'bad_message', message: 'bad', field: '/code' },
  ];
  for (const message of valid) {
    it(`accepts a valid ${message.type} ${JSON.stringify(message)}`, () => {
      expect(parseServerMessage(encodeSignalMessage(message))).toEqual(message);
    });
  }

  it('refuses an unknown server type loudly', () => {
    expect(() => parseServerMessage('{"type":"welcome"}')).toThrow(/unknown server message type "welcome"/);
  });

  it('refuses an error with an unknown error code', () => {
    expect(() => parseServerMessage('{"type":"error","code":"oops","message":"x"}')).toThrow(SignalMessageError);
  });

  it('refuses joined with too many peers', () => {
    const peers = Array.from({ length: MAX_ROOM_PEERS + 1 }, (_, i) => i.toString(16).padStart(16, '0'));
    expect(() => parseServerMessage(JSON.stringify({ type: 'joined', code: CODE, peerId: PEER, peers }))).toThrow(/peers/);
  });
});
