/** The gateway's settings, checked at start-up (see judge-server/config/settings.ts). */
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { MAX_ICE_SERVERS, SignalIceServerSchema, type SignalIceServer } from '../../protocol/index.js';
import { ConfigError, integer, json, readSettings, text, type Setting, type SettingValues } from '../config/settings.js';
import { sharedSettings } from '../config/shared-settings.js';
import { compileSettings } from '../config/compile-settings.js';

const root = path.resolve(import.meta.dirname, '../..');

export const gatewaySettings = {
  ...sharedSettings,
  // Listed by GET /v1/languages; the worker enforces them and must be given the same values.
  ...compileSettings,
  port: integer('PORT', 'HTTP port of the gateway', 8080, 0, 65_535),
  host: text('HOST', 'Address the gateway listens on', '127.0.0.1'),
  challengesDir: text('CHALLENGES_DIR', 'Folder of the challenge catalog', path.join(root, 'challenges')),
  webDir: text('WEB_DIR', 'Folder of the browser-guest build served at /', path.join(root, 'out/web')),
  rateLimitMax: integer('RATE_LIMIT_MAX', 'Submissions one client may make per rate-limit window', 60, 1, 100_000),
  tokenRateLimitMax: integer(
    'TOKEN_RATE_LIMIT_MAX',
    'Submissions one API token may make per rate-limit window (anonymous clients get RATE_LIMIT_MAX)',
    600,
    1,
    1_000_000,
  ),
  rateLimitWindowMs: integer('RATE_LIMIT_WINDOW_MS', 'Length of the rate-limit window', 60_000, 1000, 3_600_000),
  dataDir: text('DATA_DIR', 'Folder of the SQLite database (pairjudge.sqlite) when DATABASE_URL is not set; gateways of one checkout share it', path.join(root, 'data')),
  databaseSchema: text('DATABASE_SCHEMA', 'PostgreSQL schema holding the submission tables', 'public', /^[a-z_][a-z0-9_]{0,62}$/),
  resultTtlMs: integer('RESULT_TTL_MS', 'Retention: how long a finished submission (its result and idempotency key) is kept after it finished', 86_400_000, 60_000, 30 * 86_400_000),
  submissionDeadlineMs: integer(
    'SUBMISSION_DEADLINE_MS',
    'A submission not finished this long after it was accepted ends as internal_error (the reaper)',
    900_000,
    5_000,
    86_400_000,
  ),
  maxQueuedSubmissions: integer('MAX_QUEUED_SUBMISSIONS', 'Backpressure: submissions waiting for a worker before new ones get 429 with Retry-After', 2_000, 1, 1_000_000),
  pairingIceServers: json<SignalIceServer[]>(
    'PAIRING_ICE_SERVERS',
    'STUN/TURN servers offered to every pairing peer, so browser guests across NATs need no settings',
    [],
    'a JSON array like [{"urls":"stun:stun.example.org:3478"},{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]',
    (value) => {
      const schema = Type.Array(SignalIceServerSchema, { maxItems: MAX_ICE_SERVERS });
      if (Value.Check(schema, value)) return undefined;
      const first = Value.Errors(schema, value).First();
      return `is invalid at ${first?.path || '/'}: ${first?.message ?? 'not an array of ICE servers'}`;
    },
  ),
  databaseUrl: {
    env: 'DATABASE_URL',
    description: 'PostgreSQL URL; when set it is used instead of the SQLite file in DATA_DIR',
    default: '',
    accepts: 'a postgres:// or postgresql:// URL',
    parse(raw: string): string {
      // The value is not echoed like other settings' are: it usually holds a password.
      if (!/^postgres(ql)?:\/\/\S+$/.test(raw)) throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL (the value is not shown: it may hold a password)');
      return raw;
    },
  } satisfies Setting<string>,
  corsOrigins: text(
    'CORS_ORIGINS',
    'Other origins whose pages may call the API from a browser, comma-separated (the gateway\'s own pages need none)',
    '',
    /^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/,
  ),
};

export type GatewayConfig = SettingValues<typeof gatewaySettings>;

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return readSettings(gatewaySettings, env);
}
