/**
 * Where the signaling socket lives: the gateway's `/v1/signal`, reached over ws: for an http:
 * gateway and wss: for an https: one. The Electron window takes the gateway URL from settings;
 * the browser guest's settings always hold the page's own origin.
 */
import { SIGNAL_PATH } from '../../../protocol/signaling.js';

export function signalingUrlFor(gatewayUrl: string): string {
  const url = new URL(gatewayUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${SIGNAL_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
