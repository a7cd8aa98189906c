/**
 * The signaling WebSocket as a Fastify plugin. It needs nothing of the gateway (no broker, no
 * Docker, no gateway config), so the desktop main process can host it on a LAN address too.
 *
 *   await app.register(signalingPlugin, { path: '/v1/signal' });
 */
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { RoomRegistry } from './room-registry.js';
import { handleSignalingSocket } from './connection.js';
import { TokenBucket } from './token-bucket.js';
import { resolveSignalingOptions, type SignalingOptions } from './options.js';
import { SIGNAL_CLOSE_CODES, encodeSignalMessage } from '../../protocol/signaling.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live rooms, for metrics and tests. */
    signalingRooms: RoomRegistry;
  }
}

async function signaling(app: FastifyInstance, rawOptions: SignalingOptions): Promise<void> {
  const options = resolveSignalingOptions(rawOptions);
  const registry = new RoomRegistry({
    now: options.now,
    randomBytes: options.randomBytes,
    defaultMaxPeers: options.defaultMaxPeers,
    idleTtlMs: options.roomIdleTtlMs,
    expiredCodeMemoryMs: options.expiredCodeMemoryMs,
    maxRooms: options.maxRooms,
    iceServers: options.iceServers,
  });
  app.decorate('signalingRooms', registry);

  const alive = new WeakMap<WebSocket, boolean>();
  const sockets = new Set<WebSocket>();
  const sweepTimer = setInterval(() => registry.sweep(), options.sweepIntervalMs);
  sweepTimer.unref();
  const heartbeatTimer =
    options.heartbeatIntervalMs > 0
      ? setInterval(() => {
          for (const socket of sockets) {
            // No pong since the last ping: the peer is gone without a close frame (sleep, lost
            // network). Terminating it fires `close`, so the room hears peer-left.
            if (alive.get(socket) === false) socket.terminate();
            else {
              alive.set(socket, false);
              socket.ping();
            }
          }
        }, options.heartbeatIntervalMs)
      : undefined;
  heartbeatTimer?.unref();

  // Added before @fastify/websocket's own hook, so peers get 1001 "going away" (and can tell a
  // restart from a failure) before that hook closes whatever is left without a code.
  app.addHook('preClose', async () => {
    clearInterval(sweepTimer);
    clearInterval(heartbeatTimer);
    for (const socket of sockets) socket.close(SIGNAL_CLOSE_CODES.goingAway, 'server shutting down');
  });

  if (!app.hasDecorator('websocketServer')) {
    // ws itself drops frames beyond maxPayload with close 1009 and no explanation; letting up to
    // 4× the limit through means an oversized frame normally gets a `message_too_large` error first.
    await app.register(websocket, { options: { maxPayload: options.maxMessageBytes * 4 } });
  }

  const connectionsPerIp = new Map<string, number>();
  // Entering a room costs the server a room slot, so the budget is per address, not per socket
  // (reconnecting must not refill it). Buckets that have refilled are forgotten on each sweep.
  const roomBuckets = new Map<string, TokenBucket>();
  const roomBucketOf = (ip: string): TokenBucket => {
    let bucket = roomBuckets.get(ip);
    if (!bucket) {
      bucket = new TokenBucket(options.roomsPerMinute / 60, Math.min(options.roomsPerMinute, 20), options.now);
      roomBuckets.set(ip, bucket);
    }
    return bucket;
  };
  const forgetIdleBuckets = setInterval(() => {
    for (const [ip, bucket] of roomBuckets) if (bucket.idle()) roomBuckets.delete(ip);
  }, options.sweepIntervalMs);
  forgetIdleBuckets.unref();
  app.addHook('onClose', async () => clearInterval(forgetIdleBuckets));
  app.get(options.path, { websocket: true }, (socket, request) => {
    const ip = request.ip;
    const open = connectionsPerIp.get(ip) ?? 0;
    if (open >= options.maxConnectionsPerIp) {
      // One address cannot hold the server's rooms or sockets hostage.
      socket.send(encodeSignalMessage({ type: 'error', code: 'rate_limited', message: `more than ${options.maxConnectionsPerIp} open connections from your address` }));
      socket.close(SIGNAL_CLOSE_CODES.policyViolation, 'rate_limited');
      return;
    }
    connectionsPerIp.set(ip, open + 1);
    socket.on('close', () => {
      const left = (connectionsPerIp.get(ip) ?? 1) - 1;
      if (left <= 0) connectionsPerIp.delete(ip);
      else connectionsPerIp.set(ip, left);
    });
    sockets.add(socket);
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('close', () => sockets.delete(socket));
    handleSignalingSocket(socket, registry, options, request.log, roomBucketOf(ip));
  });
}

export const signalingPlugin = fp(signaling, { name: 'pairjudge-signaling', fastify: '5.x' });
