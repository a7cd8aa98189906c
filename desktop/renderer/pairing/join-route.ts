/**
 * The join link: `…/#/join/CODE` opens the app straight into a room. Hash routing, so the
 * browser guest served by the gateway needs no server-side route, and a reload rejoins.
 */
import { normalizeRoomCode } from '../../../protocol/signaling.js';

/** The room code of a `#/join/CODE` hash, normalized; null for any other hash or a bad code. */
export function joinCodeFromHash(hash: string): string | null {
  const match = /^#\/join\/([A-Za-z0-9-]{1,32})$/.exec(hash);
  return match ? normalizeRoomCode(match[1]!) : null;
}

export function joinHash(code: string): string {
  return `#/join/${code}`;
}

/** The link to share: this page without its hash, plus the join hash. */
export function joinLink(code: string, href: string): string {
  const url = new URL(href);
  url.hash = joinHash(code);
  return url.toString();
}
