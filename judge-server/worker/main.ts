/** Runs a worker on its own: `npm run worker`. Stops cleanly on SIGINT/SIGTERM. */
import { loadEnvFile } from '../config/load-env-file.js';
import pino from 'pino';
import { ConfigError } from '../config/settings.js';
import { readWorkerConfig } from './config.js';
import { startWorker } from './worker.js';

async function main(): Promise<void> {
  loadEnvFile();
  const config = readWorkerConfig();
  const logger = pino({ name: 'worker', level: config.logLevel });
  const worker = await startWorker(config, logger);
  logger.info({ concurrency: config.concurrency, image: config.sandboxImage }, 'worker started');
  const stop = (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    void worker.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
