/**
 * Which judge answers right now: the cloud gateway, a LAN host's gateway, or this machine's
 * local judge. Derived from the Settings choice (auto / cloud / local) and whether the gateway
 * answered its last health check or call. An external store (subscribe / getSnapshot) so the top
 * bar's indicator and the workspace read the same state.
 */
import type { JudgeBridge } from '../bridge/bridge-api.js';
import type { JudgeMode, JudgeModeSetting } from '../bridge/offline-api.js';

export interface JudgeModeSnapshot {
  mode: JudgeMode;
  setting: JudgeModeSetting;
  /** Whether the gateway answered last time it was asked; undefined before the first answer. */
  reachable: boolean | undefined;
}

/** Addresses of a private network (RFC 1918, link-local, mDNS names): a gateway there is a LAN host. */
export function isLanAddress(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.endsWith('.local')) return true;
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
}

export function deriveMode(setting: JudgeModeSetting, reachable: boolean | undefined, gatewayUrl: string): JudgeMode {
  const remote: JudgeMode = isLanAddress(gatewayUrl) ? 'lan' : 'cloud';
  if (setting === 'local') return 'local';
  if (setting === 'cloud') return remote;
  // Until the first answer, assume the judge is there: the first call will say otherwise.
  return reachable === false ? 'local' : remote;
}

export class JudgeModeStore {
  private snapshot: JudgeModeSnapshot = { mode: 'cloud', setting: 'auto', reachable: undefined };
  private gatewayUrl = '';
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): JudgeModeSnapshot => this.snapshot;

  configure(setting: JudgeModeSetting, gatewayUrl: string): void {
    this.gatewayUrl = gatewayUrl;
    this.update({ setting });
  }

  /** Records what the last call to the gateway showed. */
  setReachable(reachable: boolean): void {
    this.update({ reachable });
  }

  /** Asks the gateway's health now and then, so the indicator changes without a Run. */
  watch(judge: Pick<JudgeBridge, 'health'>, intervalMs: number, onReachable?: () => void): () => void {
    const check = async () => {
      const answer = await judge.health();
      const was = this.snapshot.reachable;
      this.setReachable(answer.ok || answer.error.kind !== 'unreachable');
      if (this.snapshot.reachable && was !== true) onReachable?.();
    };
    void check();
    this.timer = setInterval(() => void check(), intervalMs);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
    };
  }

  private update(patch: Partial<JudgeModeSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    next.mode = deriveMode(next.setting, next.reachable, this.gatewayUrl);
    if (next.mode === this.snapshot.mode && next.setting === this.snapshot.setting && next.reachable === this.snapshot.reachable) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** The one store of the app (like the workspace store). */
export const judgeModeStore = new JudgeModeStore();
