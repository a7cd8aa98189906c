/**
 * Settings: gateway URL (desktop only: the browser guest always uses the gateway that served
 * it), display name and ICE servers for pairing sessions, and theme. Saved through the bridge,
 * which validates.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import { formatIceServers, parseIceServers } from '../bridge/ice-servers-text.js';
import type { JudgeModeSetting } from '../bridge/offline-api.js';
import type { Settings, Theme } from '../bridge/settings-schema.js';

export interface SettingsDialogProps {
  bridge: PairJudgeBridge;
  settings: Settings;
  onClose(): void;
}

export function SettingsDialog({ bridge, settings, onClose }: SettingsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(settings);
  const [iceText, setIceText] = useState(() => formatIceServers(settings.iceServers));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ice = parseIceServers(iceText);
    if (!ice.ok) {
      setProblem(ice.message);
      return;
    }
    setSaving(true);
    const patch =
      bridge.kind === 'desktop'
        ? { ...draft, iceServers: ice.value }
        : { displayName: draft.displayName, theme: draft.theme, iceServers: ice.value, coachToken: draft.coachToken, judgeMode: draft.judgeMode };
    const answer = await bridge.settings.update(patch);
    setSaving(false);
    if (answer.ok) onClose();
    else
      setProblem(
        answer.error.field === 'settings.gatewayUrl'
          ? 'Enter an http:// or https:// address.'
          : answer.error.field === 'settings.coachToken'
            ? 'A coach token starts with pj_ and is 46 characters long; leave it empty if you have none.'
            : answer.error.message,
      );
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="settings-title" onClose={onClose}>
      <form method="dialog" onSubmit={onSubmit} className="dialog-body">
        <h2 id="settings-title">Settings</h2>
        <label className="field">
          <span className="field-label">Judge gateway</span>
          <input
            className="mono"
            value={draft.gatewayUrl}
            disabled={bridge.kind === 'web'}
            onChange={(event) => setDraft({ ...draft, gatewayUrl: event.target.value })}
            aria-describedby="gateway-help"
          />
          <span id="gateway-help" className="field-help">
            {bridge.kind === 'web' ? 'In the browser, the app uses the judge that served this page.' : 'Where submissions are judged, e.g. http://127.0.0.1:8080.'}
          </span>
        </label>
        <label className="field">
          <span className="field-label">Display name</span>
          <input value={draft.displayName} maxLength={60} onChange={(event) => setDraft({ ...draft, displayName: event.target.value })} placeholder="Shown to your pair" />
        </label>
        <label className="field">
          <span className="field-label">ICE servers for pairing</span>
          <textarea
            className="mono"
            rows={3}
            value={iceText}
            onChange={(event) => setIceText(event.target.value)}
            placeholder={'stun:stun.example.org:3478\nturn:turn.example.org:3478 user secret'}
            aria-describedby="ice-help"
            spellCheck={false}
          />
          <span id="ice-help" className="field-help">
            One per line: a STUN URL, or a TURN URL with username and credential. None are needed on one network.
          </span>
        </label>
        <label className="field">
          <span className="field-label">Coach token</span>
          <input
            type="password"
            className="mono"
            autoComplete="off"
            value={draft.coachToken}
            onChange={(event) => setDraft({ ...draft, coachToken: event.target.value.trim() })}
            aria-describedby="coach-token-help"
            placeholder="pj_…"
          />
          <span id="coach-token-help" className="field-help">
            From the judge's operator (pairjudge token create --role coach). Needed only to write challenges.
          </span>
        </label>
        <label className="field">
          <span className="field-label">Judge</span>
          <select
            value={draft.judgeMode}
            onChange={(event) => setDraft({ ...draft, judgeMode: event.target.value as JudgeModeSetting })}
            aria-describedby="judge-mode-help"
          >
            <option value="auto">Automatic</option>
            <option value="cloud">Always the cloud judge</option>
            <option value="local">Always this machine</option>
          </select>
          <span id="judge-mode-help" className="field-help">
            Automatic uses this machine while the judge is unreachable. A local Run checks the visible tests and your own; Submits wait in
            the outbox until the judge gives the official verdict.
          </span>
        </label>
        <label className="field">
          <span className="field-label">Theme</span>
          <select value={draft.theme} onChange={(event) => setDraft({ ...draft, theme: event.target.value as Theme })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        {problem && <p className="field-error" role="alert">{problem}</p>}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
