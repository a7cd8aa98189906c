/**
 * One signaling socket: size and rate checks, validation, and dispatch to the room registry.
 * Everything a client sends is untrusted; a refusal is an `error` message naming the problem, and
 * the socket is closed only when it cannot go on (flooding, oversized frames, binary data).
 */
import type { WebSocket, RawData } from 'ws';
import {
  SIGNAL_CLOSE_CODES,
  SignalMessageError,
  encodeSignalMessage,
  parseClientMessage,
  type ServerMessage,
  type SignalErrorCode,
} from '../../protocol/signaling.js';
import { RoomError, type RoomMember, type RoomRegistry } from './room-registry.js';
import { TokenBucket } from './token-bucket.js';
import type { ResolvedSignalingOptions } from './options.js';

export interface ConnectionLog {
  debug(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export function handleSignalingSocket(
  socket: WebSocket,
  registry: RoomRegistry,
  options: ResolvedSignalingOptions,
  log: ConnectionLog,
  /** The client address's budget for entering rooms, shared by all its sockets. */
  roomBucket: TokenBucket,
): void {
  const bucket = new TokenBucket(options.messagesPerSecond, options.messageBurst, options.now);
  let member: RoomMember | null = null;
  let closing = false;

  const send = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    // A peer that does not read would make the server queue relayed signals without bound.
    if (socket.bufferedAmount > options.maxBufferedBytes) {
      closing = true;
      leaveRoom();
      socket.terminate();
      return;
    }
    socket.send(encodeSignalMessage(message));
  };
  const sendError = (code: SignalErrorCode, message: string, field?: string): void => {
    send(field === undefined ? { type: 'error', code, message } : { type: 'error', code, message, field });
  };
  const fail = (code: SignalErrorCode, message: string, closeCode: number): void => {
    sendError(code, message);
    closing = true;
    leaveRoom();
    // close() sends a close frame after the error frame, in order; the client sees both.
    socket.close(closeCode, code);
  };
  const leaveRoom = (): void => {
    if (member) registry.leave(member.peerId);
    member = null;
  };

  socket.on('message', (raw: RawData, isBinary: boolean) => {
    if (closing) return;
    const size = Array.isArray(raw) ? raw.reduce((n, b) => n + b.byteLength, 0) : raw.byteLength;
    // Size before rate: an oversized frame is refused whatever the rate.
    if (size > options.maxMessageBytes) {
      fail('message_too_large', `message of ${size} bytes exceeds the limit of ${options.maxMessageBytes} bytes`, SIGNAL_CLOSE_CODES.messageTooBig);
      return;
    }
    if (!bucket.take()) {
      fail('rate_limited', `more than ${options.messagesPerSecond} messages per second`, SIGNAL_CLOSE_CODES.policyViolation);
      return;
    }
    if (isBinary) {
      fail('bad_message', 'binary frames are not accepted; send JSON text frames', SIGNAL_CLOSE_CODES.unsupportedData);
      return;
    }
    const text = Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8');
    try {
      const message = parseClientMessage(text);
      switch (message.type) {
        case 'create-room': {
          if (member) throw new RoomError('already_in_room', 'already in a room; send leave first');
          if (!roomBucket.take()) throw new RoomError('rate_limited', `more than ${options.roomsPerMinute} rooms per minute from your address; wait a little`);
          const candidate: RoomMember = { peerId: registry.newPeerId(), send };
          registry.create(candidate, message.maxPeers);
          member = candidate;
          break;
        }
        case 'join-room': {
          if (member) throw new RoomError('already_in_room', 'already in a room; send leave first');
          if (!roomBucket.take()) throw new RoomError('rate_limited', `more than ${options.roomsPerMinute} rooms per minute from your address; wait a little`);
          const candidate: RoomMember = { peerId: registry.newPeerId(), send };
          registry.join(candidate, message.code);
          member = candidate;
          break;
        }
        case 'signal':
          if (!member) throw new RoomError('not_in_room', 'create or join a room before sending signals');
          registry.relay(member.peerId, message.to, message.data);
          break;
        case 'leave':
          if (!member) throw new RoomError('not_in_room', 'not in a room');
          leaveRoom();
          break;
      }
    } catch (error) {
      if (error instanceof SignalMessageError) sendError('bad_message', error.message, error.field);
      else if (error instanceof RoomError) sendError(error.code, error.message);
      else {
        // A bug of ours, not the client's: log it, and end this socket rather than the process.
        log.error({ err: error, peerId: member?.peerId }, 'signaling message handler failed');
        closing = true;
        leaveRoom();
        socket.close(1011, 'internal_error');
      }
    }
  });

  socket.on('close', (code: number) => {
    log.debug({ peerId: member?.peerId, code }, 'signaling socket closed');
    leaveRoom();
  });
}
