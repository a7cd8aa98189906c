/**
 * The one bridge between the renderer and whatever talks to the judge: the Electron preload
 * (desktop/preload) or the browser guest's web implementation (web-bridge.ts). The renderer
 * imports only these types; it never learns which side it is running on beyond `kind`.
 *
 * Calls that can fail for reasons outside the renderer's control answer a `BridgeResult`
 * instead of throwing: Electron turns errors thrown across IPC into bare strings, and the UI
 * needs the kind of failure (unreachable gateway, server error, bad input) to show the right state.
 */
import type {
  AuthoredChallengeInput,
  AuthoredChallengeSaved,
  ChallengeSummary,
  PublicChallenge,
  SubmissionRequest,
  SubmissionResult,
} from '../../../protocol/index.js';
import type { HealthInfo, JudgeError, LanguageEntry } from '../../../judge-client/judge-error.js';
import type { OfflineBridge } from './offline-api.js';
import type { Settings, SettingsPatch } from './settings-schema.js';
import type { SessionSummary } from './session-schema.js';
import type { FoundLanHost, LanHostInfo } from './lan-schema.js';

export type { HealthInfo, JudgeError, JudgeErrorKind, LanguageEntry } from '../../../judge-client/judge-error.js';

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: JudgeError };

export interface JudgeBridge {
  listChallenges(): Promise<BridgeResult<ChallengeSummary[]>>;
  getChallenge(id: string): Promise<BridgeResult<PublicChallenge>>;
  listLanguages(): Promise<BridgeResult<LanguageEntry[]>>;
  /** Sends the submission and waits (polling when the gateway answers 202) for its result. */
  submit(request: SubmissionRequest): Promise<BridgeResult<SubmissionResult>>;
  health(): Promise<BridgeResult<HealthInfo>>;
}

/**
 * Challenges written by a coach, saved on the judge with the coach token from the settings
 * (the renderer never handles the token in these calls; the bridge adds it).
 */
export interface AuthoringBridge {
  /** The challenges the settings' coach token wrote. */
  listMine(): Promise<BridgeResult<ChallengeSummary[]>>;
  /** Creates (id null) or replaces a challenge; the judge runs its reference solutions first. */
  save(id: string | null, challenge: AuthoredChallengeInput): Promise<BridgeResult<AuthoredChallengeSaved>>;
  remove(id: string): Promise<BridgeResult<null>>;
}

export interface SettingsBridge {
  get(): Promise<Settings>;
  /** Applies a validated patch and answers the full new settings. */
  update(patch: SettingsPatch): Promise<BridgeResult<Settings>>;
  /** Called when the settings change (from this window or another); returns unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void;
}

/**
 * Sessions kept by the desktop main process in the user-data folder (append-only update logs).
 * The browser guest keeps its sessions in IndexedDB from the renderer (y-indexeddb) instead.
 */
export interface SessionsBridge {
  /** Summaries for Recent sessions, newest change first. */
  list(): Promise<SessionSummary[]>;
  /** The session's state as one Yjs update; null when none is stored. */
  load(id: string): Promise<BridgeResult<Uint8Array | null>>;
  /** Appends one Yjs update; answers once it is on disk. */
  append(id: string, update: Uint8Array): Promise<BridgeResult<null>>;
  describe(summary: SessionSummary): Promise<BridgeResult<null>>;
  remove(id: string): Promise<BridgeResult<null>>;
}

/** The desktop app's LAN: host a session on this network, or find hosts by mDNS. */
export interface LanBridge {
  host(): Promise<BridgeResult<LanHostInfo>>;
  stopHost(): Promise<BridgeResult<null>>;
  current(): Promise<LanHostInfo | null>;
  find(): Promise<BridgeResult<FoundLanHost[]>>;
}

export interface PairJudgeBridge {
  /** Where the renderer runs: the desktop app or a plain browser tab. */
  kind: 'desktop' | 'web';
  judge: JudgeBridge;
  authoring: AuthoringBridge;
  settings: SettingsBridge;
  /** Desktop only: the main process keeps sessions on disk (absent in the browser guest). */
  sessions?: SessionsBridge;
  /** Desktop only: a browser can neither host nor browse mDNS (absent in the browser guest). */
  lan?: LanBridge;
  /** Local Run and the outbox for when the judge is unreachable (offline-api.ts). */
  offline?: OfflineBridge;
  /** Opens an http(s) link in the system browser (desktop) or a new tab (web). */
  openExternal(url: string): Promise<void>;
}
