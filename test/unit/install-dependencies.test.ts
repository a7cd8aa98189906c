/**
 * setup's npm step (scripts/install-dependencies.sh) with a stand-in `npm` on PATH that fails the
 * way npm does where Electron's download host cannot be reached. The real path, a fresh clone on
 * a machine without that host, is what CI (`.ci/run`) takes; this pins the decision itself.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/install-dependencies.sh', import.meta.url));

const ELECTRON_FAILURE = `npm error code 1
npm error path /repo/node_modules/electron
npm error command failed
npm error command sh -c node install.js
npm error RequestError: getaddrinfo ENOTFOUND github.com`;

/** Stands in for Electron's download host where a test needs it to answer. */
let downloadHost: Server;
let reachable = '';
const UNREACHABLE = 'http://127.0.0.1:1/';

beforeAll(async () => {
  downloadHost = createServer((_request, response) => response.end());
  await new Promise<void>((resolve) => downloadHost.listen(0, '127.0.0.1', resolve));
  const address = downloadHost.address();
  reachable = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

afterAll(() => {
  downloadHost?.close();
});

/** Runs the script with a fake npm whose first call prints `firstOutput` and exits `firstCode`. */
function run(firstOutput: string, firstCode: number, mirror = reachable): Promise<{ code: number; stdout: string; calls: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-npm-'));
  const calls = path.join(dir, 'calls');
  writeFileSync(calls, '');
  writeFileSync(
    path.join(dir, 'npm'),
    `#!/usr/bin/env bash
echo "$* skip=\${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" >> ${JSON.stringify(calls)}
if [ "$(wc -l < ${JSON.stringify(calls)})" = 1 ]; then printf '%s\\n' ${JSON.stringify(firstOutput)} >&2; exit ${firstCode}; fi
exit 0
`,
  );
  chmodSync(path.join(dir, 'npm'), 0o755);
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, ELECTRON_SKIP_BINARY_DOWNLOAD: '', ELECTRON_MIRROR: mirror } }, (error, stdout) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, calls: readFileSync(calls, 'utf8').trim().split('\n') });
    });
  });
}

describe('setup: installing npm dependencies', () => {
  it('installs once when npm succeeds, with nothing skipped', async () => {
    const result = await run('', 0);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(['install --no-audit --no-fund --loglevel=error skip=']);
  });

  it("installs again without Electron's binary when its download fails, says so in one line, and succeeds", async () => {
    const result = await run(ELECTRON_FAILURE, 1);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(['install --no-audit --no-fund --loglevel=error skip=', 'install --no-audit --no-fund --loglevel=error skip=1']);
    const notes = result.stdout.split('\n').filter((line) => line.includes("Electron's binary could not be downloaded"));
    expect(notes).toHaveLength(1);
  });

  it("installs once, without Electron's binary, when its download host does not answer at all", async () => {
    const result = await run('', 0, UNREACHABLE);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(['install --no-audit --no-fund --loglevel=error skip=1']);
    expect(result.stdout.split('\n').filter((line) => line.includes("Electron's binary could not be downloaded"))).toHaveLength(1);
  });

  it('stops on any other npm failure', async () => {
    const result = await run('npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope', 1);
    expect(result.code).toBe(1);
    expect(result.calls).toHaveLength(1);
  });
});
