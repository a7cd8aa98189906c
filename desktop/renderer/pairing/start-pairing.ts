/**
 * Starts the window's pairing session from the app's settings: the signaling socket of the
 * configured gateway (the browser guest's gateway is its own origin), the display name, the ICE
 * servers, and the bridge to load challenges with.
 */
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import type { Settings } from '../bridge/settings-schema.js';
import type { PairingSession, StartOptions } from './pairing-session.js';
import { signalingUrlFor } from './signaling-url.js';

export function startPairing(session: PairingSession, bridge: PairJudgeBridge, settings: Settings, room: StartOptions['room'], interview = false): Promise<void> {
  return session.start({
    room,
    interview,
    signalingUrl: signalingUrlFor(settings.gatewayUrl),
    name: settings.displayName,
    iceServers: settings.iceServers,
    getChallenge: async (id) => {
      const answer = await bridge.judge.getChallenge(id);
      return answer.ok ? answer.value : null;
    },
  });
}
