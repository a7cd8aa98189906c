/**
 * App settings: where the judge lives, how the person is called in a pairing session, the ICE
 * servers (STUN/TURN) pairing uses to get through NATs, and the colour theme. Main persists them in the user-data folder; the browser guest keeps them in
 * localStorage. Both validate with these schemas, so a hand-edited file cannot break the app.
 */
import { Type, type Static } from '@sinclair/typebox';
import { MAX_ICE_SERVERS, SignalIceServerSchema } from '../../../protocol/signaling.js';

export const ThemeSchema = Type.Union([Type.Literal('system'), Type.Literal('light'), Type.Literal('dark')]);
export type Theme = Static<typeof ThemeSchema>;

/** Which judge answers Run and Submit: auto follows reachability; cloud or local force one. */
export const JudgeModeSettingSchema = Type.Union([Type.Literal('auto'), Type.Literal('cloud'), Type.Literal('local')]);

/** Only http(s) URLs: the judge client must never be pointed at file: or other schemes. */
export const GATEWAY_URL_PATTERN = '^https?://[^\\s/?#]+(/[^\\s?#]*)?$';

/** Empty, or a PairJudge API token (`pj_` and 43 base64url characters). */
export const COACH_TOKEN_PATTERN = '^(pj_[A-Za-z0-9_-]{43})?$';

/** A STUN or TURN server as WebRTC takes it (the same shape the signaling server offers). */
export const IceServerSchema = SignalIceServerSchema;
export type IceServerSetting = Static<typeof IceServerSchema>;

export const SettingsSchema = Type.Object(
  {
    gatewayUrl: Type.String({ pattern: GATEWAY_URL_PATTERN, maxLength: 2048 }),
    displayName: Type.String({ maxLength: 60 }),
    // None are needed on one machine or one LAN; across NATs STUN, and behind strict ones TURN.
    iceServers: Type.Array(IceServerSchema, { maxItems: MAX_ICE_SERVERS }),
    theme: ThemeSchema,
    // An API token with the coach role (from the judge's operator), for writing challenges.
    // Empty when the person writes none. Kept like the other settings, on this machine only.
    coachToken: Type.String({ maxLength: 200, pattern: COACH_TOKEN_PATTERN }),
    // auto: the cloud (or LAN) judge when it answers, this machine's judge when it does not.
    judgeMode: JudgeModeSettingSchema,
  },
  { additionalProperties: false },
);
export type Settings = Static<typeof SettingsSchema>;

export const SettingsPatchSchema = Type.Partial(SettingsSchema, { additionalProperties: false });
export type SettingsPatch = Static<typeof SettingsPatchSchema>;

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';

export const DEFAULT_SETTINGS: Settings = {
  gatewayUrl: DEFAULT_GATEWAY_URL,
  displayName: '',
  iceServers: [],
  theme: 'system',
  coachToken: '',
  judgeMode: 'auto',
};
