/** Starts a gateway and listens: the only place that opens the port. */
import type { FastifyInstance } from 'fastify';
import { buildGateway, type GatewayOptions } from './app.js';

export async function startGateway(options: GatewayOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildGateway(options);
  // A burst of clients connecting at once waits in the kernel's accept queue; Node's default
  // (511) resets connections past it before any HTTP answer (backpressure answers 429 instead).
  // The kernel caps it at net.core.somaxconn.
  const url = await app.listen({ port: options.config.port, host: options.config.host, backlog: 4096 });
  return { app, url };
}
