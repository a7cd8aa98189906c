/** Runs a gateway on its own (`npm run gateway`); workers run elsewhere against the same broker. */
import { loadEnvFile } from '../config/load-env-file.js';
import { ConfigError } from '../config/settings.js';
import { readGatewayConfig } from './config.js';
import { startGateway } from './server.js';

async function main(): Promise<void> {
  loadEnvFile();
  const config = readGatewayConfig();
  const { app, url } = await startGateway({ config, logger: { level: config.logLevel, name: 'gateway' } });
  app.log.info(`gateway listening on ${url}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
