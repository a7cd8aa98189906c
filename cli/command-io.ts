/** What a command reads and writes, passed in so tests can run commands without a process. */
export interface OutputStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * For long-running commands: resolves when the user asks to stop (Ctrl-C, SIGTERM). Only a
   * command that calls it takes those signals over; the others keep the default (exit at once).
   */
  waitForStop(): Promise<string>;
}
