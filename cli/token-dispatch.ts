/**
 * `pairjudge token …` is the interview API's token command (judge-server/tokens/token-command.ts,
 * `createTokenCommand`), which takes what follows `token` and answers its own exit code (0 done,
 * 2 bad arguments, 1 anything else). Loaded only for this command: it opens the token store.
 */
import type { CommandIo } from './command-io.js';

export async function tokenCommand(args: string[], io: CommandIo): Promise<number> {
  const { createTokenCommand } = await import('../judge-server/tokens/token-command.js');
  return createTokenCommand(args, {
    env: io.env,
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  });
}
