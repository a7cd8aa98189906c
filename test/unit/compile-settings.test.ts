/**
 * The compile stage's settings: a deadline per language beside the common one, refused with the
 * setting's name when malformed, and the same limits for the worker and for GET /v1/languages.
 */
import { describe, expect, it } from 'vitest';
import { compileLimitsFor } from '../../judge-server/config/compile-settings.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';

describe('compile settings', () => {
  it('gives Rust its own deadline by default and the common one to the others', () => {
    const config = readWorkerConfig({});
    expect(compileLimitsFor(config, 'rust').wallTimeMs).toBe(60_000);
    expect(compileLimitsFor(config, 'cpp').wallTimeMs).toBe(30_000);
    expect(compileLimitsFor(config, 'java').wallTimeMs).toBe(30_000);
  });

  it('lets COMPILE_WALL_TIME_MS_BY_LANGUAGE set or drop per-language deadlines', () => {
    const env = { COMPILE_WALL_TIME_MS: '40000', COMPILE_WALL_TIME_MS_BY_LANGUAGE: 'java=50000, go=20000' };
    const config = readWorkerConfig(env);
    expect(compileLimitsFor(config, 'java').wallTimeMs).toBe(50_000);
    expect(compileLimitsFor(config, 'go').wallTimeMs).toBe(20_000);
    expect(compileLimitsFor(config, 'rust').wallTimeMs).toBe(40_000);
    expect(compileLimitsFor(readWorkerConfig({ COMPILE_WALL_TIME_MS_BY_LANGUAGE: 'none' }), 'rust').wallTimeMs).toBe(30_000);
    // The gateway reads the same settings, so what it lists is what the worker applies.
    expect(compileLimitsFor(readGatewayConfig(env), 'java')).toEqual(compileLimitsFor(config, 'java'));
  });

  it.each([
    ['rust=60000,cobol=1000', /COMPILE_WALL_TIME_MS_BY_LANGUAGE: "cobol" is not a compiled language/],
    ['python=10000', /"python" is not a compiled language/],
    ['rust=200000', /rust's deadline must be an integer from 5000 to 120000 \(got "200000"\)/],
    ['rust', /rust's deadline must be an integer/],
  ])('refuses COMPILE_WALL_TIME_MS_BY_LANGUAGE=%s naming the setting', (raw, message) => {
    expect(() => readWorkerConfig({ COMPILE_WALL_TIME_MS_BY_LANGUAGE: raw })).toThrow(message);
    expect(() => readGatewayConfig({ COMPILE_WALL_TIME_MS_BY_LANGUAGE: raw })).toThrow(/COMPILE_WALL_TIME_MS_BY_LANGUAGE/);
  });
});
