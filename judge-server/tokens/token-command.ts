/**
 * The operator's command for API tokens:
 *
 *   pairjudge token create --name NAME [--role user|coach|admin]
 *   npm run token -- create --name NAME [--role user|coach|admin]
 *
 * It writes the token's hash to the gateway's database (DATABASE_URL, or DATA_DIR's SQLite file)
 * and prints the token once: it cannot be shown again, only replaced by a new one.
 * Exit codes: 0 done, 2 bad arguments (the message names the argument), 1 anything else.
 */
import { pathToFileURL } from 'node:url';
import { loadEnvFile } from '../config/load-env-file.js';
import { ConfigError } from '../config/settings.js';
import { readGatewayConfig } from '../gateway/config.js';
import { openAccessStores } from '../storage/access-stores.js';
import { ROLES, generateToken, isRole, type Role } from './token-secret.js';

export interface CommandIo {
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = `usage: pairjudge token create --name NAME [--role ${ROLES.join('|')}]`;
/** Names label tokens in logs and lists; kept short and printable. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,59}$/u;

class UsageError extends Error {}

/** `argv` is what follows `token`: e.g. `['create', '--name', 'ada', '--role', 'coach']`. Answers the exit code. */
export async function createTokenCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  let request: { name: string; role: Role };
  try {
    request = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`pairjudge token: ${error.message}`);
    err(USAGE);
    return 2;
  }

  let stores;
  try {
    const config = readGatewayConfig(io.env ?? process.env);
    stores = await openAccessStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (error) {
    err(`pairjudge token: ${error instanceof ConfigError ? `configuration error: ${error.message}` : `cannot open the token store: ${(error as Error).message}`}`);
    return 1;
  }
  try {
    const { token, id, hash } = generateToken();
    await stores.tokens.add({ id, name: request.name, role: request.role, hash, createdAt: Date.now() });
    out(`Created ${request.role} token "${request.name}" (id ${id}) in ${stores.location}.`);
    out('Keep it now; it is stored hashed and cannot be shown again:');
    out(token);
    return 0;
  } finally {
    await stores.close();
  }
}

function parseArguments(argv: string[]): { name: string; role: Role } {
  const [action, ...rest] = argv;
  if (action !== 'create') throw new UsageError(action === undefined ? 'missing action "create"' : `unknown action "${action}"`);
  let name: string | undefined;
  let role: Role = 'user';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? rest[++i];
    if (flag === '--name') {
      if (value === undefined || !NAME_PATTERN.test(value)) throw new UsageError('--name must be 1 to 60 letters, digits, spaces or ._@- (starting with a letter or digit)');
      name = value;
    } else if (flag === '--role') {
      if (!isRole(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}${value === undefined ? '' : ` (got "${value}")`}`);
      role = value;
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (name === undefined) throw new UsageError('--name is required');
  return { name, role };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  createTokenCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
