import { existsSync } from 'node:fs';
import path from 'node:path';

/** Reads `.env` from the repository root when there is one; real environment variables win. */
export function loadEnvFile(): void {
  const file = path.resolve(import.meta.dirname, '../../.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
