/**
 * App settings: where the judge lives, how the person is called in a pairing session, the ICE
 * servers (STUN/TURN) pairing uses to get through NATs, and the colour theme. Main persists them in the user-data folder; the browser guest keeps them in
 * localStorage. Both validate with these schemas, so a hand-edited file cannot break the app.
 */
import { Type, type Static } from '@sinclair/typebox';

export const ThemeSchema = Type.Union([Type.Literal('system'), Type.Literal('light'), Type.Literal('dark')]);
export type Theme = Static<typeof ThemeSchema>;

/** Only http(s) URLs: the judge client must never be pointed at file: or other schemes. */
export const GATEWAY_URL_PATTERN = '^https?://[^\\s/?#]+(/[^\\s?#]*)?$';

/** A STUN or TURN server as WebRTC takes it; TURN servers usually need a username and credential. */
export const IceServerSchema = Type.Object(
  {
    urls: Type.String({ pattern: '^(stun|stuns|turn|turns):[^\\s]+$', maxLength: 512 }),
    username: Type.Optional(Type.String({ maxLength: 256 })),
    credential: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type IceServerSetting = Static<typeof IceServerSchema>;

export const SettingsSchema = Type.Object(
  {
    gatewayUrl: Type.String({ pattern: GATEWAY_URL_PATTERN, maxLength: 2048 }),
    displayName: Type.String({ maxLength: 60 }),
    // None are needed on one machine or one LAN; across NATs STUN, and behind strict ones TURN.
    iceServers: Type.Array(IceServerSchema, { maxItems: 8 }),
    theme: ThemeSchema,
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
};
