/** The gateway's settings, checked at start-up (see judge-server/config/settings.ts). */
import path from 'node:path';
import { integer, readSettings, text, type SettingValues } from '../config/settings.js';
import { sharedSettings } from '../config/shared-settings.js';

const root = path.resolve(import.meta.dirname, '../..');

export const gatewaySettings = {
  ...sharedSettings,
  port: integer('PORT', 'HTTP port of the gateway', 8080, 0, 65_535),
  host: text('HOST', 'Address the gateway listens on', '127.0.0.1'),
  challengesDir: text('CHALLENGES_DIR', 'Folder of the challenge catalog', path.join(root, 'challenges')),
  webDir: text('WEB_DIR', 'Folder of the browser-guest build served at /', path.join(root, 'out/web')),
  rateLimitMax: integer('RATE_LIMIT_MAX', 'Submissions one client may make per rate-limit window', 60, 1, 100_000),
  rateLimitWindowMs: integer('RATE_LIMIT_WINDOW_MS', 'Length of the rate-limit window', 60_000, 1000, 3_600_000),
  resultTtlMs: integer('RESULT_TTL_MS', 'How long finished results stay available to GET /v1/submissions/:id', 3_600_000, 60_000, 7 * 86_400_000),
  maxStoredResults: integer('MAX_STORED_RESULTS', 'Results kept in memory at most (oldest go first)', 10_000, 100, 1_000_000),
};

export type GatewayConfig = SettingValues<typeof gatewaySettings>;

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return readSettings(gatewaySettings, env);
}
