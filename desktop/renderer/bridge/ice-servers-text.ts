/**
 * ICE servers as people type them in settings: one server per line, `URL` for STUN or
 * `URL USERNAME CREDENTIAL` for TURN, e.g.
 *
 *     stun:stun.example.org:3478
 *     turn:turn.example.org:3478?transport=udp alice s3cret
 *
 * Blank lines and lines starting with # are ignored.
 */
import { Value } from '@sinclair/typebox/value';
import { MAX_ICE_SERVERS } from '../../../protocol/signaling.js';
import { IceServerSchema, type IceServerSetting } from './settings-schema.js';

export type ParsedIceServers = { ok: true; value: IceServerSetting[] } | { ok: false; line: number; message: string };

export function parseIceServers(text: string): ParsedIceServers {
  const servers: IceServerSetting[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [urls, username, credential, ...extra] = line.split(/\s+/);
    const server: IceServerSetting = { urls: urls! };
    if (username !== undefined) server.username = username;
    if (credential !== undefined) server.credential = credential;
    const number = index + 1;
    if (extra.length > 0 || (username !== undefined && credential === undefined)) {
      return { ok: false, line: number, message: `Line ${number}: write the URL, or the URL, a username and a credential` };
    }
    if (!Value.Check(IceServerSchema, server)) {
      return { ok: false, line: number, message: `Line ${number}: "${urls}" is not a stun:, stuns:, turn: or turns: address` };
    }
    if (/^turns?:/.test(server.urls) && server.username === undefined) {
      return { ok: false, line: number, message: `Line ${number}: a TURN server needs a username and a credential` };
    }
    servers.push(server);
  }
  if (servers.length > MAX_ICE_SERVERS) return { ok: false, line: lines.length, message: `At most ${MAX_ICE_SERVERS} ICE servers` };
  return { ok: true, value: servers };
}

export function formatIceServers(servers: readonly IceServerSetting[]): string {
  return servers.map((server) => [server.urls, server.username, server.credential].filter((part) => part !== undefined).join(' ')).join('\n');
}
