/**
 * The LAN from the app: "Host on this network" starts a session host in the desktop main process
 * (judge, signaling and the browser app for others) and opens a room on it; "Find on this network"
 * lists hosts announced by mDNS and joins one with a click (the app then uses its judge and
 * signaling). A browser can do neither: the guest says so in one line.
 */
import { useState } from 'react';
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import type { FoundLanHost, LanHostInfo } from '../bridge/lan-schema.js';
import type { Settings } from '../bridge/settings-schema.js';
import { joinHash } from '../pairing/join-route.js';
import { pairingSession } from '../pairing/pairing-instance.js';
import { startPairing } from '../pairing/start-pairing.js';
import { usePairing } from '../pairing/use-pairing.js';

export interface LanSectionProps {
  bridge: PairJudgeBridge;
  settings: Settings;
}

type Busy = null | 'host' | 'find' | 'stop';

export function LanSection({ bridge, settings }: LanSectionProps) {
  const [hosting, setHosting] = useState<LanHostInfo | null>(null);
  const [found, setFound] = useState<FoundLanHost[] | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const pairing = usePairing(pairingSession);
  const lan = bridge.lan;

  if (!lan) {
    return (
      <section className="lan-section" aria-labelledby="lan-title">
        <h2 id="lan-title" className="section-title">
          This network
        </h2>
        <p className="muted" data-testid="lan-unavailable">
          Hosting or finding a session on this network needs the desktop app: a browser can neither run a host nor search the network (mDNS). Open a host’s link to join it.
        </p>
      </section>
    );
  }

  const host = async () => {
    setBusy('host');
    setError(null);
    const answer = await lan.host();
    if (!answer.ok) {
      setBusy(null);
      setError(`Could not host: ${answer.error.message}`);
      return;
    }
    setHosting(answer.value);
    // This app uses its own host from now on (judge and signaling), and opens a room on it.
    const updated = await bridge.settings.update({ gatewayUrl: answer.value.localUrl });
    setBusy(null);
    if (updated.ok) await startPairing(pairingSession, bridge, updated.value, { create: true });
  };

  const stop = async () => {
    setBusy('stop');
    pairingSession.leave();
    await lan.stopHost();
    setHosting(null);
    setBusy(null);
  };

  const find = async () => {
    setBusy('find');
    setError(null);
    const answer = await lan.find();
    setBusy(null);
    if (answer.ok) setFound(answer.value);
    else setError(`Could not search the network: ${answer.error.message}`);
  };

  const join = async (target: FoundLanHost) => {
    const updated = await bridge.settings.update({ gatewayUrl: target.url });
    if (!updated.ok) setError(`Could not use ${target.url}: ${updated.error.message}`);
  };

  const address = hosting?.urls[0];
  const code = hosting && pairing.active ? pairing.code : null;
  return (
    <section className="lan-section" aria-labelledby="lan-title">
      <h2 id="lan-title" className="section-title">
        This network
      </h2>
      <div className="lan-actions">
        {hosting ? (
          <button type="button" className="button secondary small" disabled={busy !== null} onClick={() => void stop()}>
            Stop hosting
          </button>
        ) : (
          <button type="button" className="button secondary small" disabled={busy !== null} onClick={() => void host()}>
            {busy === 'host' ? 'Starting…' : 'Host on this network'}
          </button>
        )}
        <button type="button" className="button secondary small" disabled={busy !== null} onClick={() => void find()}>
          {busy === 'find' ? 'Searching…' : 'Find on this network'}
        </button>
      </div>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      {hosting && address && (
        <dl className="lan-host-info" data-testid="lan-host-info">
          <dt>Address</dt>
          <dd className="mono">{address}</dd>
          <dt>Room code</dt>
          <dd className="mono">{code ?? '…'}</dd>
          <dt>Join link</dt>
          <dd className="mono">{code ? `${address.replace(/\/$/, '')}/${joinHash(code)}` : '…'}</dd>
          <dt>Judge</dt>
          <dd>{hosting.sandboxKind === 'process' ? 'process sandbox (trusted code only)' : 'Docker containers'}</dd>
        </dl>
      )}
      {found && (
        <ul className="lan-found" aria-label="Hosts on this network">
          {found.length === 0 && <li className="muted">No host answered on this network.</li>}
          {found.map((target) => (
            <li key={`${target.name}@${target.url}`}>
              <button type="button" className="recent-item" onClick={() => void join(target)} disabled={settings.gatewayUrl === target.url}>
                <span className="recent-title">{target.name}</span>
                <span className="muted mono">{target.url}</span>
                <span className="muted">{settings.gatewayUrl === target.url ? 'in use' : 'Join'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
