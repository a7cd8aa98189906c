import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { envExample } from '../../scripts/env-example.js';

describe('settings', () => {
  it('keeps .env.example in step with the schemas (regenerate with scripts/env-example.ts)', () => {
    expect(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')).toBe(envExample());
  });

  it('refuses a limit beyond its server-side maximum, naming the setting', () => {
    expect(() => readWorkerConfig({ SANDBOX_WALL_TIME_MS: '60000' })).toThrow(/SANDBOX_WALL_TIME_MS must be an integer from 1000 to 30000/);
    expect(() => readWorkerConfig({ SANDBOX_MEMORY_MB: 'lots' })).toThrow(/SANDBOX_MEMORY_MB/);
    expect(() => readGatewayConfig({ AMQP_URL: 'http://x' })).toThrow(/AMQP_URL must use amqp or amqps/);
    expect(() => readGatewayConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readGatewayConfig({ PAIRING_ICE_SERVERS: 'stun:x' })).toThrow(/PAIRING_ICE_SERVERS must be JSON/);
    expect(() => readGatewayConfig({ PAIRING_ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/PAIRING_ICE_SERVERS is invalid at \/0\/urls/);
    expect(readGatewayConfig({ PAIRING_ICE_SERVERS: '[{"urls":"stun:s.example.org:3478"}]' }).pairingIceServers).toEqual([{ urls: 'stun:s.example.org:3478' }]);
  });

  it('uses the documented defaults when nothing is set', () => {
    const worker = readWorkerConfig({});
    expect(worker.wallTimeMs).toBe(8000);
    expect(worker.memoryMb).toBe(256);
    expect(readGatewayConfig({}).port).toBe(8080);
    expect(readGatewayConfig({}).host).toBe('127.0.0.1');
  });
});
