import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';

let app: FastifyInstance;

beforeAll(async () => {
  const webDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>PairJudge</title>');
  // DATA_DIR beside the web build: the gateway opens its SQLite store there, not in the checkout.
  const config = readGatewayConfig({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', QUEUE_PREFIX: 'unit-web', WEB_DIR: webDir, DATA_DIR: path.join(webDir, 'data') });
  app = await buildGateway({ config, logger: false, brokerWaitMs: 0 });
});

afterAll(async () => {
  await app.close();
});

describe('the browser app served by the gateway', () => {
  it('serves the build at / and forbids framing it', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>PairJudge</title>');
    expect(response.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('leaves the API answers alone', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/languages' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-frame-options']).toBeUndefined();
  });
});
