/**
 * Starts `pairjudge host` as a child process and waits for the URL it prints; stops it the way a
 * person does (SIGINT, Ctrl-C) and reports how it ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PAIRJUDGE_BIN, REPO_ROOT } from './run-cli.js';

export interface RunningHostProcess {
  child: ChildProcess;
  /** The first URL printed after "open:". */
  url: string;
  output(): string;
  /** Sends SIGINT and resolves with the exit code once the process has ended. */
  interrupt(timeoutMs?: number): Promise<number | null>;
}

export async function startHostProcess(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RunningHostProcess> {
  const child = spawn(process.execPath, [PAIRJUDGE_BIN, 'host', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pairjudge host printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const match = /open: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`pairjudge host exited (${code}) before printing a URL:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    async interrupt(stopTimeoutMs = 30_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
