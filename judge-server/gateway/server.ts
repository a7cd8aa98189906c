/** Starts a gateway and listens: the only place that opens the port. */
import type { FastifyInstance } from 'fastify';
import { buildGateway, type GatewayOptions } from './app.js';

export async function startGateway(options: GatewayOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildGateway(options);
  const url = await app.listen({ port: options.config.port, host: options.config.host });
  return { app, url };
}
