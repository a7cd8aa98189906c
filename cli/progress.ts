/**
 * A spinner on a terminal while the judge works. Nothing at all when the output is not a
 * terminal (a pipe, a file, --json), so captured output holds only the result.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  /** Changes the words beside the spinner. */
  say(text: string): void;
  /** Removes the spinner line; idempotent. */
  stop(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function startProgress(stream: ProgressStream, text: string, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { say() {}, stop() {} };
  let words = text;
  let frame = 0;
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${words}`);
  draw();
  const timer = setInterval(draw, 100);
  let stopped = false;
  return {
    say(next) {
      words = next;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
