/** `pairjudge token create`: the token is printed once, stored hashed, and bad arguments exit 2. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAccessStores } from '../../judge-server/storage/access-stores.js';
import { createTokenCommand } from '../../judge-server/tokens/token-command.js';
import { TOKEN_PATTERN, hashToken, roleAtLeast } from '../../judge-server/tokens/token-secret.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-token-'));
const env = { DATA_DIR: dataDir };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createTokenCommand(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('pairjudge token create', () => {
  it('prints a new token once and stores only its hash, with the role asked for', async () => {
    const { code, out } = await run(['create', '--name', 'Coach Ada', '--role', 'coach']);
    expect(code).toBe(0);
    const token = out.at(-1)!;
    expect(token).toMatch(TOKEN_PATTERN);
    const stores = await openAccessStores({ dataDir, databaseUrl: '' });
    try {
      const record = await stores.tokens.findByHash(hashToken(token));
      expect(record).toMatchObject({ name: 'Coach Ada', role: 'coach' });
      expect(JSON.stringify(await stores.tokens.list())).not.toContain(token);
    } finally {
      await stores.close();
    }
  });

  it('makes a user token when no role is given, and a different token each time', async () => {
    const first = await run(['create', '--name=plain']);
    const second = await run(['create', '--name=plain']);
    expect(first.out.join('\n')).toMatch(/Created user token "plain"/);
    expect(first.out.at(-1)).not.toBe(second.out.at(-1));
  });

  const bad: [string[], RegExp][] = [
    [[], /missing action "create"/],
    [['delete', '--name', 'x'], /unknown action "delete"/],
    [['create'], /--name is required/],
    [['create', '--name'], /--name must be/],
    [['create', '--name', '   '], /--name must be/],
    [['create', '--name', 'x', '--role', 'root'], /--role must be one of user, coach, admin \(got "root"\)/],
    [['create', '--name', 'x', '--colour', 'red'], /unknown argument "--colour"/],
  ];
  for (const [argv, message] of bad) {
    it(`exits 2 naming the argument for: ${argv.join(' ') || '(nothing)'}`, async () => {
      const { code, err, out } = await run(argv);
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(out).toEqual([]);
    });
  }

  it('refuses a DATABASE_URL that is not PostgreSQL without printing it', async () => {
    const err: string[] = [];
    const code = await createTokenCommand(['create', '--name', 'x'], { env: { DATABASE_URL: 'mysql://root:hunter2@db/x' }, out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/DATABASE_URL must be a postgres/);
    expect(err.join('\n')).not.toContain('hunter2');
  });

  it('ranks roles admin > coach > user', () => {
    expect(roleAtLeast('admin', 'coach')).toBe(true);
    expect(roleAtLeast('coach', 'coach')).toBe(true);
    expect(roleAtLeast('user', 'coach')).toBe(false);
    expect(roleAtLeast('coach', 'admin')).toBe(false);
  });
});
